#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Glucocorticoid exposure in prednisone equivalents, and drug-free intervals: the
/// `glucocorticoid` block and `immunosuppressant_free_days` of `remission summary`.
///
/// DORIS (≤ 5 mg/day) and LLDAS (≤ 7.5 mg/day) set their steroid limits in
/// prednisolone equivalents (CLINICAL.md); prednisone and prednisolone are equipotent, and
/// the factor of every other glucocorticoid is ``Drug/prednisoneEquivalentFactor``.
public enum Glucocorticoid {
    /// The prednisone-equivalent dose in mg/day on `date`: over every systemic glucocorticoid
    /// period active that day (``MedicationPeriod/isSystemic``), dose in mg × factor × daily amount of the frequency
    /// (``DoseFrequency/dailyAmount(_:)``). Zero when none is active.
    ///
    /// Nil, rather than a guess, when an active period lacks what the sum needs: a dose, a
    /// mass unit (mg, g, mcg), a frequency with a daily rate (not `once` or `as-needed`), or a
    /// factor (a custom glucocorticoid the catalogue does not know); and when one drug is in two
    /// periods that day. A drug has one current period at a time (`med start` refuses a second),
    /// so two are one regimen written twice — most often two devices that changed the dose at
    /// once — and their sum is a dose nobody takes. Rounded half up to 4 decimal places, as
    /// ``DoseFrequency/dailyAmount(_:)`` is.
    public static func prednisoneEquivalent(on date: CalendarDate, periods: [MedicationPeriod]) -> Decimal? {
        var total: Decimal = 0
        var drugs: Set<String> = []
        for period in periods where period.drugClass == .glucocorticoid && period.isSystemic && period.isActive(on: date) {
            guard drugs.insert(period.drug).inserted else { return nil }
            guard let amount = period.doseAmount, let unit = period.doseUnit,
                let milligrams = Dose(amount: amount, unit: unit).milligrams(),
                let daily = period.frequency?.dailyAmount(milligrams),
                let factor = DrugCatalogue.drug(id: period.drug)?.prednisoneEquivalentFactor
            else { return nil }
            total += daily * factor
        }
        return DecimalText.rounded(total, scale: 4)
    }

    /// The first day without any glucocorticoid, when none is taken on `asOf`: the latest end
    /// among glucocorticoid periods begun by then. Nil while one is active, and nil when no
    /// glucocorticoid was ever recorded (there is no date to give).
    public static func steroidFreeSince(periods: [MedicationPeriod], asOf: CalendarDate) -> CalendarDate? {
        freeSince(periods.filter { $0.drugClass == .glucocorticoid && $0.isSystemic }, asOf: asOf)
    }

    /// Days from ``steroidFreeSince(periods:asOf:)`` to `asOf`: 0 on the first day without.
    public static func steroidFreeDays(periods: [MedicationPeriod], asOf: CalendarDate) -> Int? {
        steroidFreeSince(periods: periods, asOf: asOf).map { asOf.days(since: $0) }
    }

    /// The first day without any immunosuppressant or biologic (DrugClass `immunosuppressant`
    /// or `biologic`; lymphodepleting chemotherapy is not counted), nil while one is active or
    /// when none was ever recorded.
    public static func immunosuppressantFreeSince(periods: [MedicationPeriod], asOf: CalendarDate) -> CalendarDate? {
        freeSince(periods.filter { $0.drugClass == .immunosuppressant || $0.drugClass == .biologic }, asOf: asOf)
    }

    /// `immunosuppressant_free_days`: days since the last immunosuppressant or biologic ended
    /// (0 on the first day without); nil while one is active.
    public static func immunosuppressantFreeDays(periods: [MedicationPeriod], asOf: CalendarDate) -> Int? {
        immunosuppressantFreeSince(periods: periods, asOf: asOf).map { asOf.days(since: $0) }
    }

    private static func freeSince(_ periods: [MedicationPeriod], asOf: CalendarDate) -> CalendarDate? {
        let begun = periods.filter { $0.start <= asOf }
        if begun.contains(where: { $0.isActive(on: asOf) }) { return nil }
        return begun.compactMap(\.effectiveEnd).max()
    }
}
