import Foundation
import RemissionCore

/// `remission summary` for the terminal: one line per block, alerts last.
public struct SummaryText {
    let summary: ClinicalSummary
    let style: TerminalStyle

    public init(_ summary: ClinicalSummary, style: TerminalStyle) {
        self.summary = summary
        self.style = style
    }

    func day(_ date: CalendarDate?) -> String {
        guard let date else { return "" }
        return StudyDay.label(for: date, infusion: summary.infusionDate).map { "\($0) (\(date.iso))" } ?? date.iso
    }

    static func value(_ value: Decimal?, _ qualifier: Qualifier?, _ unit: String) -> String {
        guard let value else { return "no result" }
        return "\(qualifier?.rawValue ?? "")\(value) \(unit)"
    }

    public func render() -> String {
        let s = summary
        var lines: [String] = []
        var header = "Remission summary as of \(s.asOf.iso)"
        if let infusion = s.infusionDate, let days = s.daysSinceInfusion {
            header += ", day +\(days) after the infusion on \(infusion.iso)"
        } else {
            header += " (no infusion recorded: days after infusion and B-cell reconstitution cannot be given)"
        }
        lines.append(style.bold(header))
        lines.append("")

        var table = TextTable()
        let b = s.bCells
        var bLine: String
        switch b.status {
        case .reconstituted: bLine = "reconstituted from \(day(b.reconstitutionDate))"
        case .aplasia: bLine = "aplasia (below \(b.threshold) cells/µL)"
        case .unconfirmed: bLine = "at or above \(b.threshold) cells/µL, not yet confirmed by a second result"
        case .unknown: bLine = "unknown"
        }
        if b.lastDate != nil { bLine += "; last \(Self.value(b.lastValue, b.lastQualifier, "cells/µL")) on \(day(b.lastDate))" }
        table.append(["B cells", colour(bLine, good: b.status == .aplasia, bad: false)])

        let a = s.antiDsDNA
        var aLine = a.status.rawValue
        if a.status == .negative, let since = a.negativeSince { aLine += " since \(day(since))" }
        if a.lastDate != nil { aLine += "; last \(Self.value(a.lastValue, a.lastQualifier, "IU/mL")) on \(day(a.lastDate))" }
        if a.assayChangedAtLast { aLine += " (different assay from the result before)" }
        table.append(["anti-dsDNA", colour(aLine, good: a.status == .negative, bad: a.status == .positive)])

        let c = s.complement
        var cLine = "C3 \(c.c3Status.rawValue), C4 \(c.c4Status.rawValue)"
        if let since = c.normalSince { cLine += ", both normal since \(day(since))" }
        table.append(["Complement", colour(cLine, good: c.normalSince != nil, bad: c.c3Status == .low || c.c4Status == .low)])

        let g = s.igg
        var gLine = g.status.rawValue
        if g.lastDate != nil {
            gLine += "; last \(Self.value(g.lastGPerL, g.lastQualifier, "g/L")) on \(day(g.lastDate))"
            if g.belowRange == true && g.status != .low { gLine += ", below its range" }
        }
        table.append(["IgG", colour(gLine, good: false, bad: g.status == .low)])

        let gc = s.glucocorticoid
        var sLine = gc.currentPrednisoneEquivalent.map { "\($0) mg/day prednisone equivalent" }
            ?? "current dose unknown (a glucocorticoid without a dose, daily frequency or known potency)"
        if let since = gc.steroidFreeSince, let days = gc.steroidFreeDays { sLine += "; steroid-free since \(since.iso) (\(days) days)" }
        table.append(["Glucocorticoids", sLine])

        let iLine: String
        if let since = s.immunosuppressantFreeSince, let days = s.immunosuppressantFreeDays {
            iLine = "none since \(since.iso) (\(days) days)"
        } else if !s.activeImmunosuppressants.isEmpty {
            iLine = "taking " + s.activeImmunosuppressants.joined(separator: ", ")
        } else {
            iLine = "none recorded"
        }
        table.append(["Immunosuppressants", iLine])

        for (name, r) in [("DORIS", s.doris), ("LLDAS", s.lldas)] {
            var line = r.status.rawValue.replacingOccurrences(of: "_", with: " ")
            if let on = r.assessedOn { line += " (assessed \(on.iso))" }
            if !r.missing.isEmpty { line += "; missing: " + r.missing.joined(separator: ", ") }
            if r.status == .notMet { line += "; " + r.reasons.joined(separator: "; ") }
            table.append([name, colour(line, good: r.status == .met, bad: false)])
        }

        func mean(_ value: Decimal?) -> String { value.map { "\($0)" } ?? "–" }
        table.append([
            "Symptoms",
            "mean daily burden \(mean(s.symptoms.mean7d)) (7 days), \(mean(s.symptoms.mean30d)) (30 days), \(mean(s.symptoms.mean90d)) (90 days)",
        ])
        lines.append(table.render { _, column, cell in column == 0 ? style.bold(cell) : cell })

        lines.append("")
        if s.alerts.isEmpty {
            lines.append("No alerts.")
        } else {
            lines.append(style.bold("Alerts"))
            for alert in s.alerts {
                lines.append("  \(style.red("!")) \(alert.date.iso)  \(alert.message)  \(style.dim("[\(alert.code.rawValue)]"))")
            }
        }
        return lines.joined(separator: "\n")
    }

    func colour(_ text: String, good: Bool, bad: Bool) -> String {
        bad ? style.red(text) : good ? style.green(text) : text
    }
}
