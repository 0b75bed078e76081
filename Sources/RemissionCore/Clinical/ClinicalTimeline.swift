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
