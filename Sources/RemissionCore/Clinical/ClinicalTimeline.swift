#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A day's well-being score (0–10) from a day entry.
public struct WellbeingPoint: Sendable, Hashable {
    public var date: CalendarDate
    public var score: Int

    public init(date: CalendarDate, score: Int) {
        self.date = date
        self.score = score
    }
}

/// Everything the summary, trend and report rules read from a journal, as plain values.
///
/// The store fills it with a handful of queries (`Journal.clinicalTimeline()`); tests build it
/// by hand, so every rule can be checked against a timeline whose answers are known.
public struct ClinicalTimeline: Sendable, Hashable {
    /// Day 0: the first infusion event.
    public var infusion: CalendarDate?
    public var labs: [LabPoint]
    public var medications: [MedicationPeriod]
    public var assessments: [AssessmentPoint]
    public var events: [EventPoint]
    /// In any order (the store gives them by date, then name).
    public var symptoms: [SymptomPoint]
    public var wellbeing: [WellbeingPoint]
    /// Every day with a day entry (well-being, a note, tags), symptoms or not.
    public var loggedDays: [CalendarDate]

    public init(
        infusion: CalendarDate? = nil, labs: [LabPoint] = [], medications: [MedicationPeriod] = [],
        assessments: [AssessmentPoint] = [], events: [EventPoint] = [], symptoms: [SymptomPoint] = [],
        wellbeing: [WellbeingPoint] = [], loggedDays: [CalendarDate] = []
    ) {
        self.loggedDays = loggedDays
        self.infusion = infusion
        self.labs = labs
        self.medications = medications
        self.assessments = assessments
        self.events = events
        self.symptoms = symptoms
        self.wellbeing = wellbeing
    }

    /// The latest assessment on or before `asOf`; of two on one day, the later in the list.
    public func latestAssessment(asOf: CalendarDate) -> AssessmentPoint? {
        var latest: AssessmentPoint?
        for assessment in assessments where assessment.date <= asOf {
            if latest == nil || assessment.date >= latest!.date { latest = assessment }
        }
        return latest
    }
}

extension ClinicalTimeline {
    /// The symptoms with one score per symptom per day, the highest, oldest day first (a
    /// symptom's entry stands where it was first recorded that day).
    ///
    /// A symptom logged in the morning and again in the evening is kept twice in the journal,
    /// but the day is one day of that symptom: every rule that counts days (burden, trend,
    /// the report's strip) counts it once, at its worst.
    public func dailyWorstSymptoms() -> [SymptomPoint] {
        // The store gives them by date, so each day is a run: one pass, looking up the day's
        // names among the day's kept points (about ten; a dictionary from the seventeenth
        // on), rather than a dictionary of days and a sort of ten years. Any other order is
        // put in date order first, keeping the given order within a day.
        let ordered = symptoms.inDateOrder()
        var kept: [SymptomPoint] = []
        kept.reserveCapacity(ordered.count)
        var day: CalendarDate?
        var dayStart = 0
        var onDay: [String: Int] = [:]
        for point in ordered {
            if point.date != day {
                day = point.date
                dayStart = kept.count
                if !onDay.isEmpty { onDay.removeAll(keepingCapacity: true) }
            }
            let many = kept.count - dayStart > 16
            if many && onDay.isEmpty {
                for index in dayStart..<kept.count { onDay[kept[index].name] = index }
            }
            if let index = many ? onDay[point.name] : kept[dayStart...].firstIndex(where: { $0.name == point.name }) {
                if point.severity > kept[index].severity { kept[index] = point }
            } else {
                if many { onDay[point.name] = kept.count }
                kept.append(point)
            }
        }
        return kept
    }

    /// The well-being with one score per day, the lowest, oldest day first: a day that began
    /// well and ended badly was a bad day.
    public func dailyWorstWellbeing() -> [WellbeingPoint] {
        var worst: [CalendarDate: Int] = [:]
        for point in wellbeing { worst[point.date] = min(worst[point.date] ?? point.score, point.score) }
        return worst.keys.sorted().map { WellbeingPoint(date: $0, score: worst[$0]!) }
    }
}
