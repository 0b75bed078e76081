#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The range a lab calls normal, in the analyte's canonical unit; either end may be open.
///
/// Labs print "3.5-5.0", "<30" or ">60"; assays differ (anti-dsDNA above all), so the range
/// is stored with each result and the catalogue's default is only a fallback.
/// A value is outside the range when it is strictly below `low` or strictly above `high`.
public struct ReferenceRange: Sendable, Hashable, Codable {
    public var low: Decimal?
    public var high: Decimal?

    public init(low: Decimal? = nil, high: Decimal? = nil) {
        self.low = low
        self.high = high
    }

    /// "0.9–1.8", "<30", ">0.9", as labs print it.
    public var display: String { display(unit: "") }

    public static let acceptedForms = "low-high (3.5-5.0), <high (<30) or >low (>0.9), with a dot for decimals; for a titre <1:80 or 1:40-1:160"

    /// "0.9–1.8", or for a titre "<1:80": the ends as dilutions, like its results.
    public func display(unit: String) -> String {
        switch (low, high) {
        case let (low?, high?): return "\(LabValue.text(low, unit: unit))–\(LabValue.text(high, unit: unit))"
        case let (nil, high?): return "<" + LabValue.text(high, unit: unit)
        case let (low?, nil): return ">" + LabValue.text(low, unit: unit)
        case (nil, nil): return ""
        }
    }

    /// Reads "3.5-5.0", "0.9–1.8" (en dash), "<30", "≤30", ">0.9", "≥60", and a titre's "<1:80"
    /// or "1:40-1:160" (the dilutions' denominators, as a titre's value is stored).
    ///
    /// - Throws: ``InputError`` for anything else, "<0", or when low is above high.
    public static func parse(_ text: String, field: String = "--range") throws(InputError) -> ReferenceRange {
        let trimmed = TextKey.trimmed(text)
        func refuse(_ reason: String) -> InputError {
            InputError(field: field, value: text, reason: reason, accepted: acceptedForms)
        }
        func number(_ part: Substring) throws(InputError) -> Decimal {
            let part = Substring(TextKey.trimmed(String(part)))
            if let value = DecimalText.parse(part) { return value }
            // A titre's range is written as its results are, "<1:80": the end is the dilution.
            if part.hasPrefix("1:"), let value = DecimalText.parse(part.dropFirst(2)), value > 0 { return value }
            if DecimalText.isCommaDecimal(part) { throw refuse("has a comma; write decimals with a dot (1.5)") }
            throw refuse(part.isEmpty ? "is missing a number" : "is not a range")
        }
        if trimmed.isEmpty { throw refuse("is empty") }

        let (qualifier, rest) = Qualifier.split(trimmed)
        switch qualifier {
        case .lessThan, .lessOrEqual:
            let high = try number(rest)
            // Like a result "<0", a range "<0" holds nothing: every result would be high.
            if qualifier == .lessThan, high == 0 { throw refuse("holds nothing: no result is below 0") }
            return ReferenceRange(high: high)
        case .greaterThan, .greaterOrEqual:
            return ReferenceRange(low: try number(rest))
        case nil:
            break
        }
        let dashes: Set<Character> = ["-", "\u{2013}", "\u{2014}"]
        let parts = trimmed.split(maxSplits: 1, omittingEmptySubsequences: false, whereSeparator: dashes.contains)
        guard parts.count == 2 else { throw refuse("is not a range") }
        let low = try number(parts[0]), high = try number(parts[1])
        guard low <= high else { throw refuse("has its low end above its high end") }
        return ReferenceRange(low: low, high: high)
    }

    /// "0.9–1.8", "<30", ">60", or "" when both ends are open.
    public var text: String {
        switch (low, high) {
        case let (low?, high?): return "\(low)–\(high)"
        case let (nil, high?): return "<\(high)"
        case let (low?, nil): return ">\(low)"
        case (nil, nil): return ""
        }
    }

    /// Whether `value` lies within the range, ends included.
    public func contains(_ value: Decimal) -> Bool {
        if let low, value < low { return false }
        if let high, value > high { return false }
        return true
    }
}
