#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Strict decimal numbers as users type them, and exact rounding.
///
/// `Decimal(string:)` accepts "5abc" as 5 and "1e5" as 100000; a health record must not
/// guess, so only plain digits with an optional dot and fraction are read.
public enum DecimalText {
    /// At most this many digits in all: far beyond any lab value or dose, well within `Decimal`.
    static let maximumDigits = 18

    /// `12`, `0.45`, `5.0`; nil for anything else (signs, exponents, commas, "nan").
    static func parse<S: StringProtocol>(_ text: S) -> Decimal? {
        var digits = 0, dots = 0
        var previousWasDigit = false
        for character in text {
            if character.isASCII, character.isNumber {
                digits += 1
                previousWasDigit = true
            } else if character == ".", previousWasDigit, dots == 0 {
                dots += 1
                previousWasDigit = false
            } else {
                return nil
            }
        }
        guard digits > 0, digits <= maximumDigits, previousWasDigit else { return nil }
        return Decimal(string: String(text))
    }

    /// Whether the text would be a number if its commas were dots, to explain "1,5".
    static func isCommaDecimal<S: StringProtocol>(_ text: S) -> Bool {
        text.contains(",") && parse(String(text.map { $0 == "," ? "." : $0 })) != nil
    }

    /// Rounds half away from zero to `scale` decimal places, through the exact digits.
    public static func rounded(_ value: Decimal, scale: Int) -> Decimal {
        var text = Substring(value.description)
        let negative = text.hasPrefix("-")
        if negative { text = text.dropFirst() }
        guard let dot = text.firstIndex(of: ".") else { return value }
        let fraction = text[text.index(after: dot)...]
        guard fraction.count > scale else { return value }
        let kept = String(text[..<dot]) + (scale > 0 ? "." + fraction.prefix(scale) : "")
        guard var result = Decimal(string: kept) else { return value }
        let next = fraction[fraction.index(fraction.startIndex, offsetBy: scale)]
        if next >= "5" {
            result += Decimal(sign: .plus, exponent: -scale, significand: 1)
        }
        return negative ? -result : result
    }
}
