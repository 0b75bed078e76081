/// How a series is timed on the command line (`plan add`, `plan reschedule`): exactly one of
/// months, a step in days, or another series' dates.
public struct PlanTimingInput: Sendable, Hashable {
    public var months: String?
    public var every: String?
    public var fromDay: String?
    public var untilDay: String?
    public var at: String?
    public var window: String?
    public var lateWindow: String?

    public init(
        months: String? = nil, every: String? = nil, fromDay: String? = nil, untilDay: String? = nil, at: String? = nil,
        window: String? = nil, lateWindow: String? = nil
    ) {
        self.months = months
        self.every = every
        self.fromDay = fromDay
        self.untilDay = untilDay
        self.at = at
        self.window = window
        self.lateWindow = lateWindow
    }

    /// The schedule given, nil when none of --months, --every or --at is.
    ///
    /// - Throws: ``InputError`` for two forms at once, a bad list or count, or --from-day /
    ///   --until-day without --every.
    public func schedule() throws(InputError) -> PlanSchedule? {
        let given = [months.map { _ in "--months" }, every.map { _ in "--every" }, at.map { _ in "--at" }].compactMap { $0 }
        if given.count > 1 {
            throw InputError(
                field: given[1], value: [months, every, at].compactMap { $0 }[1], reason: "was given together with \(given[0])",
                accepted: "one of --months LIST, --every DAYS or --at SERIES")
        }
        if every == nil, let extra = fromDay.map({ ("--from-day", $0) }) ?? untilDay.map({ ("--until-day", $0) }) {
            throw InputError(field: extra.0, value: extra.1, reason: "only applies to --every", accepted: "--every 30d --from-day 30")
        }
        if let months { return .months(try PlanInput.months(months)) }
        if let every {
            let step = try PlanInput.days(every, field: "--every", range: 1...3650)
            let from = try fromDay.map { text throws(InputError) in try PlanInput.day(text, field: "--from-day") } ?? step
            let until = try untilDay.map { text throws(InputError) in try PlanInput.day(text, field: "--until-day") }
            if let until, until < from {
                throw InputError(field: "--until-day", value: untilDay ?? "", reason: "is before --from-day (\(from))", accepted: "a day on or after \(from)")
            }
            return .every(days: step, fromDay: from, untilDay: until)
        }
        if let at { return .sameAs(try PlanInput.seriesID(at, field: "--at")) }
        return nil
    }
}

