import RemissionTestSupport
import Testing
@testable import RemissionCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

@Suite struct ClinicalSymptomBurdenTests {
    @Test func meansOverDaysWithEntries() {
        let points = [
            SymptomPoint(date: d("2024-07-01"), name: "fatigue", severity: 10),  // after "as of"
            SymptomPoint(date: d("2024-06-30"), name: "fatigue", severity: 4),
            SymptomPoint(date: d("2024-06-30"), name: "joint-pain", severity: 2),
            SymptomPoint(date: d("2024-06-28"), name: "fatigue", severity: 3),
            SymptomPoint(date: d("2024-06-24"), name: "rash", severity: 1),  // first day of 7d
            SymptomPoint(date: d("2024-06-23"), name: "fatigue", severity: 9),
            SymptomPoint(date: d("2024-06-01"), name: "fatigue", severity: 2),  // first day of 30d
            SymptomPoint(date: d("2024-05-31"), name: "fatigue", severity: 0),  // counts, burden 0
            SymptomPoint(date: d("2024-04-02"), name: "fatigue", severity: 5),  // first day of 90d
            SymptomPoint(date: d("2024-04-01"), name: "fatigue", severity: 10)
        ]
        let burden = SymptomBurden.means(points: points, asOf: d("2024-06-30"))
        #expect(burden.mean7d == dec("3.33"))  // (6 + 3 + 1) / 3
        #expect(burden.mean30d == dec("4.2"))  // (6 + 3 + 1 + 9 + 2) / 5
        #expect(burden.mean90d == dec("3.71"))  // (21 + 0 + 5) / 7
        // A day logged without symptoms (well-being or a note) is a day of burden 0; one
        // logged day that also has symptoms counts once.
        let logged = SymptomBurden.means(
            points: points, asOf: d("2024-06-30"), loggedDays: [d("2024-06-29"), d("2024-06-30"), d("2024-06-30")])
        #expect(logged.mean7d == dec("2.5"))  // (6 + 0 + 3 + 1) / 4
        #expect(logged.mean30d == dec("3.5"))  // 21 / 6
    }

    @Test func noEntries() {
        let burden = SymptomBurden.means(points: [], asOf: d("2024-06-30"))
        #expect(burden.mean7d == nil && burden.mean30d == nil && burden.mean90d == nil)
        let old = [SymptomPoint(date: d("2024-06-01"), name: "fatigue", severity: 3)]
        let partial = SymptomBurden.means(points: old, asOf: d("2024-06-30"))
        #expect(partial.mean7d == nil)
        #expect(partial.mean30d == 3)
    }
}

