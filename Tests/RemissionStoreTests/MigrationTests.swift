import Foundation
import GRDB
import RemissionCore
import RemissionStore
import RemissionTestSupport
import Testing

@Suite struct MigrationTests {
    /// The package root.
    static let packageRoot = Repository.root

    static func schemaFiles() throws -> [URL] {
        let directory = packageRoot.appendingPathComponent("Schema")
        return try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".sql") }
            .sorted()
            .map { directory.appendingPathComponent($0) }
    }

    @Test func embeddedSQLEqualsTheSchemaFilesByteForByte() throws {
        let files = try Self.schemaFiles()
        try #require(!files.isEmpty, "no Schema/*.sql found under \(Self.packageRoot.path)")
        let embedded = Dictionary(Migrations.all.map { ($0.identifier, $0.sql) }, uniquingKeysWith: { a, _ in a })
        #expect(embedded.count == Migrations.all.count, "two migrations share an identifier")
        for file in files {
            let identifier = file.deletingPathExtension().lastPathComponent
            guard let sql = embedded[identifier] else {
                Issue.record("Schema/\(file.lastPathComponent) is not embedded in Migrations.all (Package.swift resources and Migrations.swift)")
                continue
            }
            let onDisk = try Data(contentsOf: file)
            #expect(Data(sql.utf8) == onDisk, "embedded \(identifier) differs from Schema/\(file.lastPathComponent)")
        }
    }

    @Test func migrationsApplyInFileOrderAndNoneIsWithoutAFile() throws {
        let fileIdentifiers = try Self.schemaFiles().map { $0.deletingPathExtension().lastPathComponent }
        #expect(Migrations.all.map(\.identifier) == fileIdentifiers)
        #expect(Migrations.all.first?.identifier == "0001_journal")
    }

    /// The field table (RemissionCore Records/RecordKind+Fields.swift) and the kinds' tables
    /// after every migration agree: a column per field and no other but `id`, NOT NULL
    /// exactly for the required fields.
    @Test func everyFieldOfEveryKindHasAColumn() throws {
        let directory = TemporaryDirectory()
        let journal = try Journal.create(at: directory.location())
        for kind in RecordKind.allCases {
            let rows = try journal.read { db in try Row.fetchAll(db, sql: "PRAGMA table_info(\(kind.tableName))") }
            let columns = rows.map { $0["name"] as String }
            let notNull = Set(rows.filter { ($0["notnull"] as Int) == 1 }.map { $0["name"] as String })
            #expect(!columns.isEmpty, "no table \(kind.tableName) for \(kind)")
            #expect(columns.contains("id"), "table \(kind.tableName) has no id column")
            for field in kind.fields {
                #expect(columns.contains(field.name), "table \(kind.tableName) lacks a column for \(kind).\(field.name)")
                #expect(
                    notNull.contains(field.name) == field.required,
                    "\(kind).\(field.name): required \(field.required) but its column is \(notNull.contains(field.name) ? "" : "not ")NOT NULL")
            }
            let extra = Set(columns).subtracting(kind.fields.map(\.name)).subtracting(["id"])
            #expect(extra.isEmpty, "table \(kind.tableName) has columns the field table lacks: \(extra.sorted())")
        }
        #expect(try journal.check().isHealthy)
    }
}
