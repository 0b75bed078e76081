#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// B-cell aplasia, recovery and reconstitution after CAR-T: the `b_cells` block of
/// `remission summary`.
///
/// B cells return after about 110 ± 32 days in the first SLE patients (Mackensen et al.,
/// Nature Medicine 2022); CLINICAL.md asks for "the first result at or above the
/// reconstitution threshold that the next result confirms", in days after infusion.
public struct BCellStatus: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable, Codable {
        /// The latest result after infusion finds no B cells: a bound printed by the lab ("<1",
        /// "<5": none detected at its limit, below the threshold) or a count below the aplasia
        /// limit (``ClinicalSettings/bCellAplasiaPerMicrolitre``).
        case aplasia
        /// The latest result after infusion is detectable, at or above the aplasia limit, but
        /// below the reconstitution threshold: B cells are coming back (CLINICAL.md, "B cells
        /// between aplasia and reconstitution": 12 cells/µL on day 100 is recovery under way,
        /// not aplasia).
        case recovering
        /// A result after infusion at or above the threshold was confirmed by the next result.
        case reconstituted
        /// The latest result after infusion is at or above the threshold but no later result
        /// confirms it yet.
        case unconfirmed
        /// No infusion date, no results after infusion, or a latest result whose qualifier does
        /// not settle it ("<200" or ">50" against 100).
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
    /// `recovering_since`: while ``status`` is `recovering`, the first result of the detectable
    /// results since the last one that found none (or since the infusion).
    public var recoveringSince: CalendarDate?
    /// `threshold` (cells/µL)
    public var threshold: Decimal
    /// `aplasia_limit` (cells/µL); nil for the % series, where only "none detected" (0 or a
    /// bound) is aplasia.
    public var aplasiaLimit: Decimal?

    public init(
        status: Status, lastValue: Decimal?, lastQualifier: Qualifier? = nil, lastDate: CalendarDate?,
        reconstitutionDay: Int?, reconstitutionDate: CalendarDate?, recoveringSince: CalendarDate? = nil,
        threshold: Decimal, aplasiaLimit: Decimal? = ClinicalSettings.defaults.bCellAplasiaPerMicrolitre
    ) {
        self.status = status
        self.lastValue = lastValue
        self.lastQualifier = lastQualifier
        self.lastDate = lastDate
        self.reconstitutionDay = reconstitutionDay
        self.reconstitutionDate = reconstitutionDate
        self.recoveringSince = recoveringSince
        self.threshold = threshold
        self.aplasiaLimit = aplasiaLimit
    }

    /// Where one result stands between aplasia and the threshold.
    enum Level { case aplasia, detectable, atOrAboveThreshold, undecided }

    /// A bound below the threshold ("<5") is the lab saying it found none down to its
    /// detection limit, which is what aplasia means; a count is aplasia below `aplasiaLimit`
    /// (without a limit, only 0 is).
    static func level(_ point: LabPoint, threshold: Decimal, aplasiaLimit: Decimal?) -> Level {
        switch ThresholdComparison.atOrAbove(point.value, point.qualifier, threshold) {
        case true?: return .atOrAboveThreshold
        case nil: return .undecided
        case false?:
            if point.qualifier == .lessThan || point.qualifier == .lessOrEqual { return .aplasia }
            if let aplasiaLimit { return point.value < aplasiaLimit ? .aplasia : .detectable }
            return point.value == 0 ? .aplasia : .detectable
        }
    }

    /// Evaluates the absolute CD19+ series (`analyte`, default "cd19"; pass "cd19-percent" with
    /// ``ClinicalSettings/bCellReconstitutionPercent`` for the % series, which CLINICAL.md keeps
    /// separate).
    ///
    /// Only results strictly after the infusion day count towards reconstitution: a day-0
    /// sample is drawn before the cells are given. A result confirms another when it is also at
    /// or above the threshold; a result whose qualifier leaves it undecided confirms nothing.
    /// Once confirmed, the status stays `reconstituted` even if a later count falls: the
    /// question answered is "did the B cells come back and when". Before that, the latest
    /// result says aplasia, recovering (detectable, below the threshold) or unconfirmed.
    public static func evaluate(
        points: [LabPoint], infusion: CalendarDate?, asOf: CalendarDate,
        settings: ClinicalSettings = .defaults, analyte: String = "cd19", threshold: Decimal? = nil,
        aplasiaLimit: Decimal? = nil
    ) -> BCellStatus {
        let percent = analyte == "cd19-percent"
        let threshold = threshold ?? (percent ? settings.bCellReconstitutionPercent : settings.bCellReconstitutionPerMicrolitre)
        let aplasiaLimit = aplasiaLimit ?? (percent ? nil : settings.bCellAplasiaPerMicrolitre)
        let series = ThresholdComparison.series(points, analyte: analyte, asOf: asOf)
        let last = series.last
        var result = BCellStatus(
            status: .unknown, lastValue: last?.value, lastQualifier: last?.qualifier, lastDate: last?.date,
            reconstitutionDay: nil, reconstitutionDate: nil, threshold: threshold, aplasiaLimit: aplasiaLimit)
        guard let infusion else { return result }
        let after = series.filter { $0.date > infusion }
        guard let latest = after.last else { return result }
        let above = after.map { ThresholdComparison.atOrAbove($0.value, $0.qualifier, threshold) }
        // The confirming result is the next one drawn on a later day: a second result of the
        // same day (another lab, a repeat) is the same sample, not a confirmation.
        for index in after.indices.dropLast() where above[index] == true {
            guard let next = after.indices[(index + 1)...].first(where: { after[$0].date > after[index].date }),
                above[next] == true
            else { continue }
            result.status = .reconstituted
            result.reconstitutionDate = after[index].date
            result.reconstitutionDay = after[index].date.days(since: infusion)
            return result
        }
        switch level(latest, threshold: threshold, aplasiaLimit: aplasiaLimit) {
        case .atOrAboveThreshold: result.status = .unconfirmed
        case .aplasia: result.status = .aplasia
        case .undecided: result.status = .unknown
        case .detectable:
            result.status = .recovering
            // Detectable since the first count after the last result that found none.
            var since: CalendarDate?
            for point in after {
                switch level(point, threshold: threshold, aplasiaLimit: aplasiaLimit) {
                case .aplasia: since = nil
                case .detectable, .atOrAboveThreshold: since = since ?? point.date
                case .undecided: break
                }
            }
            result.recoveringSince = since
        }
        return result
    }
}