/// Reading the plan's values from the command line; every error names the field, the value
/// and what is accepted.
public enum PlanInput {
    /// `1,3,6,12` → [1, 3, 6, 12]: months after the infusion, 1 to 600, each once.
    public static func months(_ text: String, field: String = "--months") throws(InputError) -> [Int] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { TextKey.trimmed(String($0)) }
        var months: [Int] = []
        for part in parts {
            guard let month = Int(part), (1...600).contains(month) else {
                throw InputError(
                    field: field, value: text, reason: part.isEmpty ? "has an empty entry" : "'\(part)' is not a month from 1 to 600",
                    accepted: "months after the infusion separated by commas, e.g. 1,3,6,12")
            }
            guard !months.contains(month) else {
                throw InputError(field: field, value: text, reason: "names month \(month) twice", accepted: "each month once, e.g. 1,3,6,12")
            }
            months.append(month)
        }
        return months.sorted()
    }

    /// `14d` or `14` → 14 days, within `range`.
    public static func days(_ text: String, field: String, range: ClosedRange<Int> = 0...365) throws(InputError) -> Int {
        let trimmed = TextKey.trimmed(text).lowercased()
        let digits = trimmed.hasSuffix("d") ? String(trimmed.dropLast()) : trimmed
        guard let days = Int(digits), range.contains(days) else {
            throw InputError(
                field: field, value: text, reason: "is not a number of days from \(range.lowerBound) to \(range.upperBound)",
                accepted: "a number of days such as 14d or 14")
        }
        return days
    }

    /// `30`, `d30` or `d+30` → day 30 after the infusion.
    public static func day(_ text: String, field: String) throws(InputError) -> Int {
        var trimmed = TextKey.trimmed(text).lowercased()
        if trimmed.hasPrefix("d+") { trimmed.removeFirst(2) } else if trimmed.hasPrefix("d") { trimmed.removeFirst() }
        guard let day = Int(trimmed), (0...36_500).contains(day) else {
            throw InputError(field: field, value: text, reason: "is not a day after the infusion", accepted: "a day from 0 to 36500, e.g. 30 or d+30")
        }
        return day
    }

    /// A series id: lowercase letters, digits and hyphens, starting with a letter.
    public static func seriesID(_ text: String, field: String = "ID") throws(InputError) -> String {
        let id = TextKey.trimmed(text)
        let allowed = id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        guard (1...40).contains(id.count), allowed, let first = id.unicodeScalars.first, ("a"..."z").contains(first) else {
            throw InputError(
                field: field, value: text, reason: "is not a series id",
                accepted: "1 to 40 lowercase letters, digits and hyphens, starting with a letter, e.g. crp-quarterly")
        }
        return id
    }

    /// `igg-above-threshold` or `b-cells-reconstituted`.
    public static func endCondition(_ text: String) throws(InputError) -> PlanEndCondition {
        guard let condition = PlanEndCondition(rawValue: TextKey.trimmed(text).lowercased()) else {
            throw InputError(
                field: "--until", value: text, reason: "is not a condition that ends a series",
                accepted: PlanEndCondition.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return condition
    }

    /// The analytes of a lab series: a catalogue analyte, or `blood-count` for the panel.
    public static func analytes(_ text: String) throws(InputError) -> (keys: [String], name: String) {
        if TextKey.lookup(text) == TextKey.lookup("blood-count") {
            let keys = AnalyteCatalogue.all.filter { $0.group == .bloodCount }.map(\.id)
            return (keys, "Blood count with differential")
        }
        do {
            let analyte = try AnalyteCatalogue.analyte(named: text)
            return ([analyte.id], analyte.name)
        } catch {
            throw InputError(field: "--analyte", value: text, reason: error.reason, accepted: "blood-count, " + (error.accepted ?? ""))
        }
    }
}

extension PlanEdits {
    /// Adds a series of the user's own.
    ///
    /// - Throws: ``InputError`` when the id is taken (by a default, also a removed one) or the
    ///   series does not fit the plan.
    public mutating func add(_ series: PlanSeries, defaults: [PlanSeries] = FollowUpPlan.defaults) throws(InputError) {
        if defaults.contains(where: { $0.id == series.id }) {
            throw InputError(
                field: "ID", value: series.id, reason: "is a series of the default plan",
                accepted: "another id; `remission plan reset \(series.id)` brings back the default, `plan reschedule` changes it")
        }
        if self.series.contains(where: { $0.id == series.id }) {
            throw InputError(
                field: "ID", value: series.id, reason: "is already in the plan", accepted: "another id, or `remission plan reschedule \(series.id)`")
        }
        var changed = self
        changed.series.append(series)
        try changed.validate(defaults: defaults)
        self = changed
    }

    /// Removes a series: a default is remembered as removed, one of the user's is dropped.
    ///
    /// - Throws: ``InputError`` for an id not in the plan, or one that other series follow.
    public mutating func remove(_ id: String, defaults: [PlanSeries] = FollowUpPlan.defaults) throws(InputError) {
        let plan = FollowUpPlan(edits: self, defaults: defaults)
        guard plan.series(id: id) != nil else { throw Self.unknown(id, plan) }
        let followers = plan.series.filter { $0.schedule == .sameAs(id) }.map(\.id)
        if !followers.isEmpty {
            throw InputError(
                field: "ID", value: id, reason: "gives its dates to \(followers.joined(separator: ", "))",
                accepted: "remove those first, or give them dates of their own with `remission plan reschedule SERIES --months LIST`")
        }
        var changed = self
        if defaults.contains(where: { $0.id == id }) {
            changed.removed.append(id)
            changed.series.removeAll { $0.id == id }
        } else {
            changed.series.removeAll { $0.id == id }
        }
        try changed.validate(defaults: defaults)
        self = changed
    }

    /// Changes when a series falls and its windows, keeping what it asks for.
    public mutating func reschedule(
        _ id: String, schedule: PlanSchedule?, windowDays: Int?, lateWindowDays: Int?, until: PlanEndCondition?? = .none,
        defaults: [PlanSeries] = FollowUpPlan.defaults
    ) throws(InputError) {
        let plan = FollowUpPlan(edits: self, defaults: defaults)
        guard var series = plan.series(id: id) else { throw Self.unknown(id, plan) }
        if case .daily = series.schedule, schedule != nil {
            throw InputError(field: "ID", value: id, reason: "is the daily entry, which has no schedule to change", accepted: "`remission plan remove \(id)`")
        }
        if schedule == nil && windowDays == nil && lateWindowDays == nil && until == nil {
            throw InputError(
                field: "reschedule", value: id, reason: "needs something to change",
                accepted:
                    "--months LIST, --every DAYS [--from-day N] [--until-day N], --at SERIES, --window DAYS, --late-window DAYS, --until CONDITION, --no-until")
        }
        if let schedule {
            series.schedule = schedule
            // A window after month 12 means nothing to a step in days.
            if case .months = schedule {} else { series.lateWindowDays = nil }
        }
        if let windowDays {
            series.windowDays = windowDays
            if lateWindowDays == nil { series.lateWindowDays = nil }
        }
        if let lateWindowDays { series.lateWindowDays = lateWindowDays }
        if let until { series.until = until }
        var changed = self
        changed.series.removeAll { $0.id == id }
        if defaults.first(where: { $0.id == id }) != series {
            changed.series.append(series)
        }
        try changed.validate(defaults: defaults)
        self = changed
    }

    /// Brings back one default series as documented, or drops one of the user's.
    public mutating func reset(_ id: String, defaults: [PlanSeries] = FollowUpPlan.defaults) throws(InputError) {
        guard defaults.contains(where: { $0.id == id }) else {
            throw InputError(
                field: "ID", value: id, reason: "is not a series of the default plan",
                accepted: defaults.map(\.id).joined(separator: ", ") + "; `remission plan remove` drops a series of your own")
        }
        var changed = self
        changed.removed.removeAll { $0 == id }
        changed.series.removeAll { $0.id == id }
        try changed.validate(defaults: defaults)
        self = changed
    }

    /// Checks that the plan these edits make is one `due` can follow.
    ///
    /// - Throws: ``InputError`` naming the series at fault.
    public func validate(defaults: [PlanSeries] = FollowUpPlan.defaults) throws(InputError) {
        let plan = FollowUpPlan(edits: self, defaults: defaults)
        for series in plan.series {
            if case .sameAs(let other) = series.schedule {
                guard let target = plan.series(id: other) else {
                    throw InputError(
                        field: series.id, value: other, reason: "follows a series that is not in the plan",
                        accepted: plan.series.filter(\.canBeFollowed).map(\.id).joined(separator: ", "))
                }
                guard target.canBeFollowed else {
                    throw InputError(
                        field: series.id, value: other, reason: "follows a series that has no dates of its own",
                        accepted: plan.series.filter(\.canBeFollowed).map(\.id).joined(separator: ", "))
                }
            }
            if series.kind == .lab && series.analytes.isEmpty {
                throw InputError(field: series.id, value: series.what, reason: "is a lab series without an analyte", accepted: "--analyte KEY")
            }
        }
        for removed in removed where !defaults.contains(where: { $0.id == removed }) {
            throw InputError(
                field: "removed", value: removed, reason: "is not a series of the default plan", accepted: defaults.map(\.id).joined(separator: ", "))
        }
    }

    static func unknown(_ id: String, _ plan: FollowUpPlan) -> InputError {
        InputError(field: "ID", value: id, reason: "is not a series of the plan", accepted: plan.series.map(\.id).joined(separator: ", "))
    }
}

extension PlanSeries {
    /// Whether another series can take this one's dates (`--at`): it has dates of its own.
    public var canBeFollowed: Bool {
        switch schedule {
        case .months, .every: return true
        case .sameAs, .daily: return false
        }
    }
}
