import Foundation
import RemissionCore
import RemissionReports
import RemissionStore

/// The `--json` form of what commands print: snake_case keys, sorted, as documented by the
/// JSON Schemas in `Schema/json/`.
public enum JSONOutput {
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// `canonicalValue` → `canonical_value`: ``Field/snakeCase(_:)``, the one spelling of a
    /// field's or a register's name wherever a person or a program sees it.
    public static func snakeCase(_ name: String) -> String {
        Field.snakeCase(name)
    }
}

/// A record in `list`, `show`, and the output of the commands that write one.
public struct RecordJSON: Encodable, Sendable {
    public struct Conflict: Encodable, Sendable {
        public struct Candidate: Encodable, Sendable {
            /// The alternative's entered fields, by their snake_case names.
            let values: [String: FieldValue]
            let device: String
            let operation: String
            let at: String
        }

        let field: String
        let shown: Candidate
        let others: [Candidate]
    }

    let id: String
    let kind: String
    let date: String?
    let day: Int?
    let deleted: Bool
    let editedAfterDelete: Bool
    let fields: [String: FieldValue]
    let summary: String
    let flag: String?
    let conflicts: [Conflict]
    let created: String
    let updated: String

    enum CodingKeys: String, CodingKey {
        case id, kind, date, day, deleted, fields, summary, flag, conflicts, created, updated
        case editedAfterDelete = "edited_after_delete"
    }

    public init(_ record: RecordSnapshot, infusion: CalendarDate?, deviceNames: [String: String]) {
        id = record.id
        kind = record.kind.rawValue
        date = record.date?.iso
        day = record.date.flatMap { StudyDay.number(for: $0, infusion: infusion) }
        deleted = record.deleted
        editedAfterDelete = record.editedAfterDelete
        var fields: [String: FieldValue] = [:]
        for spec in record.kind.fields {
            if let value = record.fields[spec.field] { fields[spec.field.snakeCaseName] = value }
        }
        self.fields = fields
        summary = RecordFormatter.plainSummary(record)
        flag = record.labFlag?.rawValue
        func candidate(_ item: FieldConflict.Candidate) -> Conflict.Candidate {
            Conflict.Candidate(
                values: Dictionary(uniqueKeysWithValues: item.values.map { (Field.snakeCase($0.key), $0.value) }),
                device: deviceNames[item.operation.device] ?? item.operation.device,
                operation: item.operation.description, at: item.clock.iso8601)
        }
        conflicts = record.conflicts.map {
            Conflict(field: Field.snakeCase($0.register), shown: candidate($0.winner), others: $0.others.map(candidate))
        }
        created = record.created.iso8601
        updated = record.updated.iso8601
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(kind, forKey: .kind)
        try container.encode(date, forKey: .date)
        try container.encode(day, forKey: .day)
        try container.encode(deleted, forKey: .deleted)
        try container.encode(editedAfterDelete, forKey: .editedAfterDelete)
        try container.encode(fields, forKey: .fields)
        try container.encode(summary, forKey: .summary)
        try container.encode(flag, forKey: .flag)
        try container.encode(conflicts, forKey: .conflicts)
        try container.encode(created, forKey: .created)
        try container.encode(updated, forKey: .updated)
    }
}
