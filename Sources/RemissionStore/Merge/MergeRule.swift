import Crypto
import GRDB
import RemissionCore

/// The merge rule (DESIGN.md §5, Schema/merge-rule.md): every *register* of every record is a
/// multi-value register, and a register is a field group (``FieldGroup``): the fields a
/// person enters together, such as a lab result's analyte, value, qualifier, unit and range.
///
/// - A write of a register names the writes of it that its writer had seen; a replaced write
///   never counts again, whatever the clocks say, so a device with a clock a year ahead cannot
///   beat an edit made after seeing its write.
/// - Every write of a group carries the whole group as its writer saw it. A write from a
///   version before groups that carries part of one is completed from the write it was made
///   on top of (``RecordMerge``), so old logs merge to whole groups too.
/// - The writes nobody replaced are the register's *heads*. Of several (edits made
///   concurrently on different devices), the one with the greatest (clock, device id,
///   counter) is the value; the others are one open conflict of whole alternatives.
/// - Derived fields (a canonical value, a dose's amount) are computed from the winning group,
///   never merged on their own, so a record always shows a result somebody entered.
/// - A delete is the register `deleted = true`, and it names every write of the record it had
///   seen. If the record has a head the delete had not seen (an edit made elsewhere
///   meanwhile), the record stays visible and flagged instead of silently vanishing.
///
/// A record's state is a function of the *set* of its operations, so applying them in any
/// order, or twice, gives the same journal on every device.
enum MergeRule {
    /// Applies one operation to the log and the derived tables.
    ///
    /// - Returns: false when the operation was already in the log (nothing changes).
    @discardableResult
    static func apply(
        _ operation: JournalOperation, body: String, clockAhead: Bool = false, fromChain: Bool = false,
        in db: Database
    ) throws -> Bool {
        let touched = try insert(operation, body: body, clockAhead: clockAhead, fromChain: fromChain, in: db).records
        for record in touched { try materialize(record: record, in: db) }
        if !touched.isEmpty { try knowDevice(operation.id.device, in: db) }
        return !touched.isEmpty
    }

    /// Adds an operation to the log only; the caller materializes the records it returns
    /// afterwards (``materialize(record:in:)``), once for all the operations of a batch, and
    /// knows their devices (``knowDevice(_:in:)``).
    ///
    /// - Parameter fromChain: it arrived in its own device's chain of segments, or was written
    ///   here: its body is the true one for its id.
    /// - Returns: the records whose operations changed: none when the operation was already in
    ///   the log; two when a body of the same id was replaced by this one.
    static func insert(
        _ operation: JournalOperation, body: String, clockAhead: Bool = false, fromChain: Bool = false,
        in db: Database
    ) throws -> Insertion {
        let id = operation.id
        // Most operations are new here: added at once; the kind is checked after (a refusal
        // throws, and the caller's transaction keeps nothing).
        try db.cachedStatement(
            sql: """
                INSERT INTO operation (deviceId, counter, clock, recordId, kind, body, clockAhead, fromChain)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (deviceId, counter) DO NOTHING
                """
        ).run(binding: [
            id.device.databaseValue, id.counter.databaseValue, operation.clock.rawValue.databaseValue, operation.record.databaseValue,
            operation.kind.rawValue.databaseValue, body.databaseValue, clockAhead.databaseValue, fromChain.databaseValue
        ])
        if db.changesCount == 1 {
            let known = try checkKind(operation, in: db, ignoring: id)
            return Insertion(records: [operation.record], firstOfRecord: !known, replacedBody: false)
        }
        if let held = try Row.fetchOne(
            try db.cachedStatement(sql: "SELECT body, fromChain, recordId FROM operation WHERE deviceId = ? AND counter = ?"),
            arguments: [id.device, id.counter])
        {
            let heldBody: String = held[0]
            guard heldBody != body else {
                if fromChain {
                    try db.cachedStatement(sql: "UPDATE operation SET fromChain = 1 WHERE deviceId = ? AND counter = ?").execute(arguments: [
                        id.device, id.counter
                    ])
                }
                return Insertion(records: [], firstOfRecord: false, replacedBody: false)
            }
            // The same id with another body: one of them is forged, or a device was cloned.
            let heldFromChain: Bool = held[1]
            let keepNew =
                fromChain && !heldFromChain
                || (!fromChain && !heldFromChain && BodyHash.hex(body) < BodyHash.hex(heldBody))
            try db.cachedStatement(
                sql: """
                    INSERT OR IGNORE INTO operationClash (deviceId, counter, body, keptBody, detectedAt) VALUES (?, ?, ?, ?, ?)
                    """
            ).execute(arguments: [
                id.device, id.counter, keepNew ? heldBody : body, keepNew ? body : heldBody,
                HLCTimestamp(physical: Journal.systemClock(), logical: 0).iso8601
            ])
            guard keepNew else { return Insertion(records: [], firstOfRecord: false, replacedBody: false) }
            try checkKind(operation, in: db, ignoring: id)
            try db.cachedStatement(
                sql: """
                    UPDATE operation SET clock = ?, recordId = ?, kind = ?, body = ?, clockAhead = ?, fromChain = ?
                    WHERE deviceId = ? AND counter = ?
                    """
            ).execute(arguments: [
                operation.clock.rawValue, operation.record, operation.kind.rawValue, body,
                clockAhead, fromChain, id.device, id.counter
            ])
            let heldRecord: String = held[2]
            return Insertion(
                records: heldRecord == operation.record ? [heldRecord] : [heldRecord, operation.record],
                firstOfRecord: false, replacedBody: true)
        }
        throw JournalError.database("operation \(id) is neither new nor held")
    }

