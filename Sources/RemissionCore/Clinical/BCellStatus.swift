#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// B-cell aplasia and reconstitution after CAR-T: the `b_cells` block of `remission summary`.
///
/// B cells return after about 110 ± 32 days in the first SLE patients (Mackensen et al.,
/// Nature Medicine 2022); CLINICAL.md asks for "the first result at or above the
/// reconstitution threshold that the next result confirms", in days after infusion.
public struct BCellStatus: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable, Codable {
        /// The latest result after infusion is below the threshold.
        case aplasia
        /// A result after infusion at or above the threshold was confirmed by the next result.
        case reconstituted
        /// The latest result after infusion is at or above the threshold but no later result
        /// confirms it yet.
        case unconfirmed
        /// No infusion date, no results after infusion, or a latest result whose qualifier does
        /// not settle it ("<200" against 100).
        case unknown
    }

    /// `status`
    public var status: Status
    /// `last_value` (cells/µL): the latest result up to the "as of" day, before or after infusion.
    public var lastValue: Decimal?
    public var lastQualifier: Qualifier?
    /// `last_date`
    public var lastDate: CalendarDate?
    /// `reconstitution_day`: days after infusion of ``reconstitutionDate``.
    public var reconstitutionDay: Int?
    /// `reconstitution_date`
    public var reconstitutionDate: CalendarDate?
    /// `threshold` (cells/µL)
    public var threshold: Decimal

    public init(
        status: Status, lastValue: Decimal?, lastQualifier: Qualifier? = nil, lastDate: CalendarDate?,
        reconstitutionDay: Int?, reconstitutionDate: CalendarDate?, threshold: Decimal
    ) {
        self.status = status
        self.lastValue = lastValue
        self.lastQualifier = lastQualifier
        self.lastDate = lastDate
        self.reconstitutionDay = reconstitutionDay
        self.reconstitutionDate = reconstitutionDate
        self.threshold = threshold
    }

    /// Evaluates the absolute CD19+ series (`analyte`, default "cd19"; pass "cd19-percent" with
    /// ``ClinicalSettings/bCellReconstitutionPercent`` for the % series, which CLINICAL.md keeps
    /// separate).
    ///
    /// Only results strictly after the infusion day count towards reconstitution: a day-0
    /// sample is drawn before the cells are given. A result confirms another when it is also at
    /// or above the threshold; a result whose qualifier leaves it undecided confirms nothing.
    /// Once confirmed, the status stays `reconstituted` even if a later count falls: the
    /// question answered is "did the B cells come back and when".
    public static func evaluate(
        points: [LabPoint], infusion: CalendarDate?, asOf: CalendarDate,
        settings: ClinicalSettings = .defaults, analyte: String = "cd19", threshold: Decimal? = nil
    ) -> BCellStatus {
        let threshold = threshold
            ?? (analyte == "cd19-percent" ? settings.bCellReconstitutionPercent : settings.bCellReconstitutionPerMicrolitre)
        let series = ThresholdComparison.series(points, analyte: analyte, asOf: asOf)
        let last = series.last
        var result = BCellStatus(
            status: .unknown, lastValue: last?.value, lastQualifier: last?.qualifier, lastDate: last?.date,
            reconstitutionDay: nil, reconstitutionDate: nil, threshold: threshold)
        guard let infusion else { return result }
        let after = series.filter { $0.date > infusion }
        guard let latest = after.last else { return result }
        let above = after.map { ThresholdComparison.atOrAbove($0.value, $0.qualifier, threshold) }
        // The confirming result is the next one drawn on a later day: a second result of the
        // same day (another lab, a repeat) is the same sample, not a confirmation.
        for index in after.indices.dropLast() where above[index] == true {
            guard let next = after.indices[(index + 1)...].first(where: { after[$0].date > after[index].date }),
                  above[next] == true else { continue }
            result.status = .reconstituted
            result.reconstitutionDate = after[index].date
            result.reconstitutionDay = after[index].date.days(since: infusion)
            return result
        }
        switch ThresholdComparison.atOrAbove(latest.value, latest.qualifier, threshold) {
        case true?: result.status = .unconfirmed
        case false?: result.status = .aplasia
        case nil: result.status = .unknown
        }
        return result
    }
}
