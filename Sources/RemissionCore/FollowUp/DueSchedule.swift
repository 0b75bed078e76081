#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The items of the follow-up plan and their status on one day: `remission due`.
///
/// Pure: the plan, the records and the "as of" day come in, items go out; only records
/// dated up to `asOf` count, so a past day shows what was known then.
public struct DueSchedule: Sendable, Hashable {
    /// How far ahead `upcoming` reaches by default (issue 14: "within 30 days by default").
    public static let defaultHorizonDays = 30

    public var asOf: CalendarDate
    public var horizonDays: Int
    /// Every item up to the horizon, of every status, by due date.
    public var items: [DueItem]

    /// Computes the items of `plan` for the records.
    ///
    /// - Parameters:
    ///   - horizonDays: items due up to this many days after `asOf` are `upcoming`; later
    ///     ones are left out.
    ///   - settings: the IgG threshold that ends the monthly IgG series, and the B-cell
    ///     thresholds of the reconstitution rule.
    public init(
        plan: FollowUpPlan, records: FollowUpRecords, asOf: CalendarDate,
        horizonDays: Int = DueSchedule.defaultHorizonDays, settings: ClinicalSettings = .defaults
    ) {
        self.asOf = asOf
        self.horizonDays = horizonDays
        let infusion = records.infusion.flatMap { $0 <= asOf ? $0 : nil }
        let context = Context(records: records, infusion: infusion, asOf: asOf, horizon: asOf.adding(days: horizonDays), settings: settings)
        var items: [DueItem] = []
        for series in plan.series {
            items += context.items(of: series, in: plan)
        }
        let order = Dictionary(uniqueKeysWithValues: plan.series.enumerated().map { ($1.id, $0) })
        self.items = items.sorted {
            ($0.dueDate, order[$0.series] ?? 0, $0.id) < ($1.dueDate, order[$1.series] ?? 0, $1.id)
        }
    }

    /// How long after it opens a vaccination window is still listed without `--all`: long
    /// enough for the next visit to talk about it, not for years.
    public static let infoShownDays = 180

    /// What `remission due` lists without `--all`: what needs action, what comes within the
    /// horizon, and the vaccination windows that open within it or opened in the last
    /// ``infoShownDays`` days.
    public var current: [DueItem] {
        let horizon = asOf.adding(days: horizonDays)
        return items.filter {
            switch $0.status {
            case .done, .missed: return false
            case .info: return $0.windowStart <= horizon && $0.windowStart.adding(days: Self.infoShownDays) >= asOf
            case .overdue, .due, .upcoming: return $0.windowStart <= horizon
            }
        }
    }

    /// An item with nothing after it in its series (the month-6 assessment, a one-off) stays
    /// overdue for one interval of its series (the gap from the item before), or this many
    /// days when it is alone; then it is missed, as if a next item had opened.
    public static let loneItemOverdueDays = 90

    /// Due or overdue: what `--check` reports.
    public var needingAction: [DueItem] { items.filter(\.needsAction) }

    /// One occurrence of a series before its status is known.
    struct Occurrence {
        var key: String
        var label: String
        var due: CalendarDate
        var start: CalendarDate
        var end: CalendarDate?
    }

    struct Context {
        let records: FollowUpRecords
        let infusion: CalendarDate?
        let asOf: CalendarDate
        let horizon: CalendarDate
        let settings: ClinicalSettings
        /// The results of each analyte by date (then as entered): a window is found by binary
        /// search, since ten years of visits and monthly series ask a few hundred times.
        let labsByAnalyte: [String: [(position: Int, lab: FollowUpRecords.Lab)]]

        init(records: FollowUpRecords, infusion: CalendarDate?, asOf: CalendarDate, horizon: CalendarDate, settings: ClinicalSettings) {
            self.records = records
            self.infusion = infusion
            self.asOf = asOf
            self.horizon = horizon
            self.settings = settings
            var byAnalyte: [String: [(position: Int, lab: FollowUpRecords.Lab)]] = [:]
            for (position, lab) in records.labs.enumerated() { byAnalyte[lab.point.analyte, default: []].append((position, lab)) }
            for key in byAnalyte.keys {
                byAnalyte[key]!.sort { ($0.lab.point.date, $0.position) < ($1.lab.point.date, $1.position) }
            }
            labsByAnalyte = byAnalyte
        }