    /// What ``insert(_:body:clockAhead:fromChain:in:)`` changed.
    struct Insertion {
        /// The records whose operations changed.
        let records: [String]
        /// The operation is the first the log holds for its record: a batch that finds this
        /// merges the record from its own operations without reading the log back.
        let firstOfRecord: Bool
        /// It replaced another body of the same id, held before.
        let replacedBody: Bool
    }

    /// Gives a device that wrote to the log a row of its own, named by its id until one of
    /// its segments names it.
    static func knowDevice(_ device: String, in db: Database) throws {
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO device (id, name) VALUES (?, ?)")
            .execute(arguments: [device, "device " + String(device.prefix(8))])
    }

    /// A record has one kind: an operation that says otherwise is refused.
    ///
    /// - Returns: whether the log holds another operation of the record.
    @discardableResult
    private static func checkKind(_ operation: JournalOperation, in db: Database, ignoring id: OperationID?) throws -> Bool {
        let kind = try db.cachedStatement(sql: "SELECT kind FROM operation WHERE recordId = ? AND NOT (deviceId = ? AND counter = ?) LIMIT 1")
            .firstText(binding: [operation.record.databaseValue, (id?.device ?? "").databaseValue, (id?.counter ?? 0).databaseValue])
        if let kind, kind != operation.kind.rawValue {
            throw JournalError.invalidOperation(
                operation.id, reason: "record \(operation.record) is a \(kind) record, the operation says \(operation.kind.rawValue)")
        }
        return kind != nil
    }

    /// The tables derived from the log, in an order that respects their foreign keys.
    static let derivedTables = RecordKind.allCases.map(\.tableName) + ["fieldHead", "record"]

    /// Rebuilds every derived table from the log alone.
    static func rebuild(in db: Database) throws {
        for table in derivedTables {
            try db.execute(sql: "DELETE FROM \(table)")
        }
        let records = try String.fetchCursor(db, sql: "SELECT DISTINCT recordId FROM operation ORDER BY recordId")
        while let record = try records.next() {
            try materialize(record: record, in: db)
        }
    }

    /// The merged state of a record from its operations in the log.
    ///
    /// - Parameter decoded: operations already decoded (a batch being applied), by id: their
    ///   stored text is not decoded again when it is the same.
    static func merge(
        record: String, decoded: [OperationID: (operation: JournalOperation, body: String)] = [:],
        in db: Database
    ) throws -> RecordMerge? {
        let rows = try Row.fetchAll(
            try db.cachedStatement(sql: "SELECT deviceId, counter, body FROM operation WHERE recordId = ?"), arguments: [record])
        guard !rows.isEmpty else { return nil }
        let operations = try rows.map { row -> JournalOperation in
            let body: String = row[2]
            if let known = decoded[OperationID(device: row[0], counter: row[1])], known.body == body { return known.operation }
            return try OperationCodec.decode(body)
        }
        return RecordMerge(kind: operations[0].kind, operations: operations)
    }

