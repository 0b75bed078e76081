import Foundation
import RemissionCore

/// `remission trend` for the terminal: one row per metric, and the values of a single metric.
public struct TrendText {
    let trends: [MetricTrend]
    let infusion: CalendarDate?
    let style: TerminalStyle

    public init(_ trends: [MetricTrend], infusion: CalendarDate?, style: TerminalStyle) {
        self.trends = trends
        self.infusion = infusion
        self.style = style
    }

    static func number(_ value: Decimal?, _ qualifier: Qualifier? = nil, unit: String = "") -> String {
        value.map { "\(qualifier?.rawValue ?? "")\(LabValue.text($0, unit: unit))" } ?? "–"
    }

    static func isTitre(_ metric: TrendMetric) -> Bool { metric.unit == LabUnit.titre.display }

    /// A titre changes by folds of its dilution ("×4" from 1:40 to 1:160, the change
    /// clinicians count); other values by their difference.
    static func change(_ trend: MetricTrend) -> String {
        guard isTitre(trend.metric) else { return signed(trend.statistics.changeFromPrevious) }
        let points = trend.points
        guard points.count > 1, let before = points.dropLast().last?.value, let last = points.last?.value, before > 0, last > 0 else { return "–" }
        if last == before { return "=" }
        return last > before ? "×\(DecimalText.rounded(last / before, scale: 1))" : "÷\(DecimalText.rounded(before / last, scale: 1))"
    }

    /// Mean and slope to 2 decimal places on screen; `--json` keeps 4.
    static func rounded(_ value: Decimal?) -> Decimal? { value.map { DecimalText.rounded($0, scale: 2) } }

    static func signed(_ value: Decimal?) -> String {
        guard let value else { return "–" }
        return value > 0 ? "+\(value)" : "\(value)"
    }

    static func value(_ point: TrendPoint, unit: String = "") -> String {
        "\(point.qualifier?.rawValue ?? "")\(LabValue.text(point.value, unit: unit))"
    }

    /// "210 cells/µL", "1:160" for a titre, "7/10" for scores, a bare number for the burden.
    static func latest(_ point: TrendPoint, _ metric: TrendMetric) -> String {
        switch metric {
        case .symptom, .wellbeing: return value(point) + "/10"
        case .symptomBurden: return value(point)
        case .lab where isTitre(metric): return value(point, unit: metric.unit)
        case .lab, .prednisoneEquivalent: return value(point) + " " + metric.unit
        }
    }

    func day(_ date: CalendarDate) -> String { StudyDay.label(for: date, infusion: infusion) ?? "" }

    public func render() -> String {
        var table = TextTable(header: ["metric", "n", "latest", "date", "day", "change", "min", "max", "mean", "per 30 d", "trend", "out of range", ""])
        for t in trends {
            let s = t.statistics
            let last = t.points.last
            var flags: [String] = []
            if t.lowCount > 0 { flags.append("\(t.lowCount) low") }
            if t.highCount > 0 { flags.append("\(t.highCount) high") }
            table.append([
                t.metric.id, "\(s.count)", last.map { Self.latest($0, t.metric) } ?? "–",
                last?.date.iso ?? "–", last.map { day($0.date) } ?? "", Self.change(t),
                Self.number(s.min, t.minQualifier, unit: t.metric.unit), Self.number(s.max, t.maxQualifier, unit: t.metric.unit),
                // Dilutions double: their arithmetic mean and slope mean nothing.
                Self.isTitre(t.metric) ? "–" : Self.number(Self.rounded(s.mean)) + (t.boundedCount > 0 && s.mean != nil ? "*" : ""),
                Self.isTitre(t.metric) ? "–" : Self.signed(Self.rounded(s.slopePer30Days)),
                s.direction?.rawValue ?? "–", flags.isEmpty ? "–" : flags.joined(separator: ", "), t.sparkline
            ])
        }
        var out = table.render { row, column, cell in
            if row == 0 { return style.bold(cell) }
            if column == 11, cell.trimmingCharacters(in: .whitespaces) != "–" { return style.red(cell) }
            return cell
        }
        if trends.contains(where: { $0.boundedCount > 0 }) {
            out += "\n* with values given as a bound (such as <1), counted as their number in the mean and the trend"
        }
        if trends.count == 1, let t = trends.first, !t.points.isEmpty {
            var values = TextTable(header: ["date", "day", "value", "unit", "range", "flag"])
            for point in t.points {
                values.append([
                    point.date.iso, day(point.date), Self.value(point, unit: t.metric.unit), t.metric.unit,
                    point.range?.display(unit: t.metric.unit) ?? "", point.flag.map { $0 == .normal ? "" : $0.rawValue } ?? ""
                ])
            }
            out += "\n\n" + values.render { row, _, cell in row == 0 ? style.bold(cell) : cell }
        }
        return out
    }
}
