import Foundation
import RemissionCore
import RemissionReports
import RemissionStore

/// The JSON export: every record as it stands and every operation that made it.
///
/// The export is deterministic: the same journal content gives the same bytes on any
/// machine (sorted keys, records and operations in a fixed order, nothing about the moment
/// of export). Records are there for people and other programs; operations make the export
/// complete, so that importing it rebuilds the journal, history and conflicts included.
public struct JournalExport: Codable, Sendable, Equatable {
    public static let format = "remission-export"
    /// 2: a conflict is one of whole field groups (Schema/merge-rule.md); version 1 files,
    /// whose records were derived field by field, still import.
    public static let version = 2

    public struct Device: Codable, Sendable, Equatable {
        public let id: String
        public let name: String
    }

    public struct Record: Codable, Sendable, Equatable {
        /// Concurrent writes of one register: its name (a group's or a field's) and each
        /// alternative's entered fields, the one shown first.
        public struct Conflict: Codable, Sendable, Equatable {
            public let field: String
            public let values: [[String: FieldValue]]

            public init(field: String, values: [[String: FieldValue]]) {
                self.field = field
                self.values = values
            }

            /// Version 1 listed one field's values.
            public init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                field = try container.decode(String.self, forKey: .field)
                if let groups = try? container.decode([[String: FieldValue]].self, forKey: .values) {
                    values = groups
                } else {
                    let field = field
                    values = try container.decode([FieldValue].self, forKey: .values).map { [field: $0] }
                }
            }
        }

        public let id: String
        public let kind: RecordKind
        public let deleted: Bool
        public let fields: [String: FieldValue]
        public let conflicts: [Conflict]?
    }

    public let format: String
    public let version: Int
    public let journal: String
    public let devices: [Device]
    public let records: [Record]
    public let operations: [JournalOperation]

    /// Reads the whole journal.
    public init(journal: Journal) throws {
        let identity = try journal.identity()
        let operations = try journal.operations().map(\.operation)
        let writers = Set(operations.map(\.id.device))
        let names = try journal.deviceNames()
        self.init(
            journal: identity.journalID,
            devices: writers.sorted().map { Device(id: $0, name: names[$0] ?? $0) },
            records: try journal.records(.init(includeDeleted: true)).map(Self.record),
            operations: operations)
    }

    init(journal: String, devices: [Device], records: [Record], operations: [JournalOperation]) {
        format = Self.format
        version = Self.version
        self.journal = journal
        self.devices = devices
        self.records = records.sorted { ($0.kind, $0.id) < ($1.kind, $1.id) }
        self.operations = operations.sorted { ($0.clock, $0.id) < ($1.clock, $1.id) }
    }

    static func record(_ snapshot: RecordSnapshot) -> Record {
        Record(
            id: snapshot.id, kind: snapshot.kind, deleted: snapshot.deleted, fields: snapshot.fields,
            conflicts: snapshot.conflicts.isEmpty
                ? nil : snapshot.conflicts.map { .init(field: $0.register, values: $0.candidates.map(\.values)) })
    }

    /// The canonical bytes: pretty-printed, sorted keys, ending in a newline.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }

    /// Reads an export, checking that it is one this version understands.
    public static func decode(_ data: Data, path: String) throws -> JournalExport {
        let export: JournalExport
        do {
            export = try JSONDecoder().decode(JournalExport.self, from: data)
        } catch let error as DecodingError {
            throw ExportError.malformed(path: path, reason: Self.describe(error))
        } catch {
            throw ExportError.malformed(path: path, reason: "not JSON")
        }
        guard export.format == format else {
            throw ExportError.malformed(path: path, reason: "its format is '\(export.format)', not '\(format)'")
        }
        guard export.version <= version else {
            throw ExportError.malformed(path: path, reason: "it is export version \(export.version); this remission reads up to \(version)")
        }
        return export
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
        }
        switch error {
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not valid JSON" : "bad value at \(path(context)): \(context.debugDescription)"
        case .keyNotFound(let key, let context):
            return "missing '\(key.stringValue)' at \(path(context).isEmpty ? "the top level" : path(context))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "unexpected value at \(path(context)): \(context.debugDescription)"
        @unknown default:
            return "unreadable"
        }
    }
}

/// Why an export file cannot be imported.
public enum ExportError: Error, Sendable, CustomStringConvertible {
    case malformed(path: String, reason: String)
    case mismatch(path: String, reason: String)
    case otherJournal(path: String, export: String, journal: String)

    public var description: String {
        switch self {
        case .malformed(let path, let reason):
            return "\(path) is not a remission export (\(reason)); nothing was imported."
        case .otherJournal(let path, let export, let journal):
            return
                "\(path) is an export of another journal (\(export.prefix(8))), not of this one (\(journal.prefix(8))); nothing was imported. Import it into a new journal: remission import \(path) --journal NEW-DIR."
        case .mismatch(let path, let reason):
            return "\(path) does not rebuild the journal it describes (\(reason)); nothing was imported."
        }
    }
}

extension Journal {
    /// Imports an export: its operations are merged like another device's, all or nothing.
    /// Into an empty journal, the result must reproduce the export's records exactly, or
    /// nothing is kept.
    ///
    /// - Returns: how many operations were new to this journal.
    public func importExport(_ export: JournalExport, path: String) throws -> Int {
        let wasEmpty = try isEmpty()
        let journalID = try identity().journalID
        guard wasEmpty || export.journal == journalID else {
            throw ExportError.otherJournal(path: path, export: export.journal, journal: journalID)
        }
        let names = Dictionary(export.devices.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        return try apply(export.operations, deviceNames: names) { records in
            // Records of a version 1 export were derived field by field: its operations are
            // the truth, merged now by groups.
            guard wasEmpty, export.version >= 2 else { return }
            let rebuilt = records.map(JournalExport.record).sorted { ($0.kind, $0.id) < ($1.kind, $1.id) }
            guard rebuilt == export.records else {
                let expected = Dictionary(export.records.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
                let first = rebuilt.first { expected[$0.id] != $0 }?.id ?? export.records.first { r in !rebuilt.contains(r) }?.id
                throw ExportError.mismatch(path: path, reason: "record \(first ?? "?") differs from what its operations give")
            }
        }
    }
}
