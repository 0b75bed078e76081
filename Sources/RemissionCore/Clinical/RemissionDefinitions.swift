#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The outcome of a remission definition: the `doris` and `lldas` blocks of `remission summary`.
///
/// CLINICAL.md: "Without clinician values (SLEDAI-2K, PGA) the journal says 'insufficient
/// data' and names what is missing; it never claims 'not in remission' from missing data."
/// So `notMet` needs a criterion that a recorded value fails; otherwise a missing value gives
/// `insufficientData`.
public struct RemissionAssessment: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable, Codable {
        case met
        case notMet = "not_met"
        case insufficientData = "insufficient_data"
    }

    /// `status`
    public var status: Status
    /// `assessed_on`: the date of the assessment used; nil when there is none.
    public var assessedOn: CalendarDate?
    /// `reasons`: for `not_met`, each criterion a recorded value fails; otherwise each
    /// criterion that holds (and, for LLDAS, what the journal cannot check).
    public var reasons: [String]
    /// `missing`: what must be recorded before the definition can be decided.
    public var missing: [String]

    public init(status: Status, assessedOn: CalendarDate?, reasons: [String], missing: [String]) {
        self.status = status
        self.assessedOn = assessedOn
        self.reasons = reasons
        self.missing = missing
    }

    static func decide(assessedOn: CalendarDate?, passes: [String], fails: [String], missing: [String]) -> RemissionAssessment {
        if !fails.isEmpty {
            return RemissionAssessment(status: .notMet, assessedOn: assessedOn, reasons: fails, missing: missing)
        }
        if !missing.isEmpty {
            return RemissionAssessment(status: .insufficientData, assessedOn: assessedOn, reasons: passes, missing: missing)
        }
        return RemissionAssessment(status: .met, assessedOn: assessedOn, reasons: passes, missing: [])
    }

    /// The clinical SLEDAI-2K, taken from the record or derived from the total only where the
    /// derivation is exact: the two serology items weigh 2 each, so a total of 0 means a
    /// clinical score of 0, and a total above 4 means a clinical score of at least total − 4.
    static func clinicalSledaiBounds(_ a: AssessmentPoint) -> (exact: Int?, atLeast: Int?) {
        if let clinical = a.clinicalSledai { return (clinical, clinical) }
        guard let total = a.sledai else { return (nil, nil) }
        if total == 0 { return (0, 0) }
        return (nil, max(0, total - 4))
    }

    static func text(_ value: Decimal) -> String { "\(value)" }
}

/// DORIS remission (van Vollenhoven et al., 2021 definition): clinical SLEDAI-2K = 0
/// (serology ignored), PGA < 0.5 (0–3), prednisolone-equivalent ≤ 5 mg/day; antimalarials,
/// stable immunosuppressants and biologics allowed; no duration requirement.
public enum DORIS {
    /// - Parameters:
    ///   - assessment: the latest clinician assessment (nil when there is none).
    ///   - prednisoneEquivalent: mg/day on the assessment date
    ///     (``Glucocorticoid/prednisoneEquivalent(on:periods:)``); nil when unknown.
    public static func evaluate(
        assessment: AssessmentPoint?, prednisoneEquivalent: Decimal?, settings: ClinicalSettings = .defaults
    ) -> RemissionAssessment {
        var passes: [String] = [], fails: [String] = [], missing: [String] = []
        if let assessment {
            let clinical = RemissionAssessment.clinicalSledaiBounds(assessment)
            if let exact = clinical.exact {
                if exact == 0 { passes.append("clinical SLEDAI-2K 0") } else { fails.append("clinical SLEDAI-2K \(exact) (needs 0)") }
            } else if let atLeast = clinical.atLeast, atLeast > 0 {
                fails.append("clinical SLEDAI-2K at least \(atLeast) (SLEDAI-2K \(assessment.sledai ?? 0); needs 0)")
            } else {
                missing.append("clinical SLEDAI-2K")
            }
            if let pga = assessment.pga {
                if pga < settings.dorisPGABelow {
                    passes.append("PGA \(RemissionAssessment.text(pga)) below \(RemissionAssessment.text(settings.dorisPGABelow))")
                } else {
                    fails.append("PGA \(RemissionAssessment.text(pga)) (needs below \(RemissionAssessment.text(settings.dorisPGABelow)))")
                }
            } else {
                missing.append("PGA")
            }
        } else {
            missing += ["clinical SLEDAI-2K", "PGA"]
        }
        if let dose = prednisoneEquivalent {
            let limit = settings.dorisMaxPrednisoneMgPerDay
            if dose <= limit {
                passes.append("prednisone equivalent \(RemissionAssessment.text(dose)) mg/day, at most \(RemissionAssessment.text(limit))")
            } else {
                fails.append("prednisone equivalent \(RemissionAssessment.text(dose)) mg/day (needs at most \(RemissionAssessment.text(limit)))")
            }
        } else {
            missing.append("prednisone-equivalent dose")
        }
        return RemissionAssessment.decide(assessedOn: assessment?.date, passes: passes, fails: fails, missing: missing)
    }
}

