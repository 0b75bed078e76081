#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Where a lab value stands against its reference range.
public enum RangeFlag: String, Sendable, Codable {
    case low
    case normal
    case high

    /// Compares a canonical value with a canonical range. A bound ("<5") is placed only when
    /// the bound itself settles it: "<5" is low against a range starting at 77, but says
    /// nothing against a range starting at 3. A lower limit of 0 is no limit (a concentration
    /// cannot be negative), so "<10" against 0–30 is normal. Returns nil when it cannot be told.
    public static func evaluate(value: Decimal, qualifier: Qualifier?, low: Decimal?, high: Decimal?) -> RangeFlag? {
        if low == nil && high == nil { return nil }
        switch (below(value: value, qualifier: qualifier, low: low), above(value: value, qualifier: qualifier, high: high)) {
        case (true?, _): return .low
        case (_, true?): return .high
        case (false?, false?): return .normal
        default: return nil
        }
    }

    /// Whether the value is below `low`; nil when a bound leaves it open. No lower limit (nil
    /// or 0): false.
    public static func below(value: Decimal, qualifier: Qualifier?, low: Decimal?) -> Bool? {
        guard let low, low > 0 else { return false }
        switch qualifier {
        case nil: return value < low
        case .lessThan?: return value <= low ? true : nil
        case .lessOrEqual?: return value < low ? true : nil
        case .greaterThan?, .greaterOrEqual?: return value >= low ? false : nil
        }
    }

    /// Whether the value is above `high`; nil when a bound leaves it open. No upper limit: false.
    public static func above(value: Decimal, qualifier: Qualifier?, high: Decimal?) -> Bool? {
        guard let high else { return false }
        switch qualifier {
        case nil: return value > high
        case .greaterThan?: return value >= high ? true : nil
        case .greaterOrEqual?: return value > high ? true : nil
        case .lessThan?, .lessOrEqual?: return value <= high ? false : nil
        }
    }
}
