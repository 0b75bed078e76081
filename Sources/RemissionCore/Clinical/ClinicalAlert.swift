#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Something the patient or clinician should look at now: the `alerts` list of `remission summary`.
///
/// Alerts point at a recorded fact (a result, an event); they never diagnose. Each carries the
/// date of the fact that raised it, so a reader can find it on the timeline.
public struct ClinicalAlert: Sendable, Hashable {
    public enum Code: String, Sendable, Hashable, Codable, CaseIterable {
        /// The latest anti-dsDNA is positive and an earlier one was negative.
        case antiDsDNAPositiveAgain = "anti_dsdna_positive_again"
        /// The two latest anti-dsDNA results come from different labs: not comparable.
        case antiDsDNAAssayChanged = "anti_dsdna_assay_changed"
        /// The latest C3 or C4 is below its range and the one before it was not.
        case complementFalling = "complement_below_range"
        /// B-cell reconstitution confirmed by a second result.
        case bCellsReconstituted = "b_cells_reconstituted"
        /// B cells detectable again after infusion, still below the reconstitution threshold.
        case bCellsRecovering = "b_cells_recovering"
        /// The latest IgG is at or below the replacement threshold.
        case iggLow = "igg_low"
        /// The latest urine protein/creatinine ratio is above the threshold.
        case proteinuria = "proteinuria"
        /// A flare within the recent-event window.
        case recentFlare = "recent_flare"
        /// An infection within the recent-event window.
        case recentInfection = "recent_infection"
    }

    public var code: Code
    public var message: String
    public var date: CalendarDate

    public init(code: Code, message: String, date: CalendarDate) {
        self.code = code
        self.message = message
        self.date = date
    }
}

extension ClinicalAlert {
    /// The alerts of a summary, newest first (ties in the order the rules run, so the order never varies).
    static func collect(
        timeline: ClinicalTimeline, asOf: CalendarDate, settings: ClinicalSettings,
        bCells: BCellStatus, antiDsDNA: AntiDsDNAStatus, complement: ComplementStatus, igg: IgGStatus
    ) -> [ClinicalAlert] {
        var alerts: [ClinicalAlert] = []
        let infusion = timeline.infusion
        func day(_ date: CalendarDate) -> String {
            StudyDay.label(for: date, infusion: infusion).map { "\(date.iso) (\($0))" } ?? date.iso
        }
        func result(_ value: Decimal?, _ qualifier: Qualifier?, _ unit: String) -> String {
            guard let value else { return "" }
            return "\(qualifier?.rawValue ?? "")\(value) \(unit)"
        }

        if antiDsDNA.positiveAfterNegative, let since = antiDsDNA.positiveSince, let last = antiDsDNA.lastDate,
            let first = ThresholdComparison.series(timeline.labs, analyte: "anti-dsdna", asOf: asOf).first(where: { $0.date == since })
        {
            var message = "anti-dsDNA \(result(first.value, first.qualifier, "IU/mL")) on \(day(since)) is positive after negative results"
            if last != since { message += "; latest \(result(antiDsDNA.lastValue, antiDsDNA.lastQualifier, "IU/mL")) on \(day(last))" }
            alerts.append(ClinicalAlert(code: .antiDsDNAPositiveAgain, message: message, date: since))
        }
        if antiDsDNA.assayChangedAtLast, let change = antiDsDNA.assayChanges.last {
            alerts.append(
                ClinicalAlert(
                    code: .antiDsDNAAssayChanged,
                    message:
                        "anti-dsDNA on \(day(change.date)) comes from \(change.toLab), the result before from \(change.fromLab): values of two assays are not comparable",
                    date: change.date))
        }
        for (name, fall) in [("C3", complement.c3Fall), ("C4", complement.c4Fall)] {
            guard let fall else { continue }
            let range = fall.effectiveRange.map { " (range \($0.display))" } ?? ""
            alerts.append(
                ClinicalAlert(
                    code: .complementFalling,
                    message: "\(name) \(result(fall.value, fall.qualifier, "g/L")) on \(day(fall.date)) fell below its range\(range)",
                    date: fall.date))
        }
        if bCells.status == .reconstituted, let date = bCells.reconstitutionDate {
            alerts.append(
                ClinicalAlert(
                    code: .bCellsReconstituted,
                    message: "B cells reconstituted: at or above \(bCells.threshold) cells/µL from \(day(date)), confirmed by the next result",
                    date: date))
        }
        if bCells.status == .recovering, let since = bCells.recoveringSince,
            let first = ThresholdComparison.series(timeline.labs, analyte: "cd19", asOf: asOf).first(where: {
                $0.date == since && BCellStatus.level($0, threshold: bCells.threshold, aplasiaLimit: bCells.aplasiaLimit) != .aplasia
            })
        {
            var message =
                "B cells detectable again: \(result(first.value, first.qualifier, "cells/µL")) on \(day(since)), "
                + "below the reconstitution threshold of \(bCells.threshold) cells/µL"
            if let last = bCells.lastDate, last != since {
                message += "; latest \(result(bCells.lastValue, bCells.lastQualifier, "cells/µL")) on \(day(last))"
            }
            alerts.append(ClinicalAlert(code: .bCellsRecovering, message: message, date: since))
        }
        if igg.atOrBelowThreshold == true, let date = igg.lastDate {
            alerts.append(
                ClinicalAlert(
                    code: .iggLow,
                    message: "IgG \(result(igg.lastGPerL, igg.lastQualifier, "g/L")) on \(day(date)) is at or below \(settings.iggLowGPerL) g/L",
                    date: date))
        }
        if let upcr = ThresholdComparison.series(timeline.labs, analyte: "upcr", asOf: asOf).last,
            ThresholdComparison.atOrBelow(upcr.value, upcr.qualifier, settings.proteinuriaMgPerG) == false
        {
            alerts.append(
                ClinicalAlert(
                    code: .proteinuria,
                    message:
                        "urine protein/creatinine \(result(upcr.value, upcr.qualifier, "mg/g")) on \(day(upcr.date)) is above \(settings.proteinuriaMgPerG) mg/g",
                    date: upcr.date))
        }
        // "The last 30 days" are today and the 29 days before it, as for the symptom means.
        for event in timeline.events where event.date <= asOf && asOf.days(since: event.date) < settings.recentEventDays {
            let code: Code
            switch event.type {
            case .flare: code = .recentFlare
            case .infection: code = .recentInfection
            default: continue
            }
            let grade = event.grade.map { ", grade \($0)" } ?? ""
            let ago = asOf.days(since: event.date)
            alerts.append(
                ClinicalAlert(
                    code: code,
                    message:
                        "\(event.type == .flare ? "flare" : "infection")\(grade) on \(day(event.date)), \(ago == 0 ? "today" : ago == 1 ? "1 day ago" : "\(ago) days ago")",
                    date: event.date))
        }
        return alerts.enumerated().sorted { a, b in
            if a.element.date != b.element.date { return a.element.date > b.element.date }
            return a.offset < b.offset
        }.map(\.element)
    }
}
