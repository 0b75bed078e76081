/// What a follow-up item asks for: the `kind` of `remission due --json`.
public enum DueKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A clinic visit; satisfied by an assessment or a `visit` event in its window.
    case visit
    /// A lab test; satisfied by a result for one of the series' analytes in its window.
    case lab
    /// Clinician scores (SLEDAI-2K, PGA); satisfied by an assessment in its window.
    case assessment
    /// A vaccination window: information for a talk with the team, never due.
    case vaccination
    /// Today's journal entry; satisfied by a day entry or a symptom dated today.
    case log
}

/// When the items of a series fall, counted from the infusion (day 0).
public enum PlanSchedule: Sendable, Hashable {
    /// At these calendar months after the infusion (``CalendarDate/adding(months:)``).
    case months([Int])
    /// Every `days` days from day `fromDay`, up to day `untilDay` when one is set.
    case every(days: Int, fromDay: Int, untilDay: Int?)
    /// On the dates and windows of another series: the labs drawn at each visit.
    case sameAs(String)
    /// Every day, also without an infusion date: the daily journal entry.
    case daily
}

/// A condition that ends a series early: once met, no later item is planned and the open
/// ones close with it.
public enum PlanEndCondition: String, Sendable, Hashable, Codable, CaseIterable {
    /// A result after the series began above the IgG threshold (`igg_low_g_per_l`, 4 g/L):
    /// Jain et al. 2021 monitor IgG monthly "until IgG > 400 mg/dL".
    case iggAboveThreshold = "igg-above-threshold"
    /// B-cell reconstitution confirmed, by the rule of `summary` (``BCellStatus``).
    case bCellsReconstituted = "b-cells-reconstituted"

    /// For the plan's listing and `--help`.
    public var meaning: String {
        switch self {
        case .iggAboveThreshold: return "until an IgG result above igg_low_g_per_l (default 4 g/L)"
        case .bCellsReconstituted: return "until B-cell reconstitution is confirmed (as in `remission summary`)"
        }
    }
}

/// One series of the follow-up plan: what is asked for, when, in which window, and why.
///
/// The plan is data: the defaults (``FollowUpPlan/defaults``) are a table of these, each
/// citing its source, and a journal's edits are more of them (``PlanEdits``), so changing
/// the plan never needs a code path of its own.
public struct PlanSeries: Sendable, Hashable, Codable {
    /// Stable, lowercase, with hyphens: part of every item id and calendar UID.
    public var id: String
    public var kind: DueKind
    /// What the item asks for, in words ("IgG", "Clinic visit with a clinician assessment").
    public var what: String
    /// For a lab series, the catalogue keys of which any result satisfies an item (a blood
    /// count is any of its analytes); empty otherwise.
    public var analytes: [String]
    public var schedule: PlanSchedule
    /// Days either side of the due date in which an item is satisfied.
    public var windowDays: Int
    /// The window of items due after month 12, when it differs (long-term follow-up is looser).
    public var lateWindowDays: Int?
    /// Ends the series early.
    public var until: PlanEndCondition?
    /// For a vaccination window: not within this many months after an IVIG event.
    public var ivigGapMonths: Int?
    /// Where the default comes from, or that the user changed it.
    public var source: String

    public init(
        id: String, kind: DueKind, what: String, analytes: [String] = [], schedule: PlanSchedule, windowDays: Int,
        lateWindowDays: Int? = nil, until: PlanEndCondition? = nil, ivigGapMonths: Int? = nil, source: String
    ) {
        self.id = id
        self.kind = kind
        self.what = what
        self.analytes = analytes
        self.schedule = schedule
        self.windowDays = windowDays
        self.lateWindowDays = lateWindowDays
        self.until = until
        self.ivigGapMonths = ivigGapMonths
        self.source = source
    }

