#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A decimal as it was stored, `mantissa / 10^scale`, read without Foundation's parser.
///
/// `Decimal(string:)` and `Decimal.description` cost about a microsecond each; a ten-year
/// journal has thousands of lab values, and the trend statistics want them as integers anyway
/// (``ScaledIntegers``). Values come from the journal's own canonical text, so almost all take
/// this path; anything else (an exponent, more than 15 digits) returns nil and the caller uses
/// `Decimal(string:)`.
public struct FixedPoint: Sendable, Hashable {
    public let mantissa: Int64
    public let scale: Int

    public init(mantissa: Int64, scale: Int) {
        self.mantissa = mantissa
        self.scale = scale
    }

    /// "-12.50" → −1250 over 10².
    public init?(_ text: String) {
        guard let (mantissa, scale) = ScaledIntegers.parse(text) else { return nil }
        self.init(mantissa: mantissa, scale: scale)
    }

    /// The same value as `Decimal(string:)` gives, without parsing.
    public var decimal: Decimal {
        Decimal(sign: mantissa < 0 ? .minus : .plus, exponent: -scale, significand: Decimal(mantissa.magnitude))
    }
}
