import Testing
import RemissionCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

private func med(
    _ drug: String, _ drugClass: DrugClass, _ amount: String?, _ unit: DoseUnit?,
    _ frequency: DoseFrequency?, _ start: String, _ end: String? = nil
) -> MedicationPeriod {
    MedicationPeriod(
        drug: drug, drugClass: drugClass, doseAmount: amount.map(dec), doseUnit: unit,
        frequency: frequency, start: d(start), end: end.map(d))
}

/// A glucocorticoid taken daily, in mg.
private func steroid(_ drug: String, _ amount: String?, start: String, _ end: String? = nil) -> MedicationPeriod {
    med(drug, .glucocorticoid, amount, .mg, .daily, start, end)
}

@Suite struct ClinicalGlucocorticoidTests {
    /// A taper with the dose changed on the infusion day (2024-03-01).
    let taper = [
        steroid("prednisone", "10", start: "2024-01-01", "2024-03-01"),
        steroid("prednisone", "5", start: "2024-03-01", "2024-04-01"),
        steroid("prednisolone", "2.5", start: "2024-04-01", "2024-05-01"),
        med("hydroxychloroquine", .antimalarial, "200", .mg, .twiceDaily, "2023-01-01")
    ]

    @Test func doseChangeOnInfusionDay() {
        #expect(Glucocorticoid.prednisoneEquivalent(on: d("2024-02-29"), periods: taper) == 10)
        #expect(Glucocorticoid.prednisoneEquivalent(on: d("2024-03-01"), periods: taper) == 5)
        #expect(Glucocorticoid.prednisoneEquivalent(on: d("2024-04-15"), periods: taper) == dec("2.5"))
        #expect(Glucocorticoid.prednisoneEquivalent(on: d("2024-05-01"), periods: taper) == 0)
    }

    @Test func steroidFreeInterval() {
        #expect(Glucocorticoid.steroidFreeSince(periods: taper, asOf: d("2024-04-15")) == nil)
        #expect(Glucocorticoid.steroidFreeDays(periods: taper, asOf: d("2024-04-15")) == nil)
        #expect(Glucocorticoid.steroidFreeSince(periods: taper, asOf: d("2024-05-01")) == d("2024-05-01"))
        #expect(Glucocorticoid.steroidFreeDays(periods: taper, asOf: d("2024-05-01")) == 0)
        #expect(Glucocorticoid.steroidFreeDays(periods: taper, asOf: d("2024-06-01")) == 31)
        // Never on a glucocorticoid: no date to count from.
        #expect(Glucocorticoid.steroidFreeSince(periods: [], asOf: d("2024-06-01")) == nil)
        #expect(Glucocorticoid.prednisoneEquivalent(on: d("2024-06-01"), periods: []) == 0)
    }

    /// Only systemic glucocorticoids count: a cream or an inhaler is not a prednisone dose.
    @Test func topicalAndInhaledAreNotCounted() {
        func period(_ route: String?) -> MedicationPeriod {
            MedicationPeriod(
                drug: "prednisolone", drugClass: .glucocorticoid, doseAmount: 5, doseUnit: .mg,
                frequency: .daily, start: d("2024-01-01"), route: route)
        }
        for route in [nil, "oral", "iv", "im", "sc", "other"] {
            #expect(Glucocorticoid.prednisoneEquivalent(on: d("2024-02-01"), periods: [period(route)]) == 5, "\(route ?? "none")")
        }
        for route in ["topical", "inhaled", "rectal"] {
            #expect(Glucocorticoid.prednisoneEquivalent(on: d("2024-02-01"), periods: [period(route)]) == 0, "\(route)")
            #expect(Glucocorticoid.steroidFreeSince(periods: [period(route)], asOf: d("2024-02-01")) == nil)
        }
    }

