import RemissionCore

/// A record as the journal holds it now: the winning value of each field, plus what the
/// merge rule kept aside (values of concurrent edits that lost, edits a delete had not seen).
public struct RecordSnapshot: Sendable, Hashable {
    public let id: String
    public let kind: RecordKind
    public let fields: [String: FieldValue]
    public let deleted: Bool
    /// Deleted on one device while edited on another that had not seen the delete: kept
    /// visible, and flagged, rather than hiding an edit nobody reviewed.
    public let editedAfterDelete: Bool
    public let conflicts: [FieldConflict]
    /// When the record was first and last written, by any device.
    public let created: HLCTimestamp
    public let updated: HLCTimestamp

    /// The value of a field; `.null` when the record has none.
    public subscript(field: Field) -> FieldValue {
        fields[field] ?? .null
    }

    /// The value of a field by its stored name, for names that come from elsewhere (an
    /// operation, a register); code names a field with ``Field``.
    public subscript(name: String) -> FieldValue {
        fields[name] ?? .null
    }

    /// The date that places the record on the timeline.
    public var date: CalendarDate? {
        kind.dateField.flatMap { self[$0].text }.flatMap(CalendarDate.init(iso:))
    }
}

/// Concurrent writes of one register (a field group, or a field alone) with different
/// values: the winner is shown, the others are kept until the user settles them, by choosing
/// one whole alternative or by editing.
public struct FieldConflict: Sendable, Hashable {
    public struct Candidate: Sendable, Hashable {
        public let operation: OperationID
        public let clock: HLCTimestamp
        /// The entered fields of the register, as this alternative has them.
        public let values: [String: FieldValue]
    }

    /// The register's name: a group's ("measurement", "dosing") or a field's ("note").
    public let register: String
    /// The entered fields of the register, in the kind's field order.
    public let fields: [String]
    public let winner: Candidate
    public let others: [Candidate]

    /// Every alternative, the one shown first: the numbers `conflicts settle` takes.
    public var candidates: [Candidate] { [winner] + others }
}

/// One local change, as a command asks for it.
public struct RecordChange: Sendable, Hashable {
    public enum Action: Sendable, Hashable {
        case create
        case update
        case delete
        case restore
    }

    public let record: String
    public let kind: RecordKind
    public let action: Action
    public let fields: [String: FieldValue]

    /// A new record with a fresh random id.
    public static func create(_ kind: RecordKind, _ fields: [String: FieldValue], id: String = newRecordID()) -> RecordChange {
        RecordChange(record: id, kind: kind, action: .create, fields: fields)
    }

    public static func update(_ record: String, kind: RecordKind, _ fields: [String: FieldValue]) -> RecordChange {
        RecordChange(record: record, kind: kind, action: .update, fields: fields)
    }

    public static func delete(_ record: String, kind: RecordKind) -> RecordChange {
        RecordChange(record: record, kind: kind, action: .delete, fields: [:])
    }

    public static func restore(_ record: String, kind: RecordKind) -> RecordChange {
        RecordChange(record: record, kind: kind, action: .restore, fields: [:])
    }
}

/// A random UUID in lower case, the form every id in a journal takes.
public func newRecordID() -> String {
    var generator = SystemRandomNumberGenerator()
    var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
    bytes[6] = (bytes[6] & 0x0F) | 0x40
    bytes[8] = (bytes[8] & 0x3F) | 0x80
    return bytes.uuidText
}
