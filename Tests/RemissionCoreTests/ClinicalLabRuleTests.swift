import Testing
import RemissionCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

private func lab(
    _ iso: String, _ analyte: String, _ value: String, _ qualifier: Qualifier? = nil,
    low: String? = nil, high: String? = nil, lab: String? = nil
) -> LabPoint {
    LabPoint(
        date: d(iso), analyte: analyte, value: dec(value), qualifier: qualifier,
        rangeLow: low.map(dec), rangeHigh: high.map(dec), lab: lab)
}

private let infusion = d("2024-03-01")

@Suite struct ClinicalBCellTests {
    /// Baseline, aplasia, a stray high value, then a confirmed return at exactly the threshold.
    let timeline = [
        lab("2024-02-20", "cd19", "250"),
        lab("2024-03-01", "cd19", "240"),  // day 0, drawn before the cells
        lab("2024-03-31", "cd19", "5", .lessThan),  // day +30
        lab("2024-04-30", "cd19", "130"),  // day +60, not confirmed
        lab("2024-05-15", "cd19", "40"),  // day +75
        lab("2024-06-19", "cd19", "100"),  // day +110, at the threshold
        lab("2024-07-19", "cd19", "180"),  // day +140, confirms
        lab("2024-08-18", "cd19", "60"),  // day +170
        lab("2024-06-19", "cd19-percent", "0.5")
    ]

    @Test func confirmedReconstitution() {
        let status = BCellStatus.evaluate(points: timeline, infusion: infusion, asOf: d("2024-09-01"))
        #expect(
            status
                == BCellStatus(
                    status: .reconstituted, lastValue: 60, lastDate: d("2024-08-18"),
                    reconstitutionDay: 110, reconstitutionDate: d("2024-06-19"), threshold: 100))
    }

    @Test func singleUnconfirmedResult() {
        let status = BCellStatus.evaluate(points: timeline, infusion: infusion, asOf: d("2024-07-01"))
        #expect(status.status == .unconfirmed)
        #expect(status.lastValue == 100)
        #expect(status.lastDate == d("2024-06-19"))
        #expect(status.reconstitutionDay == nil)
        #expect(status.reconstitutionDate == nil)
    }

    @Test func aplasiaWithQualifiedResult() {
        let status = BCellStatus.evaluate(points: timeline, infusion: infusion, asOf: d("2024-04-15"))
        #expect(status.status == .aplasia)
        #expect(status.lastValue == 5)
        #expect(status.lastQualifier == .lessThan)
        #expect(status.reconstitutionDay == nil)
    }

    @Test func noInfusionDate() {
        let status = BCellStatus.evaluate(points: timeline, infusion: nil, asOf: d("2024-09-01"))
        #expect(
            status
                == BCellStatus(
                    status: .unknown, lastValue: 60, lastDate: d("2024-08-18"),
                    reconstitutionDay: nil, reconstitutionDate: nil, threshold: 100))
    }

    @Test func noResultsAfterInfusion() {
        // Only the baseline and the day-0 sample: nothing after the infusion yet.
        let status = BCellStatus.evaluate(points: timeline, infusion: infusion, asOf: d("2024-03-15"))
        #expect(
            status
                == BCellStatus(
                    status: .unknown, lastValue: 240, lastDate: d("2024-03-01"),
                    reconstitutionDay: nil, reconstitutionDate: nil, threshold: 100))
    }

    @Test func noResultsAtAll() {
        let status = BCellStatus.evaluate(points: [], infusion: infusion, asOf: d("2024-03-15"))
        #expect(
            status
                == BCellStatus(
                    status: .unknown, lastValue: nil, lastDate: nil,
                    reconstitutionDay: nil, reconstitutionDate: nil, threshold: 100))
    }

    @Test func boundThatDoesNotSettleIsUnknown() {
        let points = [lab("2024-04-01", "cd19", "200", .lessThan)]
        #expect(BCellStatus.evaluate(points: points, infusion: infusion, asOf: d("2024-05-01")).status == .unknown)
        let above = [lab("2024-04-01", "cd19", "150", .greaterThan), lab("2024-05-01", "cd19", "100", .greaterOrEqual)]
        let status = BCellStatus.evaluate(points: above, infusion: infusion, asOf: d("2024-06-01"))
        #expect(status.status == .reconstituted)
        #expect(status.reconstitutionDay == 31)
    }

    @Test func thresholdIsASetting() {
        var settings = ClinicalSettings()
        settings.bCellReconstitutionPerMicrolitre = 30
        let status = BCellStatus.evaluate(points: timeline, infusion: infusion, asOf: d("2024-09-01"), settings: settings)
        #expect(status.status == .reconstituted)
        #expect(status.reconstitutionDate == d("2024-04-30"))
        #expect(status.reconstitutionDay == 60)
        #expect(status.threshold == 30)
    }

    /// Two results of one day are one sample: the confirming result must come from a later day.
    @Test func sameDayResultDoesNotConfirm() {
        let points = [lab("2024-05-01", "cd19", "120"), lab("2024-05-01", "cd19", "125")]
        let status = BCellStatus.evaluate(points: points, infusion: infusion, asOf: d("2024-06-01"))
        #expect(status.status == .unconfirmed)
        #expect(status.reconstitutionDate == nil)
        let later = points + [lab("2024-05-20", "cd19", "140")]
        #expect(BCellStatus.evaluate(points: later, infusion: infusion, asOf: d("2024-06-01")).reconstitutionDate == d("2024-05-01"))
    }

    @Test func percentSeriesUsesItsOwnThreshold() {
        let status = BCellStatus.evaluate(
            points: timeline, infusion: infusion, asOf: d("2024-09-01"), analyte: "cd19-percent")
        // 0.5 % is detectable, below the 1 % threshold: recovering. The % series has no aplasia
        // limit of its own; only 0 or a bound found none.
        #expect(status.status == .recovering)
        #expect(status.aplasiaLimit == nil)
        #expect(status.threshold == 1)
        #expect(status.lastValue == dec("0.5"))
    }
}

