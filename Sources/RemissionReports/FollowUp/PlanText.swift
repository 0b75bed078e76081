import RemissionCore

/// `remission plan`: the follow-up plan in effect, each series with when, its window, what
/// ends it and where it comes from.
public enum PlanText {
    /// "months 1, 3, 6", "every 30 days from day 30", "with visits", "every day".
    public static func when(_ series: PlanSeries) -> String {
        switch series.schedule {
        case .months(let months): return "month" + (months.count == 1 ? " " : "s ") + months.map(String.init).joined(separator: ", ")
        case .every(let days, let from, let until):
            return "every \(days == 1 ? "day" : "\(days) days") from day \(from)" + (until.map { " to day \($0)" } ?? "")
        case .sameAs(let other): return "at each of \(other)"
        case .daily: return "every day"
        }
    }

    /// "± 14 days (± 30 days after month 12)"; "opens then, no end" for information.
    public static func window(_ series: PlanSeries, in plan: FollowUpPlan) -> String {
        if series.kind == .vaccination {
            return "opens then, no end" + (series.ivigGapMonths.map { "; not within \($0) months of IVIG" } ?? "")
        }
        if case .daily = series.schedule { return "the day itself" }
        var timing = series
        if case .sameAs(let other) = series.schedule, let target = plan.series(id: other) { timing = target }
        var text = "± \(timing.windowDays) days"
        if let late = timing.lateWindowDays, late != timing.windowDays { text += " (± \(late) days after month 12)" }
        return text
    }

    public static func render(_ plan: FollowUpPlan, style: TerminalStyle) -> String {
        var lines: [String] = [
            style.bold("Follow-up plan"),
            "Editable defaults drawn from the published sources named below, not medical orders: agree your plan with your team.",
            ""
        ]
        var lastSource = ""
        for series in plan.series {
            let origin = plan.origins[series.id] ?? .default
            let mark = origin == .default ? "" : origin == .changed ? "  [changed in this journal]" : "  [added in this journal]"
            lines.append(style.bold(series.id) + "  \(series.kind.rawValue): \(series.what)" + mark)
            var detail = "    \(when(series)), \(window(series, in: plan))"
            if let until = series.until { detail += ", \(until.meaning)" }
            lines.append(detail)
            if !series.analytes.isEmpty && series.kind == .lab { lines.append("    analytes: " + series.analytes.joined(separator: ", ")) }
            if series.source == lastSource {
                lines.append(style.dim("    source: as above"))
            } else if !series.source.isEmpty {
                lines.append(style.dim("    source: " + series.source))
            }
            lastSource = series.source
        }
        lines.append("")
        lines.append("Change it with `remission plan add`, `remove`, `reschedule` and `reset` (see `remission plan --help`).")
        return lines.joined(separator: "\n")
    }
}
