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

    /// How a line should read: good news in green, something to look at in red.
    public enum Tone: Sendable { case good, neutral, bad }

    /// The heading of the dashboard.
    public var heading: String {
        let s = summary
        var header = "Remission summary as of \(s.asOf.iso)"
        if let infusion = s.infusionDate, let days = s.daysSinceInfusion {
            header += ", " + (days == 0 ? "day 0, the day of the infusion" : "day +\(days) after the infusion on \(infusion.iso)")
        } else if let later = s.recordedInfusion {
            // A planned infusion, or an as-of date before it: the days count down to day 0.
            header +=
                ", day -\(later.days(since: s.asOf)), \(counted(later.days(since: s.asOf), "day")) before the infusion on \(later.iso)"
                + " (nothing is counted after day 0 yet: B-cell aplasia and reconstitution start from it)"
        } else {
            header += " (no infusion recorded: days after infusion and B-cell reconstitution cannot be given)"
        }
        return header
    }

    /// One line per block, shared by the terminal and the HTML report.
    public func rows() -> [(label: String, text: String, tone: Tone)] {
        let s = summary
        var rows: [(label: String, text: String, tone: Tone)] = []
        func tone(good: Bool, bad: Bool) -> Tone { bad ? .bad : good ? .good : .neutral }

        let b = s.bCells
        var bLine: String
        switch b.status {
        case .reconstituted: bLine = "reconstituted from \(day(b.reconstitutionDate))"
        case .aplasia:
            bLine =
                "aplasia (none detected: "
                + (b.aplasiaLimit.map { "below \($0) cells/µL or " } ?? "") + "under the lab's detection limit)"
        case .recovering:
            bLine =
                "recovering: detectable" + (b.recoveringSince.map { " since \(day($0))" } ?? "")
                + ", below the reconstitution threshold of \(b.threshold) cells/µL"
        case .unconfirmed: bLine = "at or above \(b.threshold) cells/µL, not yet confirmed by a second result"
        case .unknown: bLine = "unknown"
        }
        if b.lastDate != nil { bLine += "; last \(Self.value(b.lastValue, b.lastQualifier, "cells/µL")) on \(day(b.lastDate))" }
        rows.append(("B cells", bLine, .neutral))

        let a = s.antiDsDNA
        var aLine = a.status.rawValue
        if a.status == .negative, let since = a.negativeSince { aLine += " since \(day(since))" }
        if a.status == .positive, let since = a.positiveSince { aLine += " since \(day(since))" }
        if a.lastDate != nil { aLine += "; last \(Self.value(a.lastValue, a.lastQualifier, "IU/mL")) on \(day(a.lastDate))" }
        if a.assayChangedAtLast { aLine += " (different assay from the result before)" }
        rows.append(("anti-dsDNA", aLine, tone(good: a.status == .negative, bad: a.status == .positive)))

        let c = s.complement
        var cLine = "C3 \(c.c3Status.rawValue), C4 \(c.c4Status.rawValue)"
        if let since = c.normalSince { cLine += ", both normal since \(day(since))" }
        rows.append(("Complement", cLine, tone(good: c.normalSince != nil, bad: c.c3Status == .low || c.c4Status == .low)))

        let g = s.igg
        // Low against the range is common after CAR-T; what matters next is the replacement
        // threshold, so a low IgG says on which side of it it is.
        var gLine = g.status.rawValue
        switch (g.status, g.atOrBelowThreshold) {
        case (.low, true?): gLine += ", at or below the \(g.threshold) g/L replacement threshold"
        case (.low, false?): gLine += " (below its reference range), above the \(g.threshold) g/L replacement threshold"
        case (.unknown, true?): gLine = "at or below the \(g.threshold) g/L replacement threshold"
        default: break
        }
        if g.lastDate != nil { gLine += "; last \(Self.value(g.lastGPerL, g.lastQualifier, "g/L")) on \(day(g.lastDate))" }
        rows.append(("IgG", gLine, tone(good: false, bad: g.status == .low)))

        let gc = s.glucocorticoid
        var sLine =
            gc.currentPrednisoneEquivalent.map { "\($0) mg/day prednisone equivalent" }
            ?? (gc.noMedicationRecorded
                ? "unknown: no medication is recorded (`remission med start` records what you take)"
                : "current dose unknown (a glucocorticoid without a dose, daily frequency or known potency, or one drug in two "
                    + "overlapping periods: `remission med list --all` shows them)")
        if let since = gc.steroidFreeSince, let days = gc.steroidFreeDays { sLine += "; steroid-free since \(since.iso) (\(counted(days, "day")))" }
        rows.append(("Glucocorticoids", sLine, .neutral))

        let iLine: String
        if let since = s.immunosuppressantFreeSince, let days = s.immunosuppressantFreeDays {
            iLine = "none since \(since.iso) (\(counted(days, "day")))"
        } else if !s.activeImmunosuppressants.isEmpty {
            iLine = "taking " + s.activeImmunosuppressants.map { DrugCatalogue.drug(id: $0)?.name ?? $0 }.joined(separator: ", ")
        } else {
            iLine = "none recorded"
        }
        rows.append(("Immunosuppressants", iLine, .neutral))

        for (name, r) in [("DORIS", s.doris), ("LLDAS", s.lldas)] {
            var line = r.status.rawValue.replacingOccurrences(of: "_", with: " ")
            if let on = r.assessedOn {
                let age = s.asOf.days(since: on)
                line += " (assessed \(on.iso), \(age == 0 ? "today" : age == 1 ? "1 day ago" : "\(age) days ago"))"
            }
            if !r.missing.isEmpty { line += "; missing: " + r.missing.joined(separator: ", ") }
            if r.status == .notMet { line += "; " + r.reasons.joined(separator: "; ") }
            if r.status != .notMet, let flare = r.reasons.first(where: { $0.hasPrefix("a flare was recorded") }) { line += "; " + flare }
            rows.append((name, line, tone(good: r.status == .met, bad: false)))
        }

        func mean(_ value: Decimal?) -> String { value.map { "\($0)" } ?? "–" }
        rows.append(
            (
                "Symptoms",
                "mean daily burden \(mean(s.symptoms.mean7d)) (7 days), \(mean(s.symptoms.mean30d)) (30 days), \(mean(s.symptoms.mean90d)) (90 days)",
                .neutral
            ))
        return rows
    }

    public func render() -> String {
        var lines = [style.bold(heading), ""]
        var table = TextTable()
        var tones: [Tone] = []
        for row in rows() {
            table.append([row.label, row.text])
            tones.append(row.tone)
        }
        lines.append(
            table.render { row, column, cell in
                if column == 0 { return style.bold(cell) }
                switch tones[row] {
                case .good: return style.green(cell)
                case .bad: return style.red(cell)
                case .neutral: return cell
                }
            })
        lines.append("")
        if summary.alerts.isEmpty {
            lines.append("No alerts.")
        } else {
            lines.append(style.bold("Alerts"))
            for alert in summary.alerts {
                lines.append("  \(style.red("!")) \(alert.date.iso)  \(alert.message)  \(style.dim("[\(alert.code.rawValue)]"))")
            }
        }
        return lines.joined(separator: "\n")
    }

}
