import Testing
import RemissionCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// B cells between aplasia and reconstitution (issue 10, item 6; CLINICAL.md, last section).
@Suite struct BCellRecoveryTests {
    let infusion = d("2024-03-01")

    func cd19(_ iso: String, _ value: String, _ qualifier: Qualifier? = nil) -> LabPoint {
        LabPoint(date: d(iso), analyte: "cd19", value: dec(value), qualifier: qualifier)
    }

    @Test func aDetectableCountBelowTheThresholdIsRecovery() {
        // Day +30 none detected, day +100 12 cells/µL (CLINICAL.md's example), day +130 40.
        let points = [cd19("2024-03-31", "1", .lessThan), cd19("2024-06-09", "12"), cd19("2024-07-09", "40")]
        let aplasia = BCellStatus.evaluate(points: points, infusion: infusion, asOf: d("2024-05-01"))
        #expect(aplasia.status == .aplasia && aplasia.recoveringSince == nil && aplasia.aplasiaLimit == 1)
        let status = BCellStatus.evaluate(points: points, infusion: infusion, asOf: d("2024-08-01"))
        #expect(
            status
                == BCellStatus(
                    status: .recovering, lastValue: 40, lastDate: d("2024-07-09"), reconstitutionDay: nil,
                    reconstitutionDate: nil, recoveringSince: d("2024-06-09"), threshold: 100, aplasiaLimit: 1))
        // With a centre's limit of 20, 12 is aplasia and recovery starts at 40.
        var settings = ClinicalSettings()
        settings.bCellAplasiaPerMicrolitre = 20
        let stricter = BCellStatus.evaluate(points: points, infusion: infusion, asOf: d("2024-08-01"), settings: settings)
        #expect(stricter.status == .recovering && stricter.recoveringSince == d("2024-07-09") && stricter.aplasiaLimit == 20)
        #expect(BCellStatus.evaluate(points: points, infusion: infusion, asOf: d("2024-06-30"), settings: settings).status == .aplasia)
    }

    @Test(
        arguments: [
            ("0", nil, BCellStatus.Status.aplasia),
            ("0.5", nil, .aplasia),  // below the limit of 1
            ("1", nil, .recovering),  // at the limit: detectable
            ("99", nil, .recovering),
            ("100", nil, .unconfirmed),
            ("5", Qualifier.lessThan, .aplasia),  // the lab's "none detected"
            ("50", .lessOrEqual, .aplasia),
            ("200", .lessThan, .unknown),  // may be above the threshold
            ("5", .greaterThan, .unknown)  // detectable, but reconstituted or not?
        ] as [(String, Qualifier?, BCellStatus.Status)])
    func latestResultDecides(value: String, qualifier: Qualifier?, expected: BCellStatus.Status) {
        let status = BCellStatus.evaluate(points: [cd19("2024-05-01", value, qualifier)], infusion: infusion, asOf: d("2024-06-01"))
        #expect(status.status == expected)
    }

    @Test func recoveryRestartsAfterAResultThatFindsNone() {
        let points = [
            cd19("2024-04-01", "8"), cd19("2024-05-01", "1", .lessThan), cd19("2024-06-01", "15"), cd19("2024-07-01", "120"),
            cd19("2024-08-01", "60")
        ]
        let status = BCellStatus.evaluate(points: points, infusion: infusion, asOf: d("2024-09-01"))
        #expect(status.status == .recovering)
        #expect(status.recoveringSince == d("2024-06-01"))  // 120 was not confirmed: still recovering since 15
    }

    @Test func alertsAgreeWithTheStatus() {
        let timeline = ClinicalTimeline(infusion: infusion, labs: [cd19("2024-03-31", "1", .lessThan), cd19("2024-06-09", "12"), cd19("2024-07-09", "40")])
        let summary = ClinicalSummary(timeline: timeline, asOf: d("2024-08-01"))
        #expect(summary.bCells.status == .recovering)
        #expect(summary.alerts.map(\.code) == [.bCellsRecovering])
        #expect(summary.alerts.first?.date == d("2024-06-09"))
        #expect(
            summary.alerts.first?.message == "B cells detectable again: 12 cells/µL on 2024-06-09 (day +100), "
                + "below the reconstitution threshold of 100 cells/µL; latest 40 cells/µL on 2024-07-09 (day +130)")
        // In aplasia there is no such alert.
        let earlier = ClinicalSummary(timeline: timeline, asOf: d("2024-05-01"))
        #expect(earlier.bCells.status == .aplasia && earlier.alerts.isEmpty)
    }

    @Test func aplasiaLimitIsASetting() throws {
        var settings = ClinicalSettings()
        #expect(settings.bCellAplasiaPerMicrolitre == 1)
        try settings.set(.bCellAplasiaPerMicrolitre, to: "20")
        #expect(settings.value(of: .bCellAplasiaPerMicrolitre) == "20")
        #expect(throws: InputError.self) { try settings.set(.bCellAplasiaPerMicrolitre, to: "0") }
    }
}
