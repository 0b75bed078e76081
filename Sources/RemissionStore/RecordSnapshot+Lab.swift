#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import RemissionCore

/// A lab result's fields as the journal holds them (the winning value of each, as text):
/// what the report's tables print, read set-based rather than as whole snapshots.
public struct StoredLabResult: Sendable, Hashable {
    public let id: String
    public let date: CalendarDate?
    public let analyte: String?
    /// The value as entered, in ``unit``: "5.2", a titre's denominator "160".
    public let value: String?
    public let qualifier: String?
    public let unit: String?
    /// The lab's range as entered; nil when it printed none.
    public let range: String?
    /// Whether the result has a range of its own, even one that is not text: then the
    /// catalogue's default is not what it is judged against.
    public let hasRange: Bool
    public let lab: String?
    public let canonicalValue: String?
    public let rangeLow: String?
    public let rangeHigh: String?
    /// Low, normal or high against the lab's own range, else the catalogue's default; worked
    /// out once, since the report asks for it of every result, some of them twice.
    public let flag: RangeFlag?
    /// Whether the result was entered as a titre: its value is the dilution's denominator.
    public let isTitre: Bool

    public init(
        id: String, date: CalendarDate?, analyte: String?, value: String?, qualifier: String? = nil, unit: String?,
        range: String? = nil, hasRange: Bool? = nil, lab: String? = nil, canonicalValue: String?, rangeLow: String? = nil,
        rangeHigh: String? = nil
    ) {
        self.init(
            id: id, date: date, analyte: analyte, value: value, qualifier: qualifier, unit: unit, range: range,
            hasRange: hasRange ?? (range != nil), lab: lab, canonicalValue: canonicalValue, rangeLow: rangeLow, rangeHigh: rangeHigh,
            isTitre: Self.isTitre(analyte: analyte, unit: unit))
    }

    /// - Parameter isTitre: known already: a reader asks it once per analyte and unit.
    init(
        id: String, date: CalendarDate?, analyte: String?, value: String?, qualifier: String?, unit: String?, range: String?,
        hasRange: Bool, lab: String?, canonicalValue: String?, rangeLow: String?, rangeHigh: String?, isTitre: Bool
    ) {
        self.id = id
        self.date = date
        self.analyte = analyte
        self.value = value
        self.qualifier = qualifier
        self.unit = unit
        self.range = range
        self.hasRange = hasRange
        self.lab = lab
        self.canonicalValue = canonicalValue
        self.rangeLow = rangeLow
        self.rangeHigh = rangeHigh
        self.isTitre = isTitre
        flag = Self.flag(
            canonicalValue: canonicalValue, qualifier: qualifier, hasRange: hasRange, rangeLow: rangeLow, rangeHigh: rangeHigh,
            analyte: analyte)
    }

    /// The value as the lab printed it, without qualifier or unit: "5.2", and a titre as its
    /// dilution "1:160" (stored as 160, the number it is charted and compared by).
    public var reportedValue: String { (isTitre ? "1:" : "") + (value ?? "") }

    static func flag(
        canonicalValue: String?, qualifier: String?, hasRange: Bool, rangeLow: String?, rangeHigh: String?, analyte: String?
    ) -> RangeFlag? {
        // The journal's own canonical text almost always takes FixedPoint's path, which gives
        // the same value as `Decimal(string:)` for a fraction of its cost.
        func decimal(_ text: String) -> Decimal? { FixedPoint(text)?.decimal ?? Decimal(string: text) }
        guard let value = canonicalValue.flatMap(decimal) else { return nil }
        var low = rangeLow.flatMap(decimal)
        var high = rangeHigh.flatMap(decimal)
        if !hasRange, let analyte = analyte.flatMap(AnalyteCatalogue.analyte(id:)) {
            low = analyte.defaultRange?.low
            high = analyte.defaultRange?.high
        }
        return RangeFlag.evaluate(value: value, qualifier: qualifier.flatMap(Qualifier.init(rawValue:)), low: low, high: high)
    }

    static func isTitre(analyte: String?, unit: String?) -> Bool {
        (try? analyte.flatMap(AnalyteCatalogue.analyte(id:))?.conversion(for: unit ?? "").unit) == LabUnit.titre
    }
}

/// What a stored lab result says, read the same way by the terminal, the report and every
/// export (``StoredLabResult`` holds the rules).
extension RecordSnapshot {
    /// Low, normal or high against the lab's own range, else the catalogue's default; nil
    /// for a record that is not a lab result.
    public var labFlag: RangeFlag? {
        guard kind == .lab else { return nil }
        return StoredLabResult.flag(
            canonicalValue: self[.canonicalValue].text, qualifier: self[.qualifier].text,
            hasRange: !self[.range].isNull, rangeLow: self[.rangeLow].text, rangeHigh: self[.rangeHigh].text,
            analyte: self[.analyte].text)
    }

    /// Whether the result was entered as a titre: its value is the dilution's denominator.
    public var isTitre: Bool { StoredLabResult.isTitre(analyte: self[.analyte].text, unit: self[.unit].text) }

    /// The value as the lab printed it, without qualifier or unit: "5.2", and a titre as its
    /// dilution "1:160" (stored as 160, the number it is charted and compared by).
    public var reportedLabValue: String {
        (isTitre ? "1:" : "") + (self[.value].text ?? "")
    }
}
