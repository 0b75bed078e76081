import GRDB
import RemissionCore

/// The merge rule (DESIGN.md §5): every field of every record is a multi-value register.
///
/// - A write replaces the writes of that field its writer had seen; a replaced write never
///   counts again, whatever the clocks say, so a device with a clock a year ahead cannot
///   beat an edit made after seeing its write.
/// - The writes nobody replaced are the field's *heads*. Of several heads (edits made
///   concurrently on different devices), the one with the greatest (clock, device id,
///   counter) is the value; the others stay as open conflicts.
/// - A delete is the field `deleted = true`, and it replaces every write of the record it
///   had seen. If the record has a head the delete had not seen (an edit made elsewhere
///   meanwhile), the record stays visible and flagged instead of silently vanishing.
///
/// The derived tables are a function of the *set* of operations known, so applying them
/// in any order, or twice, gives the same journal on every device.
enum MergeRule {
    /// Applies one operation to the log and the derived tables.
    ///
    /// - Returns: false when the operation was already in the log (nothing changes).
    @discardableResult
    static func apply(_ operation: JournalOperation, body: String, clockAhead: Bool = false, in db: Database) throws -> Bool {
        let id = operation.id
        if try Bool.fetchOne(try db.cachedStatement(sql: "SELECT 1 FROM operation WHERE deviceId = ? AND counter = ?"), arguments: [id.device, id.counter]) != nil
        {
            return false
        }
        if let kind = try String.fetchOne(try db.cachedStatement(sql: "SELECT kind FROM record WHERE id = ?"), arguments: [operation.record]),
            kind != operation.kind.rawValue
        {
            throw JournalError.invalidOperation(
                id, reason: "record \(operation.record) is a \(kind) record, the operation says \(operation.kind.rawValue)")
        }
        try db.cachedStatement(sql: """
                INSERT INTO operation (deviceId, counter, clock, recordId, kind, body, clockAhead)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [id.device, id.counter, operation.clock.rawValue, operation.record,
                        operation.kind.rawValue, body, clockAhead])
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO device (id, name) VALUES (?, ?)").execute(arguments: [id.device, "device " + id.device.prefix(8)])

        try derive(operation, in: db)
        return true
    }

    /// Updates the derived tables for an operation already in the log.
    static func derive(_ operation: JournalOperation, in db: Database) throws {
        for write in operation.writes {
            try applyWrite(write, of: operation, in: db)
        }
        try materialize(record: operation.record, kind: operation.kind, in: db)
    }

    /// The tables derived from the log, in an order that respects their foreign keys.
    static let derivedTables = RecordKind.allCases.map(\.tableName) + ["fieldHead", "fieldReplacement", "record"]

    /// Rebuilds every derived table from the log alone.
    static func rebuild(in db: Database) throws {
        for table in derivedTables {
            try db.execute(sql: "DELETE FROM \(table)")
        }
        let bodies = try String.fetchCursor(db, sql: "SELECT body FROM operation ORDER BY clock, deviceId, counter")
        while let body = try bodies.next() {
            try derive(try OperationCodec.decode(body), in: db)
        }
    }

    private static func applyWrite(_ write: FieldWrite, of operation: JournalOperation, in db: Database) throws {
        let record = operation.record
        for replaced in write.replaces {
            try db.cachedStatement(sql: """
                    INSERT OR IGNORE INTO fieldReplacement
                        (recordId, field, replacedDeviceId, replacedCounter, deviceId, counter)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """).execute(arguments: [record, write.field, replaced.device, replaced.counter,
                            operation.id.device, operation.id.counter])
            try db.cachedStatement(sql: "DELETE FROM fieldHead WHERE recordId = ? AND field = ? AND deviceId = ? AND counter = ?").execute(arguments: [record, write.field, replaced.device, replaced.counter])
        }
        // A write that arrives after a write replacing it (another device's segment came
        // first) is history from the start: it never becomes a head.
        let superseded = try Bool.fetchOne(try db.cachedStatement(sql: """
                SELECT 1 FROM fieldReplacement
                WHERE recordId = ? AND field = ? AND replacedDeviceId = ? AND replacedCounter = ?
                LIMIT 1
                """), arguments: [record, write.field, operation.id.device, operation.id.counter]) != nil
        if !superseded {
            try db.cachedStatement(sql: """
                    INSERT INTO fieldHead (recordId, field, deviceId, counter, clock, value, isWinner)
                    VALUES (?, ?, ?, ?, ?, ?, 0)
                    """).execute(arguments: [record, write.field, operation.id.device, operation.id.counter,
                            operation.clock.rawValue, write.value.json])
        }
        try electWinner(record: record, field: write.field, in: db)
    }

    private static func electWinner(record: String, field: String, in db: Database) throws {
        try db.cachedStatement(sql: "UPDATE fieldHead SET isWinner = 0 WHERE recordId = ? AND field = ? AND isWinner = 1").execute(arguments: [record, field])
        try db.cachedStatement(sql: """
                UPDATE fieldHead SET isWinner = 1
                WHERE (recordId, field, deviceId, counter) = (
                    SELECT recordId, field, deviceId, counter FROM fieldHead
                    WHERE recordId = ? AND field = ?
                    ORDER BY clock DESC, deviceId DESC, counter DESC LIMIT 1)
                """).execute(arguments: [record, field])
    }

    /// Rewrites the record's row and its kind's table from the field heads.
    static func materialize(record: String, kind: RecordKind, in db: Database) throws {
        let heads = try Head.fetchAll(record: record, in: db)
        var winners: [String: FieldValue] = [:]
        var valuesByField: [String: Set<FieldValue>] = [:]
        for head in heads {
            if head.isWinner { winners[head.field] = head.value }
            valuesByField[head.field, default: []].insert(head.value)
        }

        var editedAfterDelete = false
        let deleteWins = winners[JournalOperation.deletedField]?.bool == true
        if deleteWins {
            let deletes = heads.filter { $0.field == JournalOperation.deletedField && $0.value == .bool(true) }
            var seen: Set<OperationID> = []
            for delete in deletes {
                let rows = try Row.fetchAll(try db.cachedStatement(sql: """
                        SELECT replacedDeviceId, replacedCounter FROM fieldReplacement
                        WHERE recordId = ? AND field = ? AND deviceId = ? AND counter = ?
                        """), arguments: [record, JournalOperation.deletedField, delete.id.device, delete.id.counter])
                for row in rows {
                    seen.insert(OperationID(device: row[0], counter: row[1]))
                }
            }
            editedAfterDelete = heads.contains { $0.field != JournalOperation.deletedField && !seen.contains($0.id) }
        }
        let hidden = deleteWins && !editedAfterDelete
        let complete = kind.fields.allSatisfy { !$0.required || !(winners[$0.name] ?? .null).isNull }
        let visible = !hidden && complete
        let conflicted = editedAfterDelete || valuesByField.values.contains { $0.count > 1 }
        let date = kind.dateField.flatMap { winners[$0]?.text }

        try db.cachedStatement(sql: """
                INSERT INTO record (id, kind, date, deleted, conflicted, firstClock, lastClock)
                SELECT ?, ?, ?, ?, ?, min(clock), max(clock) FROM operation WHERE recordId = ?
                ON CONFLICT (id) DO UPDATE SET
                    date = excluded.date, deleted = excluded.deleted, conflicted = excluded.conflicted,
                    firstClock = excluded.firstClock, lastClock = excluded.lastClock
                """).execute(arguments: [record, kind.rawValue, date, !visible, conflicted, record])

        if visible {
            let fields = kind.fields
            let columns = (["id"] + fields.map(\.name)).joined(separator: ", ")
            let placeholders = Array(repeating: "?", count: fields.count + 1).joined(separator: ", ")
            var arguments: StatementArguments = [record]
            for field in fields {
                arguments += [(winners[field.name] ?? .null).databaseValue]
            }
            try db.cachedStatement(sql: "INSERT OR REPLACE INTO \(kind.tableName) (\(columns)) VALUES (\(placeholders))").execute(arguments: arguments)
        } else {
            try db.cachedStatement(sql: "DELETE FROM \(kind.tableName) WHERE id = ?").execute(arguments: [record])
        }
    }

    /// One head of one field, as stored in `fieldHead`.
    struct Head {
        let field: String
        let id: OperationID
        let clock: HLCTimestamp
        let value: FieldValue
        let isWinner: Bool

        static func fetchAll(record: String, in db: Database) throws -> [Head] {
            try Row.fetchAll(try db.cachedStatement(sql: """
                    SELECT field, deviceId, counter, clock, value, isWinner FROM fieldHead
                    WHERE recordId = ? ORDER BY field, clock DESC, deviceId DESC, counter DESC
                    """), arguments: [record]
            ).map { row in
                let json: String = row[4]
                guard let value = FieldValue(json: json) else {
                    throw JournalError.database("field value of record \(record) is not valid JSON")
                }
                return Head(
                    field: row[0], id: OperationID(device: row[1], counter: row[2]),
                    clock: HLCTimestamp(rawValue: row[3]), value: value, isWinner: row[5])
            }
        }
    }
}

extension FieldValue {
    /// The value for a column of a kind's table: decimal text lands in REAL columns through
    /// SQLite's type affinity; lists are stored as JSON text.
    var databaseValue: DatabaseValue {
        switch self {
        case .null: return .null
        case .bool(let value): return value.databaseValue
        case .integer(let value): return value.databaseValue
        case .text(let value): return value.databaseValue
        case .list: return json.databaseValue
        }
    }
}
