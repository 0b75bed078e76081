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
    /// Never for a statement that returns rows.
    func run(binding values: [DatabaseValue]) throws {
        let code = try step(binding: values)
        guard code == SQLITE_DONE else { throw failure(code) }
    }

    /// The first column of the first row as text (nil without a row, or for NULL), the values
    /// bound as ``run(binding:)`` binds them: for the look-up a pull makes for every operation.
    func firstText(binding values: [DatabaseValue]) throws -> String? {
        var text: String?
        let code = try step(binding: values) { statement in
            text = sqlite3_column_text(statement, 0).map { String(cString: $0) }
        }
        guard code == SQLITE_DONE || code == SQLITE_ROW else { throw failure(code) }
        return text
    }

    /// Binds the values, steps once (reading a row with `row` if one comes), and resets.
    /// Text and blobs are bound without a copy (`SQLITE_STATIC`), each inside the scope that
    /// keeps its bytes alive, and with their length, so nothing after a NUL is lost.
    private func step(binding values: [DatabaseValue], row: ((SQLiteStatement) -> Void)? = nil) throws -> CInt {
        let statement = sqliteStatement
        precondition(Int(sqlite3_bind_parameter_count(statement)) == values.count, "one value per parameter")
        sqlite3_reset(statement)
        defer {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)  // no pointer outlives the scope it came from
        }
        func bind(from index: Int) throws -> CInt {
            guard index < values.count else {
                let code = sqlite3_step(statement)
                if code == SQLITE_ROW { row?(statement) }
                return code
            }
            let position = CInt(index + 1)
            let code: CInt
            switch values[index].storage {
            case .null: code = sqlite3_bind_null(statement, position)
            case .int64(let number): code = sqlite3_bind_int64(statement, position, number)
            case .double(let number): code = sqlite3_bind_double(statement, position, number)
            case .string(var text):
                return try text.withUTF8 { bytes in
                    let code =
                        if let base = bytes.baseAddress {
                            sqlite3_bind_text(statement, position, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), CInt(bytes.count), nil)
                        } else {
                            sqlite3_bind_text(statement, position, "", 0, transient)  // empty text, not NULL
                        }
                    guard code == SQLITE_OK else { throw failure(code) }
                    return try bind(from: index + 1)
                }
            case .blob(let data):
                return try data.withUnsafeBytes { bytes in
                    let code = sqlite3_bind_blob(statement, position, bytes.baseAddress, CInt(bytes.count), nil)
                    guard code == SQLITE_OK else { throw failure(code) }
                    return try bind(from: index + 1)
                }
            }
            guard code == SQLITE_OK else { throw failure(code) }
            return try bind(from: index + 1)
        }
        return try bind(from: 0)
    }

    private func failure(_ code: CInt) -> DatabaseError {
        DatabaseError(
            resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(sqliteStatement))), sql: sql)
    }
}

/// SQLite copies the value before the call returns (`SQLITE_TRANSIENT`).
private let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