/// Lupus Low Disease Activity State (Franklyn et al., 2016): SLEDAI-2K ≤ 4 with no
/// major-organ activity (renal, CNS, cardiopulmonary, vasculitis, fever), no haemolytic
/// anaemia or GI activity, no new activity since the last assessment, PGA ≤ 1,
/// prednisolone ≤ 7.5 mg/day, standard maintenance immunosuppressants allowed.
///
/// The journal stores SLEDAI-2K totals, not its items. It can exclude major-organ and new
/// activity only when the *clinical* SLEDAI-2K is 0 (a total of 1–4 may be fever or one renal
/// item); otherwise that criterion is named in `missing`. Haemolytic anaemia and GI activity
/// are not SLEDAI-2K items and are not recorded: a `met` result says so in its reasons.
public enum LLDAS {
    public static let uncheckedNote = "haemolytic anaemia and gastrointestinal activity are not recorded by the journal and were not checked"

    public static func evaluate(
        assessment: AssessmentPoint?, prednisoneEquivalent: Decimal?, settings: ClinicalSettings = .defaults
    ) -> RemissionAssessment {
        var passes: [String] = [], fails: [String] = [], missing: [String] = []
        let organ = "absence of major-organ and new activity (SLEDAI-2K items not recorded)"
        if let assessment {
            let clinical = RemissionAssessment.clinicalSledaiBounds(assessment)
            if let total = assessment.sledai {
                if total <= settings.lldasMaxSledai {
                    passes.append("SLEDAI-2K \(total), at most \(settings.lldasMaxSledai)")
                } else {
                    fails.append("SLEDAI-2K \(total) (needs at most \(settings.lldasMaxSledai))")
                }
            } else if let atLeast = clinical.atLeast, atLeast > settings.lldasMaxSledai {
                fails.append("clinical SLEDAI-2K \(atLeast) (SLEDAI-2K needs at most \(settings.lldasMaxSledai))")
            } else {
                missing.append("SLEDAI-2K")
            }
            if clinical.exact == 0 {
                passes.append("no clinical SLEDAI-2K activity, so no major-organ or new activity")
            } else if fails.isEmpty {
                missing.append(organ)
            }
            if let pga = assessment.pga {
                if pga <= settings.lldasMaxPGA {
                    passes.append("PGA \(RemissionAssessment.text(pga)), at most \(RemissionAssessment.text(settings.lldasMaxPGA))")
                } else {
                    fails.append("PGA \(RemissionAssessment.text(pga)) (needs at most \(RemissionAssessment.text(settings.lldasMaxPGA)))")
                }
            } else {
                missing.append("PGA")
            }
        } else {
            missing += ["SLEDAI-2K", "PGA"]
        }
        if let dose = prednisoneEquivalent {
            let limit = settings.lldasMaxPrednisoneMgPerDay
            if dose <= limit {
                passes.append("prednisone equivalent \(RemissionAssessment.text(dose)) mg/day, at most \(RemissionAssessment.text(limit))")
            } else {
                fails.append("prednisone equivalent \(RemissionAssessment.text(dose)) mg/day (needs at most \(RemissionAssessment.text(limit)))")
            }
        } else {
            missing.append("prednisone-equivalent dose")
        }
        var result = RemissionAssessment.decide(assessedOn: assessment?.date, passes: passes, fails: fails, missing: missing)
        if result.status == .met { result.reasons.append(uncheckedNote) }
        return result
    }
}