    /// The window for an item due at `month` (nil for day-counted schedules).
    func window(atMonth month: Int?) -> Int {
        if let month, month > 12, let late = lateWindowDays { return late }
        return windowDays
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, what, analytes, schedule, until, source
        case windowDays = "window_days"
        case lateWindowDays = "late_window_days"
        case ivigGapMonths = "ivig_gap_months"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        kind = try c.decode(DueKind.self, forKey: .kind)
        what = try c.decode(String.self, forKey: .what)
        analytes = try c.decodeIfPresent([String].self, forKey: .analytes) ?? []
        schedule = try c.decode(PlanSchedule.self, forKey: .schedule)
        windowDays = try c.decode(Int.self, forKey: .windowDays)
        lateWindowDays = try c.decodeIfPresent(Int.self, forKey: .lateWindowDays)
        until = try c.decodeIfPresent(PlanEndCondition.self, forKey: .until)
        ivigGapMonths = try c.decodeIfPresent(Int.self, forKey: .ivigGapMonths)
        source = try c.decodeIfPresent(String.self, forKey: .source) ?? ""
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(kind, forKey: .kind)
        try c.encode(what, forKey: .what)
        try c.encode(analytes, forKey: .analytes)
        try c.encode(schedule, forKey: .schedule)
        try c.encode(windowDays, forKey: .windowDays)
        try c.encode(lateWindowDays, forKey: .lateWindowDays)
        try c.encode(until, forKey: .until)
        try c.encode(ivigGapMonths, forKey: .ivigGapMonths)
        try c.encode(source, forKey: .source)
    }
}

extension PlanSchedule: Codable {
    private enum CodingKeys: String, CodingKey {
        case months
        case everyDays = "every_days"
        case fromDay = "from_day"
        case untilDay = "until_day"
        case sameAs = "same_as"
        case daily
    }

    /// One flat object per form: `{"months": [1, 3]}`, `{"every_days": 30, "from_day": 30,
    /// "until_day": null}`, `{"same_as": "visits"}`, `{"daily": true}`: readable in plan.json.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let months = try c.decodeIfPresent([Int].self, forKey: .months) {
            self = .months(months)
        } else if let days = try c.decodeIfPresent(Int.self, forKey: .everyDays) {
            self = .every(
                days: days, fromDay: try c.decodeIfPresent(Int.self, forKey: .fromDay) ?? days,
                untilDay: try c.decodeIfPresent(Int.self, forKey: .untilDay))
        } else if let other = try c.decodeIfPresent(String.self, forKey: .sameAs) {
            self = .sameAs(other)
        } else if try c.decodeIfPresent(Bool.self, forKey: .daily) == true {
            self = .daily
        } else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath, debugDescription: "a schedule has months, every_days, same_as or daily"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .months(let months): try c.encode(months, forKey: .months)
        case .every(let days, let from, let until):
            try c.encode(days, forKey: .everyDays)
            try c.encode(from, forKey: .fromDay)
            try c.encode(until, forKey: .untilDay)
        case .sameAs(let other): try c.encode(other, forKey: .sameAs)
        case .daily: try c.encode(true, forKey: .daily)
        }
    }
}

/// A journal's changes to the default plan, as stored next to it (`plan.json`).
///
/// Only what the user changed is kept, like the settings: a default the user never touched
/// follows the documented one, also when a later version revises it.
public struct PlanEdits: Sendable, Hashable, Codable {
    /// Default series the user removed, by id.
    public var removed: [String]
    /// Series that replace a default of the same id (rescheduled), or that the user added.
    public var series: [PlanSeries]

    public init(removed: [String] = [], series: [PlanSeries] = []) {
        self.removed = removed
        self.series = series
    }

    public var isEmpty: Bool { removed.isEmpty && series.isEmpty }
}

/// The follow-up plan in effect: the defaults with a journal's edits applied.
public struct FollowUpPlan: Sendable, Hashable {
    /// Where a series of the plan in effect comes from.
    public enum Origin: String, Sendable, Hashable, Codable {
        case `default`
        case changed
        case added
    }

    public var series: [PlanSeries]
    public var origins: [String: Origin]

    /// The defaults with `edits` applied: removed ones left out, changed ones in the place of
    /// their default, added ones after the defaults in the order they were added.
    public init(edits: PlanEdits = PlanEdits(), defaults: [PlanSeries] = FollowUpPlan.defaults) {
        var byID: [String: PlanSeries] = [:]
        for item in edits.series { byID[item.id] = item }
        let removed = Set(edits.removed)
        var series: [PlanSeries] = []
        var origins: [String: Origin] = [:]
        let defaultIDs = Set(defaults.map(\.id))
        for item in defaults where !removed.contains(item.id) {
            if let changed = byID[item.id] {
                series.append(changed)
                origins[item.id] = .changed
            } else {
                series.append(item)
                origins[item.id] = .default
            }
        }
        for item in edits.series where !defaultIDs.contains(item.id) {
            series.append(item)
            origins[item.id] = .added
        }
        self.series = series
        self.origins = origins
    }

    public func series(id: String) -> PlanSeries? { series.first { $0.id == id } }
}