        /// The first result of `analyte` dated from `start` to `end`, with its place in the records.
        func firstLab(_ analyte: String, from start: CalendarDate, to end: CalendarDate) -> (position: Int, lab: FollowUpRecords.Lab)? {
            guard let labs = labsByAnalyte[analyte] else { return nil }
            var low = 0, high = labs.count
            while low < high {
                let middle = (low + high) / 2
                if labs[middle].lab.point.date < start { low = middle + 1 } else { high = middle }
            }
            guard low < labs.count, labs[low].lab.point.date <= end else { return nil }
            return labs[low]
        }

        func items(of series: PlanSeries, in plan: FollowUpPlan) -> [DueItem] {
            if case .daily = series.schedule { return [dailyItem(series)] }
            guard let infusion else { return [] }
            var occurrences = self.occurrences(of: series, in: plan, infusion: infusion)
            if series.kind == .vaccination {
                return occurrences.map { info(series, $0) }
            }
            let end = series.until.flatMap { endOfSeries($0, from: occurrences.first?.start ?? infusion) }
            if let end { occurrences.removeAll { $0.start > end.date } }
            var items: [DueItem] = []
            for (index, occurrence) in occurrences.enumerated() {
                var item = DueItem(
                    id: "\(series.id):\(occurrence.key)", series: series.id, kind: series.kind,
                    name: series.what, timePoint: occurrence.label, analytes: series.analytes, dueDate: occurrence.due,
                    windowStart: occurrence.start, windowEnd: occurrence.end, status: .upcoming)
                let windowEnd = occurrence.end ?? occurrence.start
                if let record = satisfying(series, from: occurrence.start, to: min(windowEnd, asOf)) {
                    item.status = .done
                    item.satisfiedBy = record
                } else if occurrence.start > asOf {
                    guard occurrence.due <= horizon else { continue }  // beyond what is listed
                    item.status = .upcoming
                } else if windowEnd < asOf, let next = nextStart(occurrences, index, ended: end != nil), next <= asOf {
                    item.status = .missed
                } else if let end {
                    item.status = .done
                    item.satisfiedBy = end.record
                    item.closedBySeriesEnd = true
                } else {
                    item.status = windowEnd < asOf ? .overdue : .due
                }
                items.append(item)
            }
            return items
        }

        /// When the item after `index` opens: the next occurrence's window, or for the last item
        /// of a series that runs on, one interval later (see ``DueSchedule/loneItemOverdueDays``).
        /// Nil for the last item of an ended series, which closes with it instead.
        func nextStart(_ occurrences: [Occurrence], _ index: Int, ended: Bool) -> CalendarDate? {
            if occurrences.indices.contains(index + 1) { return occurrences[index + 1].start }
            guard !ended else { return nil }
            let current = occurrences[index]
            let interval = index > 0 ? current.due.days(since: occurrences[index - 1].due) : DueSchedule.loneItemOverdueDays
            let window = current.due.days(since: current.start)
            return current.due.adding(days: max(interval - window, window + 1))
        }

        /// Today's entry: due until a day entry or a symptom is recorded for `asOf`.
        func dailyItem(_ series: PlanSeries) -> DueItem {
            let entry = records.entries.first { $0.date == asOf }
            return DueItem(
                id: "\(series.id):\(asOf.iso)", series: series.id, kind: series.kind, name: series.what, timePoint: nil,
                analytes: series.analytes, dueDate: asOf, windowStart: asOf, windowEnd: asOf,
                status: entry == nil ? .due : .done, satisfiedBy: entry?.id)
        }

        /// A vaccination window: open from its month (later after an IVIG), without an end.
        func info(_ series: PlanSeries, _ occurrence: Occurrence) -> DueItem {
            var start = occurrence.due
            if let gap = series.ivigGapMonths,
                let lastIVIG = records.ivig.filter({ $0.date <= asOf }).map(\.date).max()
            {
                start = max(start, lastIVIG.adding(months: gap))
            }
            return DueItem(
                id: "\(series.id):\(occurrence.key)", series: series.id, kind: series.kind,
                name: series.what, timePoint: nil, analytes: series.analytes, dueDate: start, windowStart: start,
                windowEnd: nil, status: .info)
        }

