/// The kinds of record a journal holds, and the fields each kind has.
///
/// The field lists here and the tables in `Schema/` describe the same thing; `remission
/// check` and a test verify that every field has its column.
public enum RecordKind: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case profile
    case entry
    case symptom
    case lab
    case medication
    case event
    case assessment

    /// The table in `Schema/` that holds the current value of each record of this kind.
    public var tableName: String {
        switch self {
        case .profile: return "profile"
        case .entry: return "dayEntry"
        case .symptom: return "symptom"
        case .lab: return "labResult"
        case .medication: return "medication"
        case .event: return "clinicalEvent"
        case .assessment: return "assessment"
        }
    }

    /// The field that places a record on the timeline, if it has one.
    public var dateField: String? {
        switch self {
        case .profile: return nil
        case .medication: return "startDate"
        default: return "date"
        }
    }

    public var fields: [FieldSpec] {
        switch self {
        case .profile:
            return [
                .init("diagnosis", .text), .init("product", .text), .init("target", .text),
                .init("lymphodepletion", .text), .init("note", .text),
            ]
        case .entry:
            return [
                .init("date", .date, required: true), .init("wellbeing", .score),
                .init("note", .text), .init("tags", .list),
            ]
        case .symptom:
            return [
                .init("date", .date, required: true), .init("name", .text, required: true),
                .init("severity", .score, required: true), .init("entryId", .text),
            ]
        case .lab:
            return [
                .init("date", .date, required: true), .init("time", .text),
                .init("analyte", .text, required: true), .init("qualifier", .text),
                .init("value", .decimal, required: true), .init("unit", .text, required: true),
                .init("canonicalValue", .decimal, required: true),
                .init("canonicalUnit", .text, required: true),
                .init("range", .text), .init("rangeLow", .decimal), .init("rangeHigh", .decimal),
                .init("lab", .text), .init("note", .text),
            ]
        case .medication:
            return [
                .init("drug", .text, required: true), .init("drugClass", .text, required: true),
                .init("custom", .bool), .init("dose", .text), .init("doseAmount", .decimal),
                .init("doseUnit", .text), .init("frequency", .text), .init("route", .text),
                .init("startDate", .date, required: true), .init("endDate", .date),
                .init("reason", .text), .init("stopReason", .text), .init("note", .text),
            ]
        case .event:
            return [
                .init("date", .date, required: true), .init("type", .text, required: true),
                .init("grade", .integer), .init("note", .text),
            ]
        case .assessment:
            return [
                .init("date", .date, required: true), .init("sledai", .integer, range: 0...105),
                .init("clinicalSledai", .integer, range: 0...105), .init("pga", .decimal, range: 0...3),
                .init("note", .text),
            ]
        }
    }

    public func field(named name: String) -> FieldSpec? {
        fields.first { $0.name == name }
    }

    /// Order used by listings and exports when two records share a date.
    public static func < (lhs: RecordKind, rhs: RecordKind) -> Bool {
        let order = allCases
        return order.firstIndex(of: lhs)! < order.firstIndex(of: rhs)!
    }
}

/// One field of a record kind: its name (also its column) and the shape of its values.
public struct FieldSpec: Sendable, Hashable {
    public enum ValueType: String, Sendable, Hashable {
        /// Free text.
        case text
        /// A whole number.
        case integer
        /// A whole number from 0 to 10 (severity, well-being).
        case score
        /// A decimal number kept as its exact text ("0.82").
        case decimal
        /// A calendar date, `YYYY-MM-DD`.
        case date
        /// Yes or no.
        case bool
        /// A list of short strings (tags).
        case list
    }

    public let name: String
    public let type: ValueType
    public let required: Bool
    /// Bounds of an integer or decimal field, as the CHECK constraint of its column in
    /// `Schema/` has them.
    public let range: ClosedRange<Int64>?

    public init(_ name: String, _ type: ValueType, required: Bool = false, range: ClosedRange<Int64>? = nil) {
        self.name = name
        self.type = type
        self.required = required
        self.range = range
    }

    /// Whether a value has the shape this field stores; the log accepts nothing else, so
    /// an imported or synced operation cannot smuggle a malformed value in.
    public func accepts(_ value: FieldValue) -> Bool {
        switch (type, value) {
        case (_, .null): return !required
        case (.text, .text): return true
        case (.integer, .integer(let number)): return range?.contains(number) ?? true
        case (.score, .integer(let score)): return (0...10).contains(score)
        case (.decimal, .text(let text)): return Self.isDecimal(text) && Self.decimal(text, isIn: range)
        case (.date, .text(let text)): return CalendarDate(iso: text) != nil
        case (.bool, .bool): return true
        case (.list, .list): return true
        default: return false
        }
    }

    /// Whether a plain decimal (``isDecimal(_:)``) lies within `range`, compared exactly
    /// on its digits: the whole part against the bounds, then any non-zero fraction.
    static func decimal(_ text: String, isIn range: ClosedRange<Int64>?) -> Bool {
        guard let range else { return true }
        let negative = text.hasPrefix("-")
        let unsigned = negative ? text.dropFirst() : Substring(text)
        let parts = unsigned.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let wholeDigits = parts[0].drop { $0 == "0" }
        let fractional = parts.count > 1 && parts[1].contains { $0 != "0" }
        guard wholeDigits.count <= 18, let magnitude = Int64(wholeDigits.isEmpty ? "0" : String(wholeDigits)) else {
            return false
        }
        // The value lies in [whole, whole + 1) (or its negative); it is in range when its
        // floor and, for a fraction, just above the floor are.
        let floor = negative ? (fractional ? -magnitude - 1 : -magnitude) : magnitude
        return range.contains(floor) && (!fractional || floor < range.upperBound)
    }

    /// A plain decimal: optional minus, digits, optional fraction. No exponent, no spaces.
    static func isDecimal(_ text: String) -> Bool {
        var digits = 0
        var seenDot = false
        for (index, character) in text.enumerated() {
            switch character {
            case "-" where index == 0: continue
            case "." where !seenDot: seenDot = true
            case "0"..."9": digits += 1
            default: return false
            }
        }
        return digits > 0 && text.last != "."
    }
}