@Suite struct ClinicalAntiDsDNATests {
    /// Positive before infusion, then three years of negatives, then positive again.
    let years = [
        lab("2024-02-20", "anti-dsdna", "180", high: "30", lab: "Lab A"),
        lab("2024-06-01", "anti-dsdna", "20", high: "30", lab: "Lab A"),
        lab("2025-06-01", "anti-dsdna", "8", high: "30", lab: "Lab A"),
        lab("2026-06-01", "anti-dsdna", "5", high: "30", lab: "Lab A"),
        lab("2027-06-01", "anti-dsdna", "4", high: "30", lab: "Lab A"),
        lab("2027-09-01", "anti-dsdna", "45", high: "30", lab: "Lab A")
    ]

    @Test func negativeRunAfterInfusion() {
        let status = AntiDsDNAStatus.evaluate(points: years, infusion: infusion, asOf: d("2027-08-01"))
        #expect(
            status
                == AntiDsDNAStatus(
                    status: .negative, lastValue: 4, lastDate: d("2027-06-01"), negativeSince: d("2024-06-01"),
                    negativeSinceDay: 92, positiveAfterNegative: false, assayChanges: []))
    }

    @Test func positiveAfterYearsOfNegatives() {
        let status = AntiDsDNAStatus.evaluate(points: years, infusion: infusion, asOf: d("2027-10-01"))
        #expect(
            status
                == AntiDsDNAStatus(
                    status: .positive, lastValue: 45, lastDate: d("2027-09-01"), negativeSince: nil,
                    positiveSince: d("2027-09-01"), negativeSinceDay: nil, positiveAfterNegative: true, assayChanges: []))
    }

    @Test func positiveBeforeAnyNegativeIsNotAnAlert() {
        let status = AntiDsDNAStatus.evaluate(points: years, infusion: infusion, asOf: d("2024-03-01"))
        #expect(status.status == .positive)
        #expect(status.positiveAfterNegative == false)
    }

    @Test func twoAssaysEachJudgedByItsOwnRange() {
        let points = [
            lab("2024-06-01", "anti-dsdna", "20", high: "30", lab: "Lab A"),  // ELISA: negative
            lab("2024-09-01", "anti-dsdna", "12", high: "10", lab: "Lab B"),  // other assay: positive
            lab("2024-12-01", "anti-dsdna", "8", high: "10", lab: "Lab B")
        ]
        let status = AntiDsDNAStatus.evaluate(points: points, infusion: infusion, asOf: d("2025-01-01"))
        #expect(
            status
                == AntiDsDNAStatus(
                    status: .negative, lastValue: 8, lastDate: d("2024-12-01"), negativeSince: d("2024-12-01"),
                    negativeSinceDay: 275, positiveAfterNegative: false,
                    assayChanges: [AssayChange(date: d("2024-09-01"), fromLab: "Lab A", toLab: "Lab B")]))
        #expect(status.assayChangedAtLast == false)

        let atChange = AntiDsDNAStatus.evaluate(points: points, infusion: infusion, asOf: d("2024-10-01"))
        #expect(atChange.status == .positive)
        #expect(atChange.positiveAfterNegative)
        #expect(atChange.assayChangedAtLast)
    }

    @Test func negativeRunContinuesAcrossAnAssayChange() {
        let points = [
            lab("2024-06-01", "anti-dsdna", "20", high: "30", lab: "Lab A"),
            lab("2024-09-01", "anti-dsdna", "12", high: "15", lab: "lab-a "),  // same lab, other spelling
            lab("2024-12-01", "anti-dsdna", "12", high: "15", lab: "Lab B")
        ]
        let status = AntiDsDNAStatus.evaluate(points: points, infusion: infusion, asOf: d("2025-01-01"))
        #expect(status.status == .negative)
        #expect(status.negativeSince == d("2024-06-01"))
        #expect(status.assayChanges == [AssayChange(date: d("2024-12-01"), fromLab: "lab-a ", toLab: "Lab B")])
        #expect(status.assayChangedAtLast)
    }

    @Test func defaultRangeAndUnknowns() {
        // No stored range: the catalogue default (< 30 IU/mL) decides.
        let noRange = [lab("2024-06-01", "anti-dsdna", "31")]
        #expect(AntiDsDNAStatus.evaluate(points: noRange, infusion: nil, asOf: d("2024-07-01")).status == .positive)
        // "<50" against < 30 cannot be placed.
        let bound = [lab("2024-06-01", "anti-dsdna", "50", .lessThan, high: "30")]
        #expect(AntiDsDNAStatus.evaluate(points: bound, infusion: infusion, asOf: d("2024-07-01")).status == .unknown)
        // Judged against the high end only: "<10" against 0–30 is negative, ">40" positive.
        let belowRange = [lab("2024-06-01", "anti-dsdna", "10", .lessThan, low: "0", high: "30")]
        #expect(AntiDsDNAStatus.evaluate(points: belowRange, infusion: infusion, asOf: d("2024-07-01")).status == .negative)
        let aboveBound = [lab("2024-06-01", "anti-dsdna", "40", .greaterThan, low: "0", high: "30")]
        #expect(AntiDsDNAStatus.evaluate(points: aboveBound, infusion: infusion, asOf: d("2024-07-01")).status == .positive)
        let atLimit = [lab("2024-06-01", "anti-dsdna", "30", .greaterOrEqual, high: "30")]
        #expect(AntiDsDNAStatus.evaluate(points: atLimit, infusion: infusion, asOf: d("2024-07-01")).status == .unknown)
        let none = AntiDsDNAStatus.evaluate(points: [], infusion: infusion, asOf: d("2024-07-01"))
        #expect(
            none
                == AntiDsDNAStatus(
                    status: .unknown, lastValue: nil, lastDate: nil, negativeSince: nil, negativeSinceDay: nil,
                    positiveAfterNegative: false, assayChanges: []))
        // Without an infusion date the run start is known but not its study day.
        let negative = [lab("2024-06-01", "anti-dsdna", "3", .lessThan, high: "30")]
        let status = AntiDsDNAStatus.evaluate(points: negative, infusion: nil, asOf: d("2024-07-01"))
        #expect(status.status == .negative)
        #expect(status.negativeSince == d("2024-06-01"))
        #expect(status.negativeSinceDay == nil)
    }
}