@Suite struct ClinicalTrendStatisticsTests {
    @Test func rising() {
        let stats = TrendStatistics.compute(values: [
            (d("2024-03-01"), 30), (d("2024-01-01"), 10), (d("2024-01-31"), 20)
        ])
        #expect(
            stats
                == TrendStatistics(
                    count: 3, latestDate: d("2024-03-01"), latest: 30, changeFromPrevious: 10,
                    min: 10, max: 30, mean: 20, slopePer30Days: 10, direction: .rising))
    }

    @Test func stableWithinTolerance() {
        let stats = TrendStatistics.compute(values: [
            (d("2024-01-01"), 100), (d("2024-01-11"), 101), (d("2024-01-21"), 99), (d("2024-01-31"), 100)
        ])
        #expect(stats.slopePer30Days == dec("-0.6"))
        #expect(stats.direction == .stable)
        #expect(stats.changeFromPrevious == 1)
        #expect(stats.mean == 100)
        #expect(stats.min == 99 && stats.max == 101)
    }

    @Test func falling() {
        let stats = TrendStatistics.compute(values: [(d("2024-01-01"), 8), (d("2024-01-11"), 6), (d("2024-01-21"), 4)])
        #expect(stats.slopePer30Days == -6)
        #expect(stats.direction == .falling)
        #expect(stats.changeFromPrevious == -2)
    }

    @Test func roundingAndDegenerateSeries() {
        let thirds = TrendStatistics.compute(values: [(d("2024-01-01"), 1), (d("2024-01-02"), 2), (d("2024-01-03"), 2)])
        #expect(thirds.mean == dec("1.6667"))
        #expect(thirds.slopePer30Days == 15)  // 0.5 per day
        let single = TrendStatistics.compute(values: [(d("2024-01-01"), dec("4.2"))])
        #expect(
            single
                == TrendStatistics(
                    count: 1, latestDate: d("2024-01-01"), latest: dec("4.2"), changeFromPrevious: nil,
                    min: dec("4.2"), max: dec("4.2"), mean: dec("4.2"), slopePer30Days: nil, direction: nil))
        let sameDay = TrendStatistics.compute(values: [(d("2024-01-01"), 1), (d("2024-01-01"), 3)])
        #expect(sameDay.slopePer30Days == nil)
        #expect(sameDay.changeFromPrevious == 2)
        #expect(sameDay.latest == 3)
        let empty = TrendStatistics.compute(values: [])
        #expect(empty.count == 0 && empty.latest == nil && empty.mean == nil)
        // Zero mean: only a zero slope is stable.
        let flat = TrendStatistics.compute(values: [(d("2024-01-01"), 0), (d("2024-01-31"), 0)])
        #expect(flat.direction == .stable)
    }

    @Test func sparkline() {
        #expect(Sparkline.render((1...8).map { Decimal($0) }) == "▁▂▃▄▅▆▇█")
        #expect(Sparkline.render([0, 10]) == "▁█")
        #expect(Sparkline.render([0, 5, 10]) == "▁▅█")
        #expect(Sparkline.render([5, 5, 5]) == "▄▄▄")
        #expect(Sparkline.render([]) == "")
    }

    /// More values than columns: group means. Values near Int64's limits must not trap.
    @Test func longAndExtremeSparklines() {
        let rising = Sparkline.render((1...100).map { Decimal($0) })
        #expect(rising.count == Sparkline.maximumWidth && rising.first == "▁" && rising.last == "█")
        let huge = Array(repeating: dec("9223372036854775807"), count: 40) + Array(repeating: 0, count: 20)
        #expect(Sparkline.render(huge) == String(repeating: "█", count: 20) + String(repeating: "▁", count: 10))
        #expect(Sparkline.render([dec("-9223372036854775808"), dec("9223372036854775807")]) == "▁█")
        #expect(Sparkline.render([dec("1e30"), 0, dec("0.000001")]) == "█▁▁")
    }
}

@Suite struct ClinicalSettingsTests {
    @Test func documentedDefaults() {
        let s = ClinicalSettings.defaults
        #expect(s.bCellReconstitutionPerMicrolitre == 100)
        #expect(s.bCellReconstitutionPercent == 1)
        #expect(s.iggLowGPerL == 4)
        #expect(s.proteinuriaMgPerG == 500)
        #expect(s.dorisMaxPrednisoneMgPerDay == 5)
        #expect(s.dorisPGABelow == dec("0.5"))
        #expect(s.lldasMaxPrednisoneMgPerDay == dec("7.5"))
        #expect(s.lldasMaxSledai == 4)
        #expect(s.lldasMaxPGA == 1)
        #expect(s.symptomWindowDays == [7, 30, 90])
        #expect(s.recentEventDays == 30)
        #expect(s.trendStableFraction == dec("0.05"))
    }

    @Test func partialConfigurationKeepsDefaults() throws {
        let json = #"{"igg_low_g_per_l": 3, "b_cell_reconstitution_per_ul": 20}"#
        let decoded = try JSONDecoder().decode(ClinicalSettings.self, from: Data(json.utf8))
        var expected = ClinicalSettings()
        expected.iggLowGPerL = 3
        expected.bCellReconstitutionPerMicrolitre = 20
        #expect(decoded == expected)
        let roundTrip = try JSONDecoder().decode(ClinicalSettings.self, from: JSONEncoder().encode(decoded))
        #expect(roundTrip == expected)
    }
}

