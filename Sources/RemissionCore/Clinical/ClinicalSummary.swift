#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The remission dashboard (`remission summary`): every block on one "as of" day.
///
/// Each block is computed by its own rule (``BCellStatus``, ``AntiDsDNAStatus`` …) from the
/// results recorded up to `asOf`, so a summary "as of" a past day shows what was known then.
public struct ClinicalSummary: Sendable, Hashable {
    /// The `glucocorticoid` block.
    public struct GlucocorticoidExposure: Sendable, Hashable {
        /// Prednisone-equivalent mg/day on the "as of" day; 0 when none is taken, nil when an
        /// active glucocorticoid lacks a dose, unit, daily frequency or known potency.
        public var currentPrednisoneEquivalent: Decimal?
        /// The first day without any glucocorticoid; nil while one is taken or if none was recorded.
        public var steroidFreeSince: CalendarDate?
        public var steroidFreeDays: Int?
        /// No medication of any kind is recorded by the "as of" day: why the dose is unknown.
        public var noMedicationRecorded = false
    }

    public var asOf: CalendarDate
    public var infusionDate: CalendarDate?
    /// The infusion as recorded, also when it is after `asOf` (then ``infusionDate`` is nil).
    public var recordedInfusion: CalendarDate?
    /// Days from the infusion to `asOf` (day N); nil without an infusion.
    public var daysSinceInfusion: Int?
    public var bCells: BCellStatus
    public var antiDsDNA: AntiDsDNAStatus
    public var complement: ComplementStatus
    public var igg: IgGStatus
    public var glucocorticoid: GlucocorticoidExposure
    /// Days since the last immunosuppressant or biologic ended; nil while one is active or if
    /// none was recorded.
    public var immunosuppressantFreeSince: CalendarDate?
    public var immunosuppressantFreeDays: Int?
    /// Immunosuppressants and biologics taken on the "as of" day, by name.
    public var activeImmunosuppressants: [String]
    public var doris: RemissionAssessment
    public var lldas: RemissionAssessment
    public var symptoms: SymptomBurden
    public var alerts: [ClinicalAlert]
    public var settings: ClinicalSettings

    public init(timeline: ClinicalTimeline, asOf: CalendarDate, settings: ClinicalSettings = .defaults) {
        self.asOf = asOf
        self.settings = settings
        let infusion = timeline.infusion.flatMap { $0 <= asOf ? $0 : nil }
        infusionDate = infusion
        recordedInfusion = timeline.infusion
        daysSinceInfusion = infusion.map { asOf.days(since: $0) }
        bCells = BCellStatus.evaluate(points: timeline.labs, infusion: infusion, asOf: asOf, settings: settings)
        antiDsDNA = AntiDsDNAStatus.evaluate(points: timeline.labs, infusion: infusion, asOf: asOf)
        complement = ComplementStatus.evaluate(points: timeline.labs, infusion: infusion, asOf: asOf)
        igg = IgGStatus.evaluate(points: timeline.labs, asOf: asOf, settings: settings)
        let periods = timeline.medications
        // A journal without any medication says nothing about steroids: the dose is unknown,
        // not 0, or DORIS would be "met" for a patient who never wrote a drug down.
        func dose(on date: CalendarDate) -> Decimal? {
            periods.contains { $0.start <= date } ? Glucocorticoid.prednisoneEquivalent(on: date, periods: periods) : nil
        }
        glucocorticoid = GlucocorticoidExposure(
            currentPrednisoneEquivalent: dose(on: asOf),
            steroidFreeSince: Glucocorticoid.steroidFreeSince(periods: periods, asOf: asOf),
            steroidFreeDays: Glucocorticoid.steroidFreeDays(periods: periods, asOf: asOf),
            noMedicationRecorded: !periods.contains { $0.start <= asOf })
        immunosuppressantFreeSince = Glucocorticoid.immunosuppressantFreeSince(periods: periods, asOf: asOf)
        immunosuppressantFreeDays = Glucocorticoid.immunosuppressantFreeDays(periods: periods, asOf: asOf)
        activeImmunosuppressants = Array(
            Set(
                periods.filter {
                    ($0.drugClass == .immunosuppressant || $0.drugClass == .biologic) && $0.isActive(on: asOf)
                }.map(\.drug))
        ).sorted()
        // DORIS and LLDAS are judged at the visit: the dose is the one taken on the day of the
        // latest assessment, not today's.
        let assessment = timeline.latestAssessment(asOf: asOf)
        let visitDose = dose(on: assessment?.date ?? asOf)
        doris = DORIS.evaluate(assessment: assessment, prednisoneEquivalent: visitDose, settings: settings)
        lldas = LLDAS.evaluate(assessment: assessment, prednisoneEquivalent: visitDose, settings: settings)
        // A status is only as recent as its assessment: say so when a flare came after it.
        if let assessed = assessment?.date,
            let flare = timeline.events.filter({ $0.type == .flare && $0.date > assessed && $0.date <= asOf }).map(\.date).max()
        {
            let note = "a flare was recorded on \(flare.iso), after this assessment: assess again"
            doris.reasons.append(note)
            lldas.reasons.append(note)
        }
        symptoms = SymptomBurden.means(points: timeline.symptoms, asOf: asOf, settings: settings, loggedDays: timeline.loggedDays)
        alerts = ClinicalAlert.collect(
            timeline: timeline, asOf: asOf, settings: settings,
            bCells: bCells, antiDsDNA: antiDsDNA, complement: complement, igg: igg)
    }
}