@Suite struct ClinicalComplementTests {
    let points = [
        lab("2024-02-20", "c3", "0.5"), lab("2024-02-20", "c4", "0.05"),
        lab("2024-05-01", "c3", "0.95"), lab("2024-05-01", "c4", "0.08"),
        lab("2024-08-01", "c3", "1.1"), lab("2024-08-01", "c4", "0.15"),
        lab("2024-10-01", "c3", "0.8")
    ]

    @Test func normalSinceTheLaterRecovery() {
        let status = ComplementStatus.evaluate(points: points, infusion: infusion, asOf: d("2024-09-01"))
        #expect(
            status
                == ComplementStatus(
                    c3Status: .normal, c4Status: .normal, c3LastValue: dec("1.1"), c4LastValue: dec("0.15"),
                    c3NormalSince: d("2024-05-01"), c4NormalSince: d("2024-08-01"), normalSince: d("2024-08-01"),
                    normalSinceDay: 153, c3Fall: nil, c4Fall: nil))
    }

    @Test func fallingBelowRange() {
        let status = ComplementStatus.evaluate(points: points, infusion: infusion, asOf: d("2024-10-01"))
        #expect(status.c3Status == .low)
        #expect(status.c4Status == .normal)
        #expect(status.c3Fall?.date == d("2024-10-01"))
        #expect(status.normalSince == nil)
        #expect(status.normalSinceDay == nil)
        #expect(status.c4NormalSince == d("2024-08-01"))
    }

    @Test func storedRangeWinsAndMissingIsUnknown() {
        let own = [lab("2024-05-01", "c3", "0.85", low: "0.8", high: "1.6")]
        let status = ComplementStatus.evaluate(points: own, infusion: infusion, asOf: d("2024-06-01"))
        #expect(status.c3Status == .normal)
        #expect(status.c4Status == .unknown)
        #expect(status.normalSince == nil)
        let none = ComplementStatus.evaluate(points: [], infusion: nil, asOf: d("2024-06-01"))
        #expect(none.c3Status == .unknown && none.c4Status == .unknown)
    }
}