/// The integer fast path of trend statistics and sparklines gives exactly what Decimal gives.
@Suite struct ClinicalTrendFastPathTests {
    /// Random series of lab-like values (0–4 decimals, negative too) on random days: the fast
    /// path's mean and slope equal the Decimal computation, digit for digit.
    @Test func fastPathAgreesWithDecimal() {
        var generator = SeededGenerator(seed: 20261122)
        for _ in 0..<300 {
            let count = Int(generator.next() % 40) + 1
            var day = CalendarDate(year: 2020, month: 1, day: 1)!
            var series: [(CalendarDate, Decimal)] = []
            for _ in 0..<count {
                day = day.adding(days: Int(generator.next() % 60))
                let scale = Int(generator.next() % 5)
                let mantissa = Int(generator.next() % 2_000_000) - 500_000
                series.append((day, Decimal(sign: mantissa < 0 ? .minus : .plus, exponent: -scale, significand: Decimal(abs(mantissa)))))
            }
            let fast = TrendStatistics.fastStatistics(series)
            let slow = TrendStatistics.decimalMeanAndSlope(series)
            #expect(fast != nil)
            #expect(fast?.mean == slow.0, "\(series)")
            #expect(fast?.slope == slow.1, "\(series)")
            #expect(fast.map { series[$0.minIndex].1 } == series.map(\.1).min())
            #expect(fast.map { series[$0.maxIndex].1 } == series.map(\.1).max())
        }
    }

    @Test func valuesTooLargeForIntegersTakeTheDecimalPath() {
        let huge = Decimal(string: "123456789012345678")!
        let stats = TrendStatistics.compute(values: [(d("2024-01-01"), huge), (d("2024-01-31"), huge + 30)])
        #expect(stats.slopePer30Days == 30)
        #expect(stats.mean == Decimal(string: "123456789012345693"))
        #expect(Sparkline.render([huge, huge + 30]) == "▁█")
    }

    @Test func longSeriesAreDrawnAsGroupMeans() {
        // 60 values: 30 groups of two. Rising in steps, so the line rises from ▁ to █.
        let values = (0..<60).map { Decimal($0 / 2) }
        let line = Sparkline.render(values)
        #expect(line.count == Sparkline.maximumWidth)
        #expect(line.first == "▁" && line.last == "█")
        #expect(Sparkline.render(Array(repeating: Decimal(3), count: 500)) == String(repeating: "▄", count: 30))
        // 31 values in 30 groups: the last group holds two. Groups are compared by their means:
        // [7] and [6, 8] draw alike (a sum would make the second twice as high).
        let uneven = Sparkline.render((0..<31).map { Decimal($0 == 28 ? 7 : $0 == 29 ? 6 : $0 == 30 ? 8 : 0) })
        #expect(uneven == String(repeating: "▁", count: 28) + "██")
    }
}

/// The fast reader of stored numbers must give exactly what `Decimal(string:)` gives.
@Suite struct FixedPointTests {
    @Test(arguments: ["0", "12", "-12.50", "0.82", ".5", "1.", "123456789012345", "-0.000001", "9223372036854"])
    func sameValueAsFoundation(text: String) throws {
        let fixed = try #require(FixedPoint(text))
        #expect(fixed.decimal == Decimal(string: text))
    }

    @Test(arguments: ["1e-07", "1234567890123456", "0.0000001", "+5", "5-", "1.2.3", "", "-", "abc"])
    func leavesTheRestToFoundation(text: String) {
        #expect(FixedPoint(text) == nil)
    }

