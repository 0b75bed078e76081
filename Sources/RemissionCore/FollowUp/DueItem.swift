/// Where an item of the follow-up plan stands on the "as of" day.
public enum DueStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// The window has passed with nothing recorded, and the next item of the series is not
    /// open yet: still worth catching up.
    case overdue
    /// The window is open and nothing is recorded yet.
    case due
    /// The window opens later; the due date is within the horizon (30 days by default).
    case upcoming
    /// Satisfied by a record in the window, or closed because its series ended.
    case done
    /// The window passed with nothing recorded and a later item of the series is open or
    /// past: no longer to catch up, kept so that `--all` tells the whole story. Without
    /// it, one missed test would keep `due --check` failing for ever.
    case missed
    /// A vaccination window: information, never due.
    case info
}

/// One item of the follow-up plan on the "as of" day: `remission due`.
public struct DueItem: Sendable, Hashable {
    /// `SERIES:m3` (month 3), `SERIES:d60` (day 60) or `SERIES:2026-11-20` (the daily log):
    /// counted from the infusion, so it stays the same across runs, also when the infusion
    /// date is corrected; a calendar's UID is made from it.
    public var id: String
    public var series: String
    public var kind: DueKind
    /// The series' words with the time point: "IgG (monthly), day 60".
    public var what: String
    /// The series' words alone ("IgG (monthly)"), for lists that group items by date.
    public var name: String
    /// "month 3", "day 60"; nil for the daily entry and information.
    public var timePoint: String?
    public var analytes: [String]
    public var dueDate: CalendarDate
    public var windowStart: CalendarDate
    /// Nil for information, which has no end.
    public var windowEnd: CalendarDate?
    public var status: DueStatus
    /// The record that satisfied the item, or the result that ended its series.
    public var satisfiedBy: String?
    /// Done because the series ended (IgG above the threshold, B cells reconstituted), not
    /// because a record fell in its window.
    public var closedBySeriesEnd: Bool

    public init(
        id: String, series: String, kind: DueKind, name: String, timePoint: String?, analytes: [String], dueDate: CalendarDate,
        windowStart: CalendarDate, windowEnd: CalendarDate?, status: DueStatus, satisfiedBy: String? = nil,
        closedBySeriesEnd: Bool = false
    ) {
        self.id = id
        self.series = series
        self.kind = kind
        self.name = name
        self.timePoint = timePoint
        self.what = timePoint.map { "\(name), \($0)" } ?? name
        self.analytes = analytes
        self.dueDate = dueDate
        self.windowStart = windowStart
        self.windowEnd = windowEnd
        self.status = status
        self.satisfiedBy = satisfiedBy
        self.closedBySeriesEnd = closedBySeriesEnd
    }

    /// The one analyte of a lab item, for `analyte` in JSON; nil for a panel (a blood count).
    public var analyte: String? { analytes.count == 1 ? analytes[0] : nil }

    /// Due or overdue: what `due --check` reports and reminders announce.
    public var needsAction: Bool { status == .due || status == .overdue }
}
