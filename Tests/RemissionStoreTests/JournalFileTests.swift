import Foundation
import GRDB
import RemissionCore
import RemissionStore
import RemissionTestSupport
import Testing

@Suite struct JournalFileTests {
    @Test func createMakesAPrivateDirectoryAndFiles() throws {
        let directory = TemporaryDirectory()
        let location = JournalLocation(directory: directory.path + "/nested/journal")
        let journal = try Journal.create(at: location)
        #expect(fileMode(location.directory) == 0o700)
        #expect(fileMode(location.databasePath) == 0o600)
        try journal.write([.create(.symptom, symptom())])
        var checked = 0
        for suffix in ["", "-wal", "-shm"] where fileExists(location.databasePath + suffix) {
            #expect(fileMode(location.databasePath + suffix) == 0o600, "journal.sqlite\(suffix)")
            checked += 1
        }
        #expect(checked >= 2, "expected the -wal file of a WAL journal after a write")
        #expect(try journal.check().isHealthy)
    }

    /// What `log` does last: the WAL is folded into the journal file and removed now, and the
    /// journal, left to the exit, refuses any later use instead of writing after its close.
    @Test func closeForExitCheckpointsAndRemovesTheWAL() throws {
        let directory = TemporaryDirectory()
        let location = directory.location()
        let journal = try Journal.create(at: location)
        let written = try journal.write([.create(.symptom, symptom())])
        #expect(fileExists(location.databasePath + "-wal"))
        journal.closeForExit()
        for suffix in ["-wal", "-shm"] {
            #expect(!fileExists(location.databasePath + suffix), "journal.sqlite\(suffix) after closeForExit")
        }
        #expect(throws: JournalError.self) { try journal.records() }
        #expect(throws: JournalError.self) { try journal.write([.create(.symptom, symptom())]) }
        #expect(throws: JournalError.self) { try journal.check() }
        let reopened = try Journal.open(at: location)
        #expect(try reopened.records().map(\.id) == written.map(\.record))
        #expect(try reopened.check().isHealthy)
    }

    @Test func secondCreateThrowsAlreadyExistsAndChangesNothing() throws {
        let directory = TemporaryDirectory()
        let location = directory.location()
        do {
            let journal = try Journal.create(at: location)
            try journal.write([.create(.symptom, symptom())])
        }
        let before = try #require(fileBytes(location.databasePath))
        let error = #expect(throws: JournalError.self) { try Journal.create(at: location) }
        guard case .alreadyExists(let path) = error else {
            Issue.record("expected .alreadyExists, got \(String(describing: error))")
            return
        }
        #expect(path == location.databasePath)
        #expect(fileBytes(location.databasePath) == before)
        #expect(try Journal.open(at: location).records().count == 1)
    }

    @Test func openMissingJournalThrowsNotFound() throws {
        let directory = TemporaryDirectory()
        let error = #expect(throws: JournalError.self) { try Journal.open(at: directory.location("nothing")) }
        guard case .notFound = error else {
            Issue.record("expected .notFound, got \(String(describing: error))")
            return
        }
        #expect(!fileExists(directory.location("nothing").directory), "open must not create anything")
    }

    @Test func openTextFileThrowsNotAJournal() throws {
        let directory = TemporaryDirectory()
        let location = directory.location()
        try FileManager.default.createDirectory(atPath: location.directory, withIntermediateDirectories: true)
        let text = Data(String(repeating: "CD19 0 cells/µL, all good.\n", count: 200).utf8)
        try text.write(to: URL(fileURLWithPath: location.databasePath))
        let error = #expect(throws: JournalError.self) { try Journal.open(at: location) }
        guard case .notAJournal = error else {
            Issue.record("expected .notAJournal, got \(String(describing: error))")
            return
        }
        #expect(fileBytes(location.databasePath) == text)
    }

    @Test(arguments: [false, true])
    func openAnotherProgramsSQLiteThrowsNotAJournalAndChangesNothing(usesGRDBMigrations: Bool) throws {
        let directory = TemporaryDirectory()
        let location = directory.location()
        try FileManager.default.createDirectory(atPath: location.directory, withIntermediateDirectories: true)
        do {
            // Another program's database, in SQLite's default rollback-journal mode.
            let other = try DatabaseQueue(path: location.databasePath)
            try other.write { db in
                try db.execute(sql: "CREATE TABLE contact (id INTEGER PRIMARY KEY, name TEXT)")
                try db.execute(sql: "INSERT INTO contact (name) VALUES ('Ada')")
                if usesGRDBMigrations {
                    try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
                    try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v1')")
                }
            }
        }
        let before = try #require(fileBytes(location.databasePath))
        let error = #expect(throws: JournalError.self) { try Journal.open(at: location) }
        guard case .notAJournal = error else {
            Issue.record("expected .notAJournal, got \(String(describing: error))")
            return
        }
        #expect(fileBytes(location.databasePath) == before, "opening another program's database changed it")
        #expect(!fileExists(location.databasePath + "-wal"))
    }

    @Test func openNewerSchemaThrowsNamingTheMigrationAndChangesNothing() throws {
        let directory = TemporaryDirectory()
        let location = directory.location()
        do {
            let journal = try Journal.create(at: location)
            try journal.write([.create(.symptom, symptom())])
        }
        try RawDatabase.write(location) { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('0002_future')")
        }
        let before = try #require(fileBytes(location.databasePath))
        let error = #expect(throws: JournalError.self) { try Journal.open(at: location) }
        guard case .newerSchema(_, let unknown) = error else {
            Issue.record("expected .newerSchema, got \(String(describing: error))")
            return
        }
        #expect(unknown == ["0002_future"])
        #expect(fileBytes(location.databasePath) == before, "opening a newer journal changed it")
    }

    @Test func reopenKeepsEverything() throws {
        let directory = TemporaryDirectory()
        let location = directory.location()
        let identity: Journal.Identity
        let id = newRecordID()
        do {
            let journal = try Journal.create(at: location, deviceName: "phone")
            try journal.write([.create(.symptom, symptom(severity: 4), id: id)])
            identity = try journal.identity()
        }
        let journal = try Journal.open(at: location)
        #expect(try journal.identity() == identity)
        #expect(try journal.snapshot(id)?["severity"] == .integer(4))
        #expect(identity.deviceName == "phone")
        #expect(identity.counter == 1)
    }
}
