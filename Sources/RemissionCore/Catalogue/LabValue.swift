#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A lab result's value as the lab printed it: an optional qualifier and an exact number.
///
/// The typed text is kept beside the number because "5.0" and "5" say different things
/// about the lab's precision, and the journal never rewrites what the user entered.
public struct LabValue: Sendable, Hashable {
    public var qualifier: Qualifier?
    public var number: Decimal
    /// The number exactly as typed, without qualifier: "5.0", "0.45", "1:160".
    public var text: String

    public init(qualifier: Qualifier? = nil, number: Decimal, text: String) {
        self.qualifier = qualifier
        self.number = number
        self.text = text
    }

    /// The forms named in every error.
    public static let acceptedForms = "a number with a dot for decimals (5.2), a bound (<5, >1000) or a titre (1:160)"

    /// Reads "5.2", "<5", "> 1000", "≤0.1" or a titre "1:160" (number 160).
    ///
    /// - Throws: ``InputError`` for text that is not a plain non-negative number:
    ///   decimal commas ("1,5"), exponents, "nan", negative values, "<0", an empty value.
    public static func parse(_ text: String, field: String = "VALUE") throws(InputError) -> LabValue {
        let trimmed = TextKey.trimmed(text)
        let (qualifier, rest) = Qualifier.split(trimmed)
        func refuse(_ reason: String) -> InputError {
            InputError(field: field, value: text, reason: reason, accepted: acceptedForms)
        }
        if rest.isEmpty {
            throw refuse(trimmed.isEmpty ? "is empty" : "has no number after the qualifier")
        }
        if rest.hasPrefix("1:") {
            let denominator = rest.dropFirst(2)
            guard let number = DecimalText.parse(denominator), !denominator.contains(".") else {
                throw refuse("is not a titre; write it as 1:N with a whole number N")
            }
            guard number > 0 else { throw refuse("is not a titre; N in 1:N must be above zero") }
            return LabValue(qualifier: qualifier, number: number, text: String(rest))
        }
        if let number = DecimalText.parse(rest) {
            // "<0" is a result below nothing: no count or concentration is negative, and a lab
            // that found none prints 0 or its detection limit ("<1").
            if qualifier == .lessThan, number == 0 {
                throw refuse("is below zero, which no result can be; a lab that found none prints 0 or its detection limit (<1)")
            }
            return LabValue(qualifier: qualifier, number: number, text: String(rest))
        }
        if DecimalText.isCommaDecimal(rest) {
            throw refuse("has a comma; write decimals with a dot (1.5) and no thousands separator")
        }
        if rest.hasPrefix("-"), DecimalText.parse(rest.dropFirst()) != nil || DecimalText.parse("0" + rest.dropFirst()) != nil {
            throw InputError(
                field: field, value: text, reason: "is negative; no lab result is below zero",
                accepted: "0 or more: " + acceptedForms)
        }
        throw refuse("is not a number")
    }

    /// Qualifier and number as typed, e.g. "<5", the form shown back to the user.
    public var entered: String { (qualifier?.rawValue ?? "") + text }

    /// A number as it reads in its unit: a titre as its dilution ("1:160", never "160 titre"),
    /// anything else as the number.
    public static func text(_ number: Decimal, unit: String) -> String {
        unit == LabUnit.titre.display ? "1:\(number)" : "\(number)"
    }
}
