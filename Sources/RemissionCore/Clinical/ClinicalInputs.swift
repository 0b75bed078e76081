#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// One lab result as the clinical rules need it: canonical value, qualifier and the range the
/// lab printed (CLINICAL.md: compare within one assay, using the lab's own range).
///
/// Plain values rather than store rows, so that the rules stay pure and tests can build
/// timelines by hand.
public struct LabPoint: Sendable, Hashable {
    public var date: CalendarDate
    /// The catalogue id ("cd19", "anti-dsdna", "c3", "c4", "igg", "upcr").
    public var analyte: String
    /// The value in the analyte's canonical unit.
    public var value: Decimal
    /// "<5" is a bound, not the number 5.
    public var qualifier: Qualifier?
    /// The lab's own reference range in canonical units; nil ends fall back to the
    /// catalogue default only when both are nil.
    public var rangeLow: Decimal?
    public var rangeHigh: Decimal?
    /// The laboratory (or assay) name; a change between consecutive anti-dsDNA results is flagged.
    public var lab: String?
    /// ``value`` as the integer the journal stored, when the reader had it: it spares the trend
    /// statistics from formatting the decimal again. Not part of equality: it is the same value.
    public var fixedValue: FixedPoint?

    public init(
        date: CalendarDate, analyte: String, value: Decimal, qualifier: Qualifier? = nil,
        rangeLow: Decimal? = nil, rangeHigh: Decimal? = nil, lab: String? = nil, fixedValue: FixedPoint? = nil
    ) {
        self.date = date
        self.analyte = analyte
        self.value = value
        self.qualifier = qualifier
        self.rangeLow = rangeLow
        self.rangeHigh = rangeHigh
        self.lab = lab
        self.fixedValue = fixedValue
    }

    public static func == (a: LabPoint, b: LabPoint) -> Bool {
        a.date == b.date && a.analyte == b.analyte && a.value == b.value && a.qualifier == b.qualifier
            && a.rangeLow == b.rangeLow && a.rangeHigh == b.rangeHigh && a.lab == b.lab
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(date)
        hasher.combine(analyte)
        hasher.combine(value)
        hasher.combine(qualifier)
        hasher.combine(rangeLow)
        hasher.combine(rangeHigh)
        hasher.combine(lab)
    }

    /// The range stored with the result, else the analyte's documented default (issue 4:
    /// "use the reference range stored with each result, else the analyte's default").
    public var effectiveRange: ReferenceRange? {
        if rangeLow != nil || rangeHigh != nil { return ReferenceRange(low: rangeLow, high: rangeHigh) }
        return AnalyteCatalogue.analyte(id: analyte)?.defaultRange
    }

    /// Low, normal or high against ``effectiveRange``; nil when it cannot be told.
    public var rangeFlag: RangeFlag? {
        guard let range = effectiveRange else { return nil }
        return RangeFlag.evaluate(value: value, qualifier: qualifier, low: range.low, high: range.high)
    }
}

/// A period during which a drug was taken at one dose. A dose change is two periods: the
/// first ends on the day the new dose starts.
public struct MedicationPeriod: Sendable, Hashable {
    /// The catalogue id ("prednisone") or a custom name.
    public var drug: String
    public var drugClass: DrugClass
    public var doseAmount: Decimal?
    public var doseUnit: DoseUnit?
    public var frequency: DoseFrequency?
    /// The first day the dose was taken.
    public var start: CalendarDate
    /// The first day *without* this dose; nil while it continues.
    public var end: CalendarDate?
    /// "oral", "iv", "sc", "im", "topical", "inhaled", "rectal", "other"; nil when not given.
    public var route: String?

    public init(
        drug: String, drugClass: DrugClass, doseAmount: Decimal? = nil, doseUnit: DoseUnit? = nil,
        frequency: DoseFrequency? = nil, start: CalendarDate, end: CalendarDate? = nil, route: String? = nil
    ) {
        self.route = route
        self.drug = drug
        self.drugClass = drugClass
        self.doseAmount = doseAmount
        self.doseUnit = doseUnit
        self.frequency = frequency
        self.start = start
        self.end = end
    }

