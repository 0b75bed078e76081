/// A field of a record, by the name the operation log stores it under.
///
/// The raw value is the stored name (`canonicalValue`): operations, the derived tables'
/// columns and the journal export use it, and it never changes. People and programs reading
/// the output of a command see ``snakeCaseName`` (`canonical_value`) instead.
///
/// Which kinds have which field, and everything else about it, is the table in
/// `RecordKind+Fields.swift`; code reads a record's fields with this key
/// (`record[.canonicalValue]`, `fields[.value]`), never by a string.
public enum Field: String, Sendable, Hashable, CaseIterable, Codable {
    // profile
    case diagnosis, product, target, lymphodepletion
    // shared by several kinds
    case date, note
    // entry
    case wellbeing, tags
    // symptom
    case name, severity, entryId
    // lab
    case time, analyte, qualifier, value, unit, canonicalValue, canonicalUnit, range, rangeLow, rangeHigh, lab
    // medication
    case drug, drugClass, custom, dose, doseAmount, doseUnit, frequency, route, startDate, endDate, reason, stopReason
    // event
    case type, grade
    // assessment
    case sledai, clinicalSledai, pga

    /// The stored name: the key in an operation, the column of the kind's table.
    public var name: String { rawValue }

    /// The name people and programs see: `canonicalValue` → `canonical_value`.
    public var snakeCaseName: String { Self.snakeCase(rawValue) }

    /// The field a snake_case name (as `show` prints it) or a stored name stands for.
    public init?(snakeCaseName name: String) {
        guard let field = Self.allCases.first(where: { $0.snakeCaseName == name || $0.rawValue == name }) else {
            return nil
        }
        self = field
    }

    /// `canonicalValue` → `canonical_value`; also for the names of registers (a group's
    /// name, `deleted`), which are not fields.
    public static func snakeCase(_ name: String) -> String {
        var out = ""
        for character in name {
            if character.isUppercase {
                out += "_" + character.lowercased()
            } else {
                out.append(character)
            }
        }
        return out
    }
}

extension Dictionary where Key == String, Value == FieldValue {
    /// The value of a field in a record's fields as the log stores them (stored names as keys).
    public subscript(field: Field) -> FieldValue? {
        get { self[field.rawValue] }
        set { self[field.rawValue] = newValue }
    }
}

extension Dictionary where Key == String, Value == FieldValue {
    /// Fields as the log stores them, from a literal that names them with ``Field``:
    /// `.init(fields: [.value: .text("0.82"), .unit: .text("g/L")])`.
    public init(fields: KeyValuePairs<Field, FieldValue>) {
        self.init(fields.map { ($0.key.rawValue, $0.value) }, uniquingKeysWith: { _, last in last })
    }
}
