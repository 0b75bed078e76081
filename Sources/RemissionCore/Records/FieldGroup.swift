/// Fields that only make sense together, written, merged, shown in conflict and settled as
/// one unit (DESIGN.md §5, Schema/merge-rule.md).
///
/// A C3 of 0.97 **g/L** and a C3 of 95 **mg/dL** are two results; their value of one and unit
/// of the other is a third that nobody entered. So a kind declares its groups, and the merge
/// rule keeps one register per group instead of one per field. A field in no group is a
/// register of its own.
public struct FieldGroup: Sendable, Hashable {
    /// The register's name: the group's own name, or the field's name for a field alone.
    public let name: String
    /// The fields a person enters, always written together.
    public let fields: [String]
    /// Fields computed from ``fields`` (a canonical value, a dose in milligrams): written with
    /// the group for whoever reads the log, but on merge computed again from the winning group
    /// with ``RecordKind/derive(_:)``, never merged on their own.
    public let derived: [String]
    /// Every field stored for the group, entered and derived.
    public let allFields: [String]
    /// The same, for membership tests: the merge asks it of every write of every record.
    public let members: Set<String>

    public init(name: String, fields: [String], derived: [String] = []) {
        self.name = name
        self.fields = fields
        self.derived = derived
        allFields = fields + derived
        members = Set(allFields)
    }

    /// The register every kind has: `deleted` (``JournalOperation/deletedField``).
    public static let deleted = FieldGroup(name: JournalOperation.deletedField, fields: [JournalOperation.deletedField])

    /// Whether this is more than one field.
    public var isGroup: Bool { allFields.count > 1 }
}

extension RecordKind {
    /// The groups of this kind that hold more than one field, in field order, as the
    /// table (`RecordKind+Fields.swift`) has them; see ``registers``.
    public var fieldGroups: [FieldGroup] { Self.groupTable[self]! }

    /// Every register of this kind, in field order: its groups, and each other field alone.
    /// `deleted` is a register of every kind too (``JournalOperation/deletedField``).
    public var registers: [FieldGroup] { Self.registerTable[self]! }

    private static let groupTable = Dictionary(uniqueKeysWithValues: allCases.map { ($0, $0.makeFieldGroups()) })
    private static let registerTable = Dictionary(uniqueKeysWithValues: allCases.map { ($0, $0.makeRegisters()) })

    private func makeFieldGroups() -> [FieldGroup] {
        var names: [String] = []
        for spec in fields { if let group = spec.group, !names.contains(group) { names.append(group) } }
        return names.map { name in
            let members = fields.filter { $0.group == name }
            return FieldGroup(
                name: name, fields: members.filter { !$0.isDerived }.map(\.name),
                derived: members.filter(\.isDerived).map(\.name))
        }
    }

    private func makeRegisters() -> [FieldGroup] {
        let fieldGroups = makeFieldGroups()
        var result: [FieldGroup] = []
        var seen: Set<String> = []
        for field in fields where !seen.contains(field.name) {
            if let group = fieldGroups.first(where: { $0.allFields.contains(field.name) }) {
                result.append(group)
                seen.formUnion(group.allFields)
            } else {
                result.append(FieldGroup(name: field.name, fields: [field.name]))
                seen.insert(field.name)
            }
        }
        return result
    }

    /// The register a field is written in; `deleted` is its own.
    public func register(of field: String) -> FieldGroup? {
        if field == JournalOperation.deletedField { return .deleted }
        return registers.first { $0.allFields.contains(field) }
    }

    /// The register with this name (a group's name, or a field's), as people type it.
    public func register(named name: String) -> FieldGroup? {
        registers.first { $0.name == name }
            ?? registers.first { $0.allFields.contains(name) && !$0.isGroup }
    }

    /// The derived fields of a record computed from its entered ones, or nil when this version
    /// cannot compute them (an analyte or unit from a newer catalogue): then the values the
    /// writer stored stand, and `remission check` says they could not be verified.
    public func derive(_ fields: [String: FieldValue]) -> [String: FieldValue]? {
        switch self {
        case .lab: return LabResultEntry.derivedFields(fields)
        case .medication: return MedicationEntry.derivedFields(fields)
        default: return [:]
        }
    }
}