@Suite struct ClinicalIgGTests {
    /// "low" is against the result's range (else 7–16 g/L); the alert is at or below 4 g/L.
    @Test(arguments: [
        ("3.5", nil as Qualifier?, nil as String?, IgGStatus.Level.low, true as Bool?),
        ("4", nil, nil, .low, true),
        ("5.2", nil, nil, .low, false),
        ("8", nil, nil, .normal, false),
        ("2", .lessThan, nil, .low, true),
        ("4.5", nil, "4", .normal, false),
        ("3", nil, "2", .normal, true),  // a lab whose range starts at 2: normal, yet the alert
        ("5", .greaterThan, nil, .unknown, false)  // >5 may be below 7 or not; it is above 4
    ])
    func levels(value: String, qualifier: Qualifier?, low: String?, level: IgGStatus.Level, atOrBelowThreshold: Bool?) {
        let points = [lab("2024-01-01", "igg", "9"), lab("2024-06-01", "igg", value, qualifier, low: low, high: low == nil ? nil : "16")]
        let status = IgGStatus.evaluate(points: points, asOf: d("2024-07-01"))
        #expect(status.status == level)
        #expect(status.lastGPerL == dec(value))
        #expect(status.lastDate == d("2024-06-01"))
        #expect(status.atOrBelowThreshold == atOrBelowThreshold)
        #expect(status.threshold == 4)
    }

    @Test func noResult() {
        let status = IgGStatus.evaluate(points: [], asOf: d("2024-07-01"))
        #expect(status == IgGStatus(status: .unknown, lastGPerL: nil, lastDate: nil, atOrBelowThreshold: nil, threshold: 4))
    }
}