    /// Whether the drug acts on the whole body: DORIS and LLDAS limit systemic glucocorticoids,
    /// so a topical, inhaled or rectal one is not counted. A period without a route, or with
    /// "other", is counted: a remission must not be claimed on a dose left out by guesswork.
    public var isSystemic: Bool { MedicationEntry.isSystemic(route: route) }

    /// The first day without the drug, as the rules use it: a single dose (`once`) with no end
    /// recorded occupies only its own day, rather than being "active" for ever.
    public var effectiveEnd: CalendarDate? {
        if let end { return end }
        return frequency == .once ? start.adding(days: 1) : nil
    }

    /// Whether the drug was taken on `date`: `start <= date < effectiveEnd`.
    public func isActive(on date: CalendarDate) -> Bool {
        guard start <= date else { return false }
        if let end = effectiveEnd { return date < end }
        return true
    }
}

/// A clinician's assessment at a visit (SLEDAI-2K, clinical SLEDAI-2K, PGA 0–3).
public struct AssessmentPoint: Sendable, Hashable {
    public var date: CalendarDate
    public var sledai: Int?
    /// SLEDAI-2K without the two serology items (low complement, increased DNA binding).
    public var clinicalSledai: Int?
    /// Physician global assessment, 0–3.
    public var pga: Decimal?

    public init(date: CalendarDate, sledai: Int? = nil, clinicalSledai: Int? = nil, pga: Decimal? = nil) {
        self.date = date
        self.sledai = sledai
        self.clinicalSledai = clinicalSledai
        self.pga = pga
    }
}

/// A clinical event on the timeline (flare, infection, CRS …) with its clinician-assigned grade.
public struct EventPoint: Sendable, Hashable {
    public var date: CalendarDate
    public var type: EventKind
    public var grade: Int?

    public init(date: CalendarDate, type: EventKind, grade: Int? = nil) {
        self.date = date
        self.type = type
        self.grade = grade
    }
}

/// One symptom the patient scored on a day (severity 0–10).
public struct SymptomPoint: Sendable, Hashable {
    public var date: CalendarDate
    public var name: String
    public var severity: Int

    public init(date: CalendarDate, name: String, severity: Int) {
        self.date = date
        self.name = name
        self.severity = severity
    }
}

extension Array where Element == SymptomPoint {
    /// The points by date, those of one day in the order given; the array itself when it is
    /// in that order already, as the store gives it.
    public func inDateOrder() -> [SymptomPoint] {
        if indices.dropFirst().allSatisfy({ self[$0 - 1].date <= self[$0].date }) { return self }
        return enumerated().sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }.map(\.element)
    }
}

/// Whether a result lies at or above / at or below a threshold, honouring qualifiers: "<5" is
/// below 100, but "<200" says nothing about 100. Nil when the bound does not settle it.
enum ThresholdComparison {
    static func atOrAbove(_ value: Decimal, _ qualifier: Qualifier?, _ threshold: Decimal) -> Bool? {
        switch qualifier {
        case nil: return value >= threshold
        case .greaterThan?, .greaterOrEqual?: return value >= threshold ? true : nil
        case .lessThan?: return value <= threshold ? false : nil
        case .lessOrEqual?: return value < threshold ? false : nil
        }
    }

    static func atOrBelow(_ value: Decimal, _ qualifier: Qualifier?, _ threshold: Decimal) -> Bool? {
        switch qualifier {
        case nil: return value <= threshold
        case .lessThan?, .lessOrEqual?: return value <= threshold ? true : nil
        case .greaterThan?: return value >= threshold ? false : nil
        case .greaterOrEqual?: return value > threshold ? false : nil
        }
    }

    /// The points of one analyte up to `asOf`, oldest first (a stable sort keeps the order of
    /// results entered for the same day).
    static func series(_ points: [LabPoint], analyte: String, asOf: CalendarDate?) -> [LabPoint] {
        var chosen: [(offset: Int, point: LabPoint)] = []
        for (offset, point) in points.enumerated() where point.analyte == analyte {
            if let asOf, point.date > asOf { continue }
            chosen.append((offset, point))
        }
        chosen.sort { ($0.point.date, $0.offset) < ($1.point.date, $1.offset) }
        return chosen.map { $0.point }
    }
}
