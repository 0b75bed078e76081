import Foundation
import GRDB
import Testing

@testable import RemissionStore

/// The merge's raw binding (`Statement.run(binding:)`, `firstText(binding:)`) stores what
/// GRDB's own `execute(arguments:)` stores, and reports SQLite's errors as GRDB does.
@Suite struct StatementRunTests {
    private let values: [DatabaseValue] = [
        .null, 0.databaseValue, Int64.max.databaseValue, (-1.5).databaseValue, "".databaseValue, "fatigue".databaseValue,
        "a\u{0}b".databaseValue, "ü é 日本 🧪".databaseValue, String(repeating: "long text ", count: 500).databaseValue,
        Data([0, 1, 2, 255]).databaseValue, Data().databaseValue
    ]

    private func table() throws -> DatabaseQueue {
        let database = try DatabaseQueue()
        try database.write { db in try db.execute(sql: "CREATE TABLE t (n INTEGER PRIMARY KEY, v)") }
        return database
    }

    @Test func bindsEveryKindOfValueAsGRDBDoes() throws {
        let raw = try table()
        let grdb = try table()
        for (index, value) in values.enumerated() {
            try raw.write { db in try db.cachedStatement(sql: "INSERT INTO t (n, v) VALUES (?, ?)").run(binding: [index.databaseValue, value]) }
            try grdb.write { db in try db.execute(sql: "INSERT INTO t (n, v) VALUES (?, ?)", arguments: [index, value]) }
        }
        let read = { (database: DatabaseQueue) in
            try database.read { db in try Row.fetchAll(db, sql: "SELECT n, typeof(v), v, length(CAST(v AS BLOB)) FROM t ORDER BY n") }
        }
        let stored = try read(raw)
        #expect(stored.count == values.count)
        // Text with a NUL keeps all its bytes (GRDB binds, and reads, it up to the NUL).
        let nul = 6
        #expect(stored[nul][3] as Int == 3)
        for (index, value) in values.enumerated() where index != nul {
            #expect(stored[index]["v"] as DatabaseValue == value, "value \(index)")
        }
        #expect(
            Array(stored.enumerated().filter { $0.offset != nul }.map(\.element))
                == Array(try read(grdb).enumerated().filter { $0.offset != nul }.map(\.element)))
    }

    @Test func firstTextReadsOneValueOrNil() throws {
        let database = try table()
        try database.write { db in
            try db.execute(sql: "INSERT INTO t (n, v) VALUES (1, 'one'), (2, NULL)")
            let statement = try db.cachedStatement(sql: "SELECT v FROM t WHERE n = ?")
            #expect(try statement.firstText(binding: [1.databaseValue]) == "one")
            #expect(try statement.firstText(binding: [2.databaseValue]) == nil)
            #expect(try statement.firstText(binding: [3.databaseValue]) == nil)
            #expect(try statement.firstText(binding: [1.databaseValue]) == "one", "the statement is reset after each use")
        }
    }

    @Test func aConstraintFailureIsADatabaseErrorAndWritesNothing() throws {
        let database = try table()
        try database.write { db in try db.cachedStatement(sql: "INSERT INTO t (n, v) VALUES (?, ?)").run(binding: [1.databaseValue, "x".databaseValue]) }
        #expect(throws: DatabaseError.self) {
            try database.write { db in try db.cachedStatement(sql: "INSERT INTO t (n, v) VALUES (?, ?)").run(binding: [1.databaseValue, "y".databaseValue]) }
        }
        #expect(try database.read { db in try String.fetchAll(db, sql: "SELECT v FROM t") } == ["x"])
    }
}
