#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A series of decimals as integers over one power of ten (0.82, 1.5 → 82, 150 over 10²).
///
/// Foundation's `Decimal` arithmetic allocates on every operation, which made `trend` spend
/// most of a second on a ten-year journal. Lab values and scores have few digits, so the sums
/// a trend needs fit in `Int64` and stay exact; anything that does not fit returns nil and the
/// caller falls back to `Decimal`.
struct ScaledIntegers {
    let values: [Int64]
    /// Values are `values[i] / 10^scale`.
    let scale: Int

    static let maximumScale = 6

    init(values: [Int64], scale: Int) {
        self.values = values
        self.scale = scale
    }

    /// Whole numbers (scores) need no parsing.
    init(integers: [Int64]) {
        self.init(values: integers, scale: 0)
    }

    /// Brought to the finest scale among them; nil when that overflows.
    init?(fixed: [FixedPoint]) {
        let scale = fixed.lazy.map(\.scale).max() ?? 0
        var values: [Int64] = []
        values.reserveCapacity(fixed.count)
        for point in fixed {
            var value = point.mantissa
            for _ in point.scale..<scale {
                let (product, overflow) = value.multipliedReportingOverflow(by: 10)
                if overflow { return nil }
                value = product
            }
            values.append(value)
        }
        self.init(values: values, scale: scale)
    }

    init?(_ decimals: [Decimal]) {
        var mantissas: [(Int64, Int)] = []
        mantissas.reserveCapacity(decimals.count)
        var scale = 0
        for decimal in decimals {
            guard let parsed = Self.parse(decimal.description) else { return nil }
            mantissas.append(parsed)
            scale = max(scale, parsed.1)
        }
        var values: [Int64] = []
        values.reserveCapacity(mantissas.count)
        for (mantissa, own) in mantissas {
            var value = mantissa
            for _ in own..<scale {
                let (product, overflow) = value.multipliedReportingOverflow(by: 10)
                if overflow { return nil }
                value = product
            }
            values.append(value)
        }
        self.values = values
        self.scale = scale
    }

    /// "-12.345" → (-12345, 3); nil for an exponent, too many digits or too fine a scale.
    static func parse(_ text: String) -> (Int64, Int)? {
        var mantissa: Int64 = 0
        var scale = 0, digits = 0
        var negative = false, seenDot = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "-") where digits == 0 && !negative: negative = true
            case UInt8(ascii: "."): if seenDot { return nil }; seenDot = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digits += 1
                if digits > 15 { return nil }
                mantissa = mantissa * 10 + Int64(byte - UInt8(ascii: "0"))
                if seenDot { scale += 1 }
            default: return nil
            }
        }
        guard digits > 0, scale <= maximumScale else { return nil }
        return (negative ? -mantissa : mantissa, scale)
    }

    /// `numerator / denominator / 10^scale`, exactly as Decimal divides.
    func decimal(_ numerator: Int64, over denominator: Int64 = 1) -> Decimal {
        var result = Decimal(numerator)
        if denominator != 1 { result /= Decimal(denominator) }
        return scale == 0 ? result : result / Decimal(sign: .plus, exponent: scale, significand: 1)
    }
}

/// Exact sums for a least-squares line, with overflow reported rather than wrapped.
struct CheckedSums {
    var n: Int64 = 0, sumX: Int64 = 0, sumXX: Int64 = 0, sumY: Int64 = 0, sumXY: Int64 = 0

    mutating func add(x: Int64, y: Int64) -> Bool {
        guard let xx = Self.multiply(x, x), let xy = Self.multiply(x, y),
            let a = Self.add(sumX, x), let b = Self.add(sumXX, xx), let c = Self.add(sumY, y), let d = Self.add(sumXY, xy)
        else { return false }
        n += 1
        (sumX, sumXX, sumY, sumXY) = (a, b, c, d)
        return true
    }

    static func multiply(_ a: Int64, _ b: Int64) -> Int64? {
        let (value, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? nil : value
    }

    static func add(_ a: Int64, _ b: Int64) -> Int64? {
        let (value, overflow) = a.addingReportingOverflow(b)
        return overflow ? nil : value
    }

    static func subtract(_ a: Int64, _ b: Int64) -> Int64? {
        let (value, overflow) = a.subtractingReportingOverflow(b)
        return overflow ? nil : value
    }
}
