import RemissionCore

/// The follow-up plan as data.
public enum PlanJSON {
    /// `remission plan --json`, as documented by `Schema/json/plan.schema.json`.
    public static func json(_ plan: FollowUpPlan) -> JSONValue {
        .array(
            plan.series.map { series in
                var schedule: [String: JSONValue] = [:]
                switch series.schedule {
                case .months(let months): schedule["months"] = .array(months.map { .integer($0) })
                case .every(let days, let from, let until):
                    schedule = ["every_days": .integer(days), "from_day": .integer(from), "until_day": .integer(until)]
                case .sameAs(let other): schedule["same_as"] = .string(other)
                case .daily: schedule["daily"] = .bool(true)
                }
                return [
                    "id": .string(series.id),
                    "kind": .string(series.kind.rawValue),
                    "what": .string(series.what),
                    "analytes": .strings(series.analytes),
                    "schedule": .object(schedule),
                    "window_days": .integer(series.windowDays),
                    "late_window_days": .integer(series.lateWindowDays),
                    "until": .string(series.until?.rawValue),
                    "ivig_gap_months": .integer(series.ivigGapMonths),
                    "origin": .string((plan.origins[series.id] ?? .default).rawValue),
                    "source": .string(series.source)
                ]
            })
    }
}