    @Test func factorsUnitsAndFrequencies() {
        let on = "2024-01-10"
        func pe(_ periods: [MedicationPeriod]) -> Decimal? {
            Glucocorticoid.prednisoneEquivalent(on: d(on), periods: periods)
        }
        #expect(pe([med("methylprednisolone", .glucocorticoid, "4", .mg, .twiceDaily, "2024-01-01")]) == 10)
        #expect(pe([med("dexamethasone", .glucocorticoid, "500", .mcg, .daily, "2024-01-01")]) == dec("3.125"))
        #expect(pe([med("prednisone", .glucocorticoid, "10", .mg, .alternateDays, "2024-01-01")]) == 5)
        #expect(
            pe([
                steroid("prednisolone", "5", start: "2024-01-01"),
                steroid("hydrocortisone", "20", start: "2024-01-01")
            ]) == 10)
    }

    @Test func unknownDoseGivesNil() {
        let on = d("2024-01-10")
        let unknowns = [
            steroid("prednisone", nil, start: "2024-01-01"),
            med("prednisone", .glucocorticoid, "1", .mgPerKg, .daily, "2024-01-01"),
            med("prednisone", .glucocorticoid, "5", .mg, .asNeeded, "2024-01-01"),
            med("prednisone", .glucocorticoid, "5", .mg, nil, "2024-01-01"),
            steroid("cortisone-x", "5", start: "2024-01-01")
        ]
        for period in unknowns {
            let periods = [steroid("prednisone", "5", start: "2024-01-01"), period]
            #expect(Glucocorticoid.prednisoneEquivalent(on: on, periods: periods) == nil)
        }
        // An unknown dose that is not active that day does not matter.
        let ended = [steroid("prednisone", nil, start: "2023-01-01", "2024-01-01")]
        #expect(Glucocorticoid.prednisoneEquivalent(on: on, periods: ended) == 0)
    }

    @Test func immunosuppressantFreeDays() {
        let periods = [
            med("mycophenolate-mofetil", .immunosuppressant, "1000", .mg, .twiceDaily, "2023-01-01", "2024-02-01"),
            med("belimumab", .biologic, "200", .mg, .weekly, "2023-06-01", "2024-01-15"),
            med("rituximab", .biologic, "1000", .mg, .once, "2023-05-01"),
            med("hydroxychloroquine", .antimalarial, "200", .mg, .daily, "2023-01-01"),
            med("fludarabine", .chemotherapy, "25", .mgPerM2, .daily, "2024-02-26", "2024-02-29")
        ]
        #expect(Glucocorticoid.immunosuppressantFreeSince(periods: periods, asOf: d("2024-06-01")) == d("2024-02-01"))
        #expect(Glucocorticoid.immunosuppressantFreeDays(periods: periods, asOf: d("2024-06-01")) == 121)
        #expect(Glucocorticoid.immunosuppressantFreeDays(periods: periods, asOf: d("2024-01-20")) == nil)
        let active = periods + [med("tacrolimus", .immunosuppressant, "2", .mg, .twiceDaily, "2024-05-01")]
        #expect(Glucocorticoid.immunosuppressantFreeDays(periods: active, asOf: d("2024-06-01")) == nil)
        #expect(Glucocorticoid.immunosuppressantFreeDays(periods: [], asOf: d("2024-06-01")) == nil)
        // A single dose with no end recorded occupies only its own day.
        let once = [med("rituximab", .biologic, "1000", .mg, .once, "2023-05-01")]
        #expect(Glucocorticoid.immunosuppressantFreeSince(periods: once, asOf: d("2023-05-01")) == nil)
        #expect(Glucocorticoid.immunosuppressantFreeSince(periods: once, asOf: d("2023-05-02")) == d("2023-05-02"))
    }
}

@Suite struct ClinicalRemissionDefinitionTests {
    let date = d("2024-06-01")