        /// The occurrences of a series: every month of a list (the next one decides when a
        /// missed item stops being overdue), steps in days up to the horizon.
        func occurrences(of series: PlanSeries, in plan: FollowUpPlan, infusion: CalendarDate) -> [Occurrence] {
            var timing = series
            if case .sameAs(let other) = series.schedule, let target = plan.series(id: other) {
                timing.schedule = target.schedule
                timing.windowDays = target.windowDays
                timing.lateWindowDays = target.lateWindowDays
            }
            switch timing.schedule {
            case .months(let months):
                return months.sorted().map { month in
                    let due = infusion.adding(months: month)
                    let window = timing.window(atMonth: month)
                    return Occurrence(
                        key: "m\(month)", label: "month \(month)", due: due,
                        start: due.adding(days: -window), end: due.adding(days: window))
                }
            case .every(let step, let from, let until):
                guard step > 0 else { return [] }
                var result: [Occurrence] = []
                var day = from
                while true {
                    if let until, day > until { break }
                    let due = infusion.adding(days: day)
                    if due > horizon && due.adding(days: -timing.windowDays) > asOf { break }
                    result.append(
                        Occurrence(
                            key: "d\(day)", label: "day \(day)", due: due,
                            start: due.adding(days: -timing.windowDays), end: due.adding(days: timing.windowDays)))
                    day += step
                }
                return result
            case .sameAs, .daily:
                return []  // a chain of same-as, or a daily target: refused when the plan is edited
            }
        }

        /// The first record in the window that satisfies an item of the series.
        func satisfying(_ series: PlanSeries, from start: CalendarDate, to end: CalendarDate) -> String? {
            guard start <= end else { return nil }
            switch series.kind {
            case .lab:
                let found = series.analytes.compactMap { firstLab($0, from: start, to: end) }
                return found.min { ($0.lab.point.date, $0.position) < ($1.lab.point.date, $1.position) }?.lab.id
            case .visit:
                let candidates = (records.assessments + records.visits).filter { $0.date >= start && $0.date <= end }
                return candidates.min { ($0.date, $0.id) < ($1.date, $1.id) }?.id
            case .assessment:
                return records.assessments.first { $0.date >= start && $0.date <= end }?.id
            case .log:
                return records.entries.first { $0.date >= start && $0.date <= end }?.id
            case .vaccination:
                return nil
            }
        }

        /// When a conditional series ended, and the record that ended it; nil while it runs.
        func endOfSeries(_ condition: PlanEndCondition, from start: CalendarDate) -> (date: CalendarDate, record: String)? {
            switch condition {
            case .iggAboveThreshold:
                // A result before the series began (before the nadir) does not end it.
                let threshold = settings.iggLowGPerL
                guard
                    let result = (labsByAnalyte["igg"] ?? []).map(\.lab).first(where: {
                        $0.point.date >= start && $0.point.date <= asOf
                            && ThresholdComparison.atOrBelow($0.point.value, $0.point.qualifier, threshold) == false
                    })
                else { return nil }
                return (result.point.date, result.id)
            case .bCellsReconstituted:
                // The rule of `summary`, asked on each result's day: the series ends on the day
                // reconstitution became confirmed, with the confirming result.
                let cd19 = (labsByAnalyte["cd19"] ?? []).map(\.lab).filter { $0.point.date <= asOf }
                let points = cd19.map(\.point)
                for result in cd19 where infusion.map({ result.point.date > $0 }) ?? false {
                    let status = BCellStatus.evaluate(
                        points: points, infusion: infusion, asOf: result.point.date, settings: settings)
                    if status.status == .reconstituted {
                        let sameDay = cd19.last { $0.point.date == result.point.date } ?? result
                        return (result.point.date, sameDay.id)
                    }
                }
                return nil
            }
        }
    }
}
