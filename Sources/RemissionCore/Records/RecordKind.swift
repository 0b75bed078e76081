/// The kinds of record a journal holds, and the fields each kind has.
///
/// Each kind's fields are the field table in `RecordKind+Fields.swift`; it and the tables in
/// `Schema/` describe the same thing, and `remission check` and a test verify that every
/// field has its column.
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

    /// Order used by listings and exports when two records share a date.
    public static func < (lhs: RecordKind, rhs: RecordKind) -> Bool {
        let order = allCases
        return order.firstIndex(of: lhs)! < order.firstIndex(of: rhs)!
    }
}

/// One field of a record kind, as the kind's table (`RecordKind+Fields.swift`) has it: the
/// field, the shape of its values, its register, how `remission edit` changes it, and a line
/// of help.
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

    /// How a field's value comes to be, and how `remission edit` changes it.
    public enum Entry: Sendable, Hashable {
        /// Entered, and changed with `remission edit ID --OPTION VALUE` (option without dashes).
        case option(String)
        /// Entered as part of another field's option: a lab's qualifier is the `<` of
        /// `--value "<1"`.
        case within(Field)
        /// Set when the record is made and never edited: another drug is another medication
        /// (stop one, start the other), a symptom's day entry follows its date.
        case fixed
        /// Computed from the entered fields of its group (``RecordKind/derive(_:)``), never
        /// entered nor merged on its own.
        case derived
    }

    public let field: Field
    public let type: ValueType
    public let required: Bool
    /// Bounds of an integer or decimal field, as the CHECK constraint of its column in
    /// `Schema/` has them.
    public let range: ClosedRange<Int64>?
    /// The field group (Schema/merge-rule.md) the field is written, merged and settled with;
    /// nil for a field that is a register of its own.
    public let group: String?
    public let entry: Entry
    /// A short line for `remission edit --help`, written for the kind.
    public let help: String

    public init(
        _ field: Field, _ type: ValueType, required: Bool = false, range: ClosedRange<Int64>? = nil,
        group: String? = nil, entry: Entry, help: String
    ) {
        self.field = field
        self.type = type
        self.required = required
        self.range = range
        self.group = group
        self.entry = entry
        self.help = help
    }

    /// The stored name: the key in an operation, the column of the kind's table.
    public var name: String { field.rawValue }

    /// The option of `remission edit` that changes the field, without its dashes; nil for
    /// a field that is derived, fixed, or entered within another's option.
    public var editOption: String? {
        if case .option(let option) = entry { return option }
        return nil
    }

    public var isDerived: Bool { entry == .derived }

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
