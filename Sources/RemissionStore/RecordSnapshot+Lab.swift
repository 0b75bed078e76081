#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import RemissionCore

/// What a stored lab result says, read the same way by the terminal, the report and every
/// export.
extension RecordSnapshot {
    /// Low, normal or high against the lab's own range, else the catalogue's default; nil
    /// for a record that is not a lab result.
    public var labFlag: RangeFlag? {
        guard kind == .lab, let value = self[.canonicalValue].text.flatMap({ Decimal(string: $0) }) else { return nil }
        var low = self[.rangeLow].text.flatMap { Decimal(string: $0) }
        var high = self[.rangeHigh].text.flatMap { Decimal(string: $0) }
        if self[.range].isNull, let analyte = self[.analyte].text.flatMap(AnalyteCatalogue.analyte(id:)) {
            low = analyte.defaultRange?.low
            high = analyte.defaultRange?.high
        }
        return RangeFlag.evaluate(value: value, qualifier: self[.qualifier].text.flatMap(Qualifier.init(rawValue:)), low: low, high: high)
    }

    /// Whether the result was entered as a titre: its value is the dilution's denominator.
    public var isTitre: Bool {
        let analyte = self[.analyte].text.flatMap(AnalyteCatalogue.analyte(id:))
        return (try? analyte?.conversion(for: self[.unit].text ?? "").unit) == LabUnit.titre
    }

    /// The value as the lab printed it, without qualifier or unit: "5.2", and a titre as its
    /// dilution "1:160" (stored as 160, the number it is charted and compared by).
    public var reportedLabValue: String {
        (isTitre ? "1:" : "") + (self[.value].text ?? "")
    }
}
