#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// How a value entered in one unit becomes the analyte's canonical unit:
/// canonical = entered × `factor` ÷ `divisor`.
///
/// Factor and divisor are kept apart so that every conversion is an exact decimal
/// multiplication or a division by a power of ten; a stored canonical value never carries
/// a rounding error.
public struct UnitConversion: Sendable, Hashable {
    public let unit: LabUnit
    public let factor: Decimal
    /// A power of ten, or 1.
    public let divisor: Decimal
    /// The LOINC code for results reported in this unit, where it differs from the
    /// analyte's (creatinine in mg/dL is 2160-0, in µmol/L 14682-9).
    public let loinc: String?

    public init(_ unit: LabUnit, factor: Decimal = 1, divisor: Decimal = 1, loinc: String? = nil) {
        self.unit = unit
        self.factor = factor
        self.divisor = divisor
        self.loinc = loinc
    }
}