    @Test func trendStatisticsAreTheSameEitherWay() {
        let values = ["0.8", "0.95", "1.1", "0.75"].map { dec($0) }
        let dates = ["2024-01-01", "2024-02-01", "2024-03-01", "2024-04-01"].map { CalendarDate(iso: $0)! }
        let plain = zip(dates, values).map { LabPoint(date: $0, analyte: "c3", value: $1) }
        let fast = zip(dates, values).map { LabPoint(date: $0, analyte: "c3", value: $1, fixedValue: FixedPoint($1.description)) }
        #expect(plain == fast)
        let a = MetricTrend(metric: .lab("c3"), points: ClinicalTimeline(labs: plain).points(for: .lab("c3"), asOf: dates[3]))
        let b = MetricTrend(metric: .lab("c3"), points: ClinicalTimeline(labs: fast).points(for: .lab("c3"), asOf: dates[3]))
        #expect(a.statistics == b.statistics && a.sparkline == b.sparkline)
        #expect(a.statistics.mean == dec("0.9"))
    }
}

@Suite struct SymptomBurdenSeriesTests {
    /// The journal reads in date order and takes the merge; a timeline built in any other order
    /// takes the dictionary. Both give the same series.
    @Test func sortedAndUnsortedInputsAgree() {
        let day = { (iso: String) in CalendarDate(iso: iso)! }
        let symptoms = [
            SymptomPoint(date: day("2024-06-01"), name: "fatigue", severity: 4),
            SymptomPoint(date: day("2024-06-01"), name: "rash", severity: 2),
            SymptomPoint(date: day("2024-06-03"), name: "fatigue", severity: 1),
            SymptomPoint(date: day("2024-06-09"), name: "fatigue", severity: 7)
        ]
        let logged = [day("2024-06-01"), day("2024-06-02"), day("2024-06-05")]
        let sorted = ClinicalTimeline(symptoms: symptoms, loggedDays: logged)
        let shuffled = ClinicalTimeline(symptoms: symptoms.reversed(), loggedDays: logged.reversed())
        let asOf = day("2024-06-08")
        let a = sorted.points(for: .symptomBurden, since: day("2024-06-02"), asOf: asOf)
        let b = shuffled.points(for: .symptomBurden, since: day("2024-06-02"), asOf: asOf)
        #expect(a.map(\.date) == [day("2024-06-02"), day("2024-06-03"), day("2024-06-05")])
        #expect(a.map(\.value) == [0, 1, 0])
        #expect(a == b)
    }
}

@Suite struct DoseSeriesTests {
    /// The mean dose counts days: 20 mg for 10 days, then a stretch with no dose written down
    /// (left out, not filled with 20), then 5 mg for 20 days including the "as of" day.
    @Test func meanOfDailyDosesSkipsDaysOfUnknownDose() {
        let day = { (iso: String) in CalendarDate(iso: iso)! }
        let timeline = ClinicalTimeline(medications: [
            MedicationPeriod(
                drug: "prednisone", drugClass: .glucocorticoid, doseAmount: 20, doseUnit: .mg, frequency: .daily,
                start: day("2024-01-01"), end: day("2024-01-11")),
            MedicationPeriod(drug: "prednisone", drugClass: .glucocorticoid, start: day("2024-01-11"), end: day("2024-02-01")),
            MedicationPeriod(
                drug: "prednisone", drugClass: .glucocorticoid, doseAmount: 5, doseUnit: .mg, frequency: .daily,
                start: day("2024-02-01"))
        ])
        let points = timeline.points(for: .prednisoneEquivalent, asOf: day("2024-02-20"))
        #expect(points.map(\.date) == [day("2024-01-01"), day("2024-02-01"), day("2024-02-20")])
        #expect(points.map(\.holdDays) == [10, 19, 1])
        let trend = MetricTrend(metric: .prednisoneEquivalent, points: points)
        // (10 × 20 + 20 × 5) / 30 = 10; the three change points alone would average 10 too, so
        // check against a journal where they differ: the unknown stretch is not 20 mg.
        #expect(trend.statistics.mean == 10)
        let longer = MetricTrend(metric: .prednisoneEquivalent, points: timeline.points(for: .prednisoneEquivalent, asOf: day("2024-03-21")))
        // 10 days of 20 and 50 of 5: 450 / 60 = 7.5 (the points 20, 5, 5 would give 10).
        #expect(longer.statistics.mean == 7.5)
        #expect(longer.statistics.count == 3 && longer.statistics.min == 5 && longer.statistics.max == 20)
    }
}