    @Test func dorisMet() {
        let visit = AssessmentPoint(date: date, sledai: 2, clinicalSledai: 0, pga: dec("0.2"))
        #expect(
            DORIS.evaluate(assessment: visit, prednisoneEquivalent: dec("2.5"))
                == RemissionAssessment(
                    status: .met, assessedOn: date,
                    reasons: ["clinical SLEDAI-2K 0", "PGA 0.2 below 0.5", "prednisone equivalent 2.5 mg/day, at most 5"],
                    missing: []))
        // A total of 0 implies a clinical score of 0.
        let total = AssessmentPoint(date: date, sledai: 0, pga: 0)
        #expect(DORIS.evaluate(assessment: total, prednisoneEquivalent: 0).status == .met)
    }

    @Test func dorisMissingDataIsNeverNotMet() {
        #expect(
            DORIS.evaluate(assessment: nil, prednisoneEquivalent: 0)
                == RemissionAssessment(
                    status: .insufficientData, assessedOn: nil,
                    reasons: ["prednisone equivalent 0 mg/day, at most 5"], missing: ["clinical SLEDAI-2K", "PGA"]))
        // A total of 4 may be serology alone: clinical score unknown.
        let serology = AssessmentPoint(date: date, sledai: 4, pga: dec("0.3"))
        let result = DORIS.evaluate(assessment: serology, prednisoneEquivalent: 0)
        #expect(result.status == .insufficientData)
        #expect(result.missing == ["clinical SLEDAI-2K"])
        let noDose = AssessmentPoint(date: date, sledai: 0, clinicalSledai: 0, pga: 0)
        #expect(DORIS.evaluate(assessment: noDose, prednisoneEquivalent: nil).missing == ["prednisone-equivalent dose"])
        #expect(DORIS.evaluate(assessment: noDose, prednisoneEquivalent: nil).status == .insufficientData)
    }

    @Test func dorisNotMetFromRecordedValues() {
        let high = AssessmentPoint(date: date, sledai: 6)
        #expect(
            DORIS.evaluate(assessment: high, prednisoneEquivalent: 0)
                == RemissionAssessment(
                    status: .notMet, assessedOn: date,
                    reasons: ["clinical SLEDAI-2K at least 2 (SLEDAI-2K 6; needs 0)"], missing: ["PGA"]))
        let pga = AssessmentPoint(date: date, sledai: 0, clinicalSledai: 0, pga: dec("0.5"))
        #expect(DORIS.evaluate(assessment: pga, prednisoneEquivalent: 0).reasons == ["PGA 0.5 (needs below 0.5)"])
        let dose = AssessmentPoint(date: date, clinicalSledai: 0, pga: 0)
        #expect(
            DORIS.evaluate(assessment: dose, prednisoneEquivalent: dec("7.5"))
                == RemissionAssessment(
                    status: .notMet, assessedOn: date,
                    reasons: ["prednisone equivalent 7.5 mg/day (needs at most 5)"], missing: []))
    }

    @Test func lldas() {
        let visit = AssessmentPoint(date: date, sledai: 4, clinicalSledai: 0, pga: 1)
        #expect(
            LLDAS.evaluate(assessment: visit, prednisoneEquivalent: dec("7.5"))
                == RemissionAssessment(
                    status: .met, assessedOn: date,
                    reasons: [
                        "SLEDAI-2K 4, at most 4", "no clinical SLEDAI-2K activity, so no major-organ or new activity",
                        "PGA 1, at most 1", "prednisone equivalent 7.5 mg/day, at most 7.5", LLDAS.uncheckedNote
                    ],
                    missing: []))
        // A clinical score of 1–4 may be fever or a renal item: cannot be decided from totals.
        let unclear = AssessmentPoint(date: date, sledai: 4, pga: 1)
        let result = LLDAS.evaluate(assessment: unclear, prednisoneEquivalent: 5)
        #expect(result.status == .insufficientData)
        #expect(result.missing == ["absence of major-organ and new activity (SLEDAI-2K items not recorded)"])
        let high = AssessmentPoint(date: date, sledai: 6, clinicalSledai: 6, pga: 1)
        #expect(
            LLDAS.evaluate(assessment: high, prednisoneEquivalent: 0)
                == RemissionAssessment(
                    status: .notMet, assessedOn: date, reasons: ["SLEDAI-2K 6 (needs at most 4)"], missing: []))
        #expect(
            LLDAS.evaluate(assessment: nil, prednisoneEquivalent: nil)
                == RemissionAssessment(
                    status: .insufficientData, assessedOn: nil, reasons: [],
                    missing: ["SLEDAI-2K", "PGA", "prednisone-equivalent dose"]))
        let dose = AssessmentPoint(date: date, sledai: 0, pga: dec("0.5"))
        #expect(
            LLDAS.evaluate(assessment: dose, prednisoneEquivalent: 10).reasons
                == ["prednisone equivalent 10 mg/day (needs at most 7.5)"])
    }

    @Test func fromPeriodsOnTheAssessmentDay() {
        // The dose changed on the infusion day; the visit on that day sees the new dose.
        let periods = [
            steroid("prednisone", "10", start: "2024-01-01", "2024-03-01"),
            steroid("prednisone", "5", start: "2024-03-01")
        ]
        let visit = AssessmentPoint(date: d("2024-03-01"), sledai: 0, pga: 0)
        let dose = Glucocorticoid.prednisoneEquivalent(on: visit.date, periods: periods)
        #expect(DORIS.evaluate(assessment: visit, prednisoneEquivalent: dose).status == .met)
    }
}

@Suite struct OverlappingPeriodTests {
    /// Two devices changed the dose at once: two current periods of prednisone. Their sum
    /// (12.5 mg) is a dose nobody takes; the day's dose is unknown instead.
    @Test func oneDrugInTwoPeriodsIsUnknownNotSummed() throws {
        let start = try #require(CalendarDate(iso: "2026-06-01")), day = try #require(CalendarDate(iso: "2026-10-01"))
        func period(_ mg: Decimal, from: String) throws -> MedicationPeriod {
            MedicationPeriod(
                drug: "prednisone", drugClass: .glucocorticoid, doseAmount: mg, doseUnit: .mg, frequency: .daily,
                start: try #require(CalendarDate(iso: from)))
        }
        let twice = [try period(Decimal(string: "7.5")!, from: "2026-08-15"), try period(5, from: "2026-09-01")]
        #expect(Glucocorticoid.prednisoneEquivalent(on: day, periods: twice) == nil)
        // Before the second began, the first alone is known; two drugs still add up.
        #expect(Glucocorticoid.prednisoneEquivalent(on: try #require(CalendarDate(iso: "2026-08-20")), periods: twice) == Decimal(string: "7.5"))
        let hydrocortisone = MedicationPeriod(
            drug: "hydrocortisone", drugClass: .glucocorticoid, doseAmount: 20, doseUnit: .mg, frequency: .daily, start: start)
        #expect(Glucocorticoid.prednisoneEquivalent(on: day, periods: [twice[1], hydrocortisone]) == 10)
    }
}
