#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// An amount of a drug per administration, as prescribed: "5 mg", "375 mg/m2".
///
/// The typed amount is kept beside the number, so "2.50 mg" is shown back as typed.
public struct Dose: Sendable, Hashable {
    public var amount: Decimal
    /// The amount exactly as typed: "2.5".
    public var amountText: String
    public var unit: DoseUnit

    public init(amount: Decimal, amountText: String? = nil, unit: DoseUnit) {
        self.amount = amount
        self.amountText = amountText ?? "\(amount)"
        self.unit = unit
    }

    public static let acceptedForms =
        "a number above zero and a unit, e.g. 5 mg; units: "
        + DoseUnit.allCases.map(\.rawValue).joined(separator: ", ")

    /// Reads "5 mg", "5mg", "2.5 mg", "1 g", "500 mcg" or "500 µg", "10 mg/kg", "375 mg/m2",
    /// "0.4 g/kg", "1000 IU", "5 mL", "1 %" (a cream's strength).
    ///
    /// - Throws: ``InputError`` for a missing or unknown unit, a decimal comma, or a zero or
    ///   negative amount (stopping a drug is `remission med stop`, not a zero dose).
    public static func parse(_ text: String, field: String = "--dose") throws(InputError) -> Dose {
        let trimmed = TextKey.trimmed(text)
        func refuse(_ reason: String) -> InputError {
            InputError(field: field, value: text, reason: reason, accepted: acceptedForms)
        }
        let numberEnd =
            trimmed.firstIndex { !($0.isASCII && ($0.isNumber || $0 == "." || $0 == "," || $0 == "-" || $0 == "+")) }
            ?? trimmed.endIndex
        let numberText = trimmed[..<numberEnd]
        let unitText = TextKey.trimmed(String(trimmed[numberEnd...]))

        if trimmed.isEmpty { throw refuse("is empty") }
        if numberText.isEmpty { throw refuse("does not start with a number") }
        let amount: Decimal
        if let parsed = DecimalText.parse(numberText) {
            amount = parsed
        } else if numberText.hasPrefix("-"), DecimalText.parse(numberText.dropFirst()) != nil {
            throw refuse("is negative; to record that a medication was stopped use `remission med stop`")
        } else if DecimalText.isCommaDecimal(numberText) {
            throw refuse("has a comma; write decimals with a dot (2.5 mg)")
        } else {
            throw refuse("does not start with a number")
        }
        if amount == 0 {
            throw refuse("is zero; to record that a medication was stopped use `remission med stop`")
        }
        if unitText.isEmpty { throw refuse("has no unit") }
        guard let unit = DoseUnit.lookup(unitText) else {
            throw refuse("has a unit '\(unitText)' the journal does not know")
        }
        return Dose(amount: amount, amountText: String(numberText), unit: unit)
    }

    /// "5 mg", the form shown back to the user.
    public var text: String { "\(amountText) \(unit.rawValue)" }

    /// The amount in milligrams for mass units (mg, g, mcg), nil for per-kg, per-m², IU, mL and %.
    public func milligrams() -> Decimal? {
        switch unit {
        case .mg: return amount
        case .g: return amount * 1000
        case .mcg: return amount / 1000
        case .mgPerKg, .gPerKg, .mgPerM2, .iu, .mL, .percent: return nil
        }
    }
}