    /// Rewrites the record's row, its heads and its kind's table from its operations.
    ///
    /// - Parameter only: every operation the log holds for the record, when the caller knows
    ///   them all (a record new in this batch): the log is not read back, and there is no
    ///   earlier state to remove.
    static func materialize(
        record: String, decoded: [OperationID: (operation: JournalOperation, body: String)] = [:],
        only operations: [JournalOperation]? = nil, in db: Database
    ) throws {
        let merged =
            if let operations, let first = operations.first {
                RecordMerge(kind: first.kind, operations: operations)
            } else {
                try merge(record: record, decoded: decoded, in: db)
            }
        guard let merged else {
            // Its only operation turned out to be a forged body of another's id: no record.
            if let kind = try String.fetchOne(db, sql: "SELECT kind FROM record WHERE id = ?", arguments: [record]).flatMap(RecordKind.init(rawValue:)) {
                try db.execute(sql: "DELETE FROM \(kind.tableName) WHERE id = ?", arguments: [record])
            }
            try db.execute(sql: "DELETE FROM fieldHead WHERE recordId = ?", arguments: [record])
            try db.execute(sql: "DELETE FROM record WHERE id = ?", arguments: [record])
            return
        }
        let kind = merged.kind
        let date = kind.dateField.flatMap { merged.fields[$0]?.text }
        try db.cachedStatement(
            sql: """
                INSERT INTO record (id, kind, date, deleted, conflicted, firstClock, lastClock)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET
                    date = excluded.date, deleted = excluded.deleted, conflicted = excluded.conflicted,
                    firstClock = excluded.firstClock, lastClock = excluded.lastClock
                """
        ).run(binding: [
            record.databaseValue, kind.rawValue.databaseValue, date.databaseValue, (!merged.visible).databaseValue,
            merged.conflicted.databaseValue, merged.firstClock.rawValue.databaseValue, merged.lastClock.rawValue.databaseValue
        ])

        if operations == nil {
            try db.cachedStatement(sql: "DELETE FROM fieldHead WHERE recordId = ?").execute(arguments: [record])
        }
        let insertHead = try db.cachedStatement(
            sql: """
                INSERT INTO fieldHead (recordId, fieldGroup, field, deviceId, counter, clock, value, isWinner)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
        let recordValue = record.databaseValue
        for register in merged.registers {
            let group = register.group.name.databaseValue
            for (index, head) in register.heads.enumerated() {
                let (device, counter, clock) = (head.id.device.databaseValue, head.id.counter.databaseValue, head.clock.rawValue.databaseValue)
                for field in register.group.allFields {
                    // The winner's derived fields are the computed ones the record shows.
                    let value = index == 0 ? merged.fields[field] ?? head.values[field] ?? .null : head.values[field] ?? .null
                    try insertHead.run(binding: [
                        recordValue, group, field.databaseValue, device, counter, clock, value.json.databaseValue, (index == 0).databaseValue
                    ])
                }
            }
        }

        if merged.visible {
            var values: [DatabaseValue] = [recordValue]
            for field in kind.fields {
                values.append((merged.fields[field.name] ?? .null).databaseValue)
            }
            try db.cachedStatement(sql: KindRows.insert[kind]!).run(binding: values)
        } else if operations == nil {
            try db.cachedStatement(sql: "DELETE FROM \(kind.tableName) WHERE id = ?").execute(arguments: [record])
        }
    }
}

/// The SQL that writes a visible record's row in its kind's table, written once per kind.
private enum KindRows {
    static let insert: [RecordKind: String] = Dictionary(
        uniqueKeysWithValues: RecordKind.allCases.map { kind in
            let columns = (["id"] + kind.fields.map(\.name)).joined(separator: ", ")
            let placeholders = Array(repeating: "?", count: kind.fields.count + 1).joined(separator: ", ")
            return (kind, "INSERT OR REPLACE INTO \(kind.tableName) (\(columns)) VALUES (\(placeholders))")
        })
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

/// SHA-256 in lower-case hex, to order two bodies of one operation id the same way everywhere.
enum BodyHash {
    static func hex(_ text: String) -> String { SHA256.hash(data: Array(text.utf8)).lowercaseHex }
}
