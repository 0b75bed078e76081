#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Whether a lab's reference range can be a range in the unit it was entered with.
///
/// A range typed in the wrong unit (C3 "90-180" next to a value in g/L) flags every result
/// wrongly and raises false alerts, and nothing in the result itself shows it. The catalogue's
/// default range is the yardstick: labs differ in their ranges, but by far less than the
/// factors between an analyte's units (10, 88.4, 100, 1000).
///
/// **The rule.** The range's *scale* is the geometric mean of its two ends (or its one end,
/// when it is open or starts at 0), in the canonical unit; the default range has one too. A
/// range is refused when its scale is **10 times or more** off the default's (above or below)
/// *and* the same numbers in another of the analyte's units would be **less than 3 times**
/// off: that unit is then named. A range that is far off in every unit is kept (it may be a
/// lab's unusual assay), and an analyte with a single unit, or without a default range, is
/// never refused by this rule. Separately, a range with an end above the analyte's
/// ``Analyte/plausibleMaximum`` cannot be anyone's range in that unit and is always refused.
///
/// Every multi-unit analyte's usual ranges sit well inside the factor of 3: C3 0.75–1.65 to
/// 0.9–1.8 g/L, creatinine 0.5–1.1 mg/dL (44–97 µmol/L) to 45–110 µmol/L, CRP < 1 to < 10 mg/L,
/// urine protein/creatinine < 15 mg/mmol (133 mg/g) to < 0.2 g/g (200 mg/g).
public struct RangeUnitMismatch: Sendable, Hashable {
    /// The range as entered, converted to the canonical unit.
    public var canonicalRange: ReferenceRange
    /// The catalogue's default range, in the canonical unit.
    public var defaultRange: ReferenceRange?
    /// The other units in which the same numbers would be a usual range, closest first.
    public var fits: [UnitConversion]
    /// Whether an end is above the plausible maximum (else the range is only far off the default).
    public var abovePlausibleMaximum: Bool
}

extension Analyte {
    /// How far off a range may be before it is refused, and how close it must come in another unit.
    static let rangeOffFactor: Decimal = 10
    static let rangeFitFactor: Decimal = 3

    /// The square of a range's scale in the canonical unit (squared, so that the geometric mean
    /// needs no square root); nil when the range has no end above 0.
    static func squaredScale(_ range: ReferenceRange) -> Decimal? {
        switch (range.low, range.high) {
        case let (low?, high?) where low > 0 && high > 0: return low * high
        case let (_, high?) where high > 0: return high * high
        case let (low?, nil) where low > 0: return low * low
        default: return nil
        }
    }

    /// The range in the canonical unit, from a range in `conversion`'s unit.
    public func toCanonical(_ range: ReferenceRange, from conversion: UnitConversion) -> ReferenceRange {
        ReferenceRange(low: range.low.map { toCanonical($0, from: conversion) }, high: range.high.map { toCanonical($0, from: conversion) })
    }

    /// Why `range`, entered in `conversion`'s unit, cannot be this analyte's range in that unit;
    /// nil when it can. See ``RangeUnitMismatch`` for the rule.
    public func rangeMismatch(_ range: ReferenceRange, in conversion: UnitConversion) -> RangeUnitMismatch? {
        let canonical = toCanonical(range, from: conversion)
        let above = plausibleMaximum.map { maximum in [canonical.low, canonical.high].contains { ($0 ?? 0) > maximum } } ?? false
        // (scale / default)², compared with the factors squared.
        func squaredRatio(_ candidate: ReferenceRange) -> Decimal? {
            guard let defaultRange, let reference = Self.squaredScale(defaultRange),
                let scale = Self.squaredScale(candidate)
            else { return nil }
            return scale / reference
        }
        func within(_ factor: Decimal, _ ratio: Decimal) -> Bool {
            ratio < factor * factor && ratio * factor * factor > 1
        }
        let alternatives = conversions.filter { $0.factor / $0.divisor != conversion.factor / conversion.divisor }
        let fitting = alternatives.compactMap { other -> (UnitConversion, Decimal)? in
            guard let ratio = squaredRatio(toCanonical(range, from: other)), within(Self.rangeFitFactor, ratio) else { return nil }
            let distance = ratio >= 1 ? ratio : 1 / ratio
            return (other, distance)
        }.sorted { $0.1 < $1.1 }.map(\.0)
        var fits: [UnitConversion] = []
        for conversion in fitting where !fits.contains(where: { $0.unit == conversion.unit }) { fits.append(conversion) }
        let off = squaredRatio(canonical).map { !within(Self.rangeOffFactor, $0) } ?? false
        guard above || (off && !fits.isEmpty) else { return nil }
        return RangeUnitMismatch(canonicalRange: canonical, defaultRange: defaultRange, fits: fits, abovePlausibleMaximum: above)
    }
}
