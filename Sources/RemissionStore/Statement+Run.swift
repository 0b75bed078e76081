import Foundation
import GRDB
import GRDBSQLite

extension Statement {
    /// Runs an INSERT or UPDATE once, with these values bound to its parameters in order.
    ///
    /// A pull writes some twelve rows for every operation it applies. GRDB's
    /// `execute(arguments:)` first boxes every value in an existential, then validates and
    /// binds them, which cost a ten-year pull as much as SQLite's own inserts. This binds
    /// `DatabaseValue`s through SQLite's C interface on the statement GRDB prepared and
    /// caches: the raw access GRDB documents (`Statement.sqliteStatement`), and nothing of
    /// GRDB's own bookkeeping that an insert inside a write transaction needs is skipped.
    /// Text is bound with its length, so nothing after a NUL is lost. Never for a statement
    /// that returns rows.
    func run(binding values: [DatabaseValue]) throws {
        let statement = sqliteStatement
        precondition(Int(sqlite3_bind_parameter_count(statement)) == values.count, "one value per parameter")
        sqlite3_reset(statement)
        for (index, value) in zip(CInt(1)..., values) {
            let code: CInt
            switch value.storage {
            case .null: code = sqlite3_bind_null(statement, index)
            case .int64(let number): code = sqlite3_bind_int64(statement, index, number)
            case .double(let number): code = sqlite3_bind_double(statement, index, number)
            case .string(let text): code = sqlite3_bind_text(statement, index, text, CInt(text.utf8.count), transient)
            case .blob(let data):
                code = data.withUnsafeBytes { sqlite3_bind_blob(statement, index, $0.baseAddress, CInt($0.count), transient) }
            }
            guard code == SQLITE_OK else { throw failure(code) }
        }
        let code = sqlite3_step(statement)
        sqlite3_reset(statement)
        guard code == SQLITE_DONE else { throw failure(code) }
    }

    private func failure(_ code: CInt) -> DatabaseError {
        DatabaseError(
            resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(sqliteStatement))), sql: sql)
    }
}

/// SQLite copies the value before the call returns (`SQLITE_TRANSIENT`).
private let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
