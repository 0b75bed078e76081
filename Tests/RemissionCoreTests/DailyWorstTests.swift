import Testing
import RemissionCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// One score per symptom per day, the worst (issue 10, item 5).
@Suite struct DailyWorstTests {
    @Test func theSameSymptomTwiceInOneCommandIsRefused() throws {
        let error = #expect(throws: InputError.self) { try SymptomScore.parseAll(["fatigue=3", "joint-pain=1", "Tired=4"]) }
        #expect(error?.field == "--symptom")
        #expect(error?.value == "Tired=4")
        #expect(error?.reason == "scores fatigue a second time in this command (first 'fatigue=3')")
        let scores = try SymptomScore.parseAll(["fatigue=3", "joint-pain=1"])
        #expect(scores.map(\.name) == ["fatigue", "joint-pain"])
    }

    /// Morning fatigue 3 and joint pain 2, evening fatigue 4; the next day fatigue 1.
    let symptoms = [
        SymptomPoint(date: d("2024-06-10"), name: "fatigue", severity: 3),
        SymptomPoint(date: d("2024-06-10"), name: "joint-pain", severity: 2),
        SymptomPoint(date: d("2024-06-10"), name: "fatigue", severity: 4),
        SymptomPoint(date: d("2024-06-11"), name: "fatigue", severity: 1)
    ]

    @Test func burdenCountsEachSymptomOnceAtItsHighest() {
        // 06-10: fatigue max(3, 4) = 4 + joint pain 2 = 6 (not 9); 06-11: 1. Mean (6 + 1) / 2 = 3.5.
        let burden = SymptomBurden.means(points: symptoms, asOf: d("2024-06-11"))
        #expect(burden.mean7d == dec("3.5"))
        let oneDay = SymptomBurden.means(points: Array(symptoms.prefix(3)), asOf: d("2024-06-10"))
        #expect(oneDay.mean7d == 6)
        // The issue's case: fatigue 3 then 4 is a burden of 4, not 7.
        let issue = SymptomBurden.means(points: [symptoms[0], symptoms[2]], asOf: d("2024-06-10"))
        #expect(issue.mean7d == 4)
    }

    @Test func trendHasOneValuePerDay() {
        for timeline in [ClinicalTimeline(symptoms: symptoms), ClinicalTimeline(symptoms: symptoms.reversed())] {
            let burden = timeline.points(for: .symptomBurden, asOf: d("2024-06-11"))
            #expect(burden.map(\.value) == [6, 1])
            let fatigue = MetricTrend(metric: .symptom("fatigue"), points: timeline.points(for: .symptom("fatigue"), asOf: d("2024-06-11")))
            // 06-10 counts 4, 06-11 1: n 2, latest 1, change 1 - 4 = -3.
            #expect(fatigue.statistics.count == 2)
            #expect(fatigue.statistics.latest == 1)
            #expect(fatigue.statistics.changeFromPrevious == -3)
            #expect(fatigue.statistics.max == 4)
            // The batch path (every metric at once) agrees.
            let batch = timeline.points(for: [.symptom("fatigue"), .symptom("joint-pain")], asOf: d("2024-06-11"))
            #expect(batch[0].map(\.value) == [4, 1])
            #expect(batch[1].map(\.value) == [2])
        }
    }

    @Test func wellbeingCountsTheLowestOfTheDay() {
        let timeline = ClinicalTimeline(
            wellbeing: [
                WellbeingPoint(date: d("2024-06-09"), score: 8),
                WellbeingPoint(date: d("2024-06-10"), score: 7), WellbeingPoint(date: d("2024-06-10"), score: 3),
                WellbeingPoint(date: d("2024-06-10"), score: 5)
            ],
            loggedDays: [d("2024-06-09"), d("2024-06-10"), d("2024-06-10"), d("2024-06-10")])
        let trend = MetricTrend(metric: .wellbeing, points: timeline.points(for: .wellbeing, asOf: d("2024-06-10")))
        #expect(trend.points.map(\.value) == [8, 3])
        #expect(trend.statistics.count == 2 && trend.statistics.latest == 3 && trend.statistics.changeFromPrevious == -5)
        #expect(timeline.dailyWorstWellbeing().map(\.score) == [8, 3])
    }

    @Test func dailyWorstSymptomsKeepsTheHighestOncePerDay() {
        let worst = ClinicalTimeline(symptoms: symptoms).dailyWorstSymptoms()
        #expect(
            worst == [
                SymptomPoint(date: d("2024-06-10"), name: "fatigue", severity: 4),
                SymptomPoint(date: d("2024-06-10"), name: "joint-pain", severity: 2),
                SymptomPoint(date: d("2024-06-11"), name: "fatigue", severity: 1)
            ])
    }
}
