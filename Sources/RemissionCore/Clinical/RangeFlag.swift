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
    /// nothing against a range starting at 3. Returns nil when it cannot be told.
    public static func evaluate(value: Decimal, qualifier: Qualifier?, low: Decimal?, high: Decimal?) -> RangeFlag? {
        if low == nil && high == nil { return nil }
        switch qualifier {
        case nil:
            if let low, value < low { return .low }
            if let high, value > high { return .high }
            return .normal
        case .lessThan?, .lessOrEqual?:
            if let low, value <= low { return .low }
            if let high, value <= high, low == nil { return .normal }
            return nil
        case .greaterThan?, .greaterOrEqual?:
            if let high, value >= high { return .high }
            if let low, value >= low, high == nil { return .normal }
            return nil
        }
    }
}
