import GRDB
import Logging
import RemissionCore

extension Journal {
    /// The fixed id of the profile record, so that the profile is one record on every device.
    public static let profileID = "00000000-0000-4000-8000-000000000001"

    /// Writes local changes as operations, all in one transaction: either every change is
    /// recorded or none is.
    ///
    /// An update replaces every current value of the fields it sets, so editing a field that
    /// is in conflict settles the conflict.
    @discardableResult
    public func write(_ changes: [RecordChange]) throws -> [JournalOperation] {
        try writeTransaction { db in
            let identity = try Self.identity(db)
            var clock = HybridLogicalClock(last: identity.clock)
            var counter = identity.counter
            var operations: [JournalOperation] = []
            for change in changes {
                let writes = try Self.fieldWrites(for: change, in: db)
                counter += 1
                let operation = JournalOperation.written(
                    id: OperationID(device: identity.deviceID, counter: counter),
                    clock: clock.tick(now: wallClock()),
                    record: change.record, kind: change.kind, writes: writes)
                try MergeRule.apply(operation, body: OperationCodec.encode(operation), fromChain: true, in: db)
                operations.append(operation)
            }
            try db.cachedStatement(sql: "UPDATE journal SET counter = ?, clock = ? WHERE singleton = 1").execute(arguments: [counter, clock.last.rawValue])
            logger.debug("wrote operations", metadata: ["count": "\(operations.count)", "last": "\(counter)"])
            return operations
        }
    }

    private static func fieldWrites(for change: RecordChange, in db: Database) throws -> [FieldWrite] {
        let kind = change.kind
        let state = try RecordState.fetch(change.record, in: db)
        if let state, state.kind != kind {
            throw JournalError.invalidChange("record \(change.record) is a \(state.kind.rawValue) record, not \(kind.rawValue)")
        }
        for (name, value) in change.fields {
            guard let spec = kind.field(named: name) else {
                throw JournalError.invalidChange("a \(kind.rawValue) record has no field '\(name)'")
            }
            guard spec.accepts(value) else {
                throw JournalError.invalidChange("field '\(name)' of a \(kind.rawValue) record cannot be \(value.json)")
            }
        }

        switch change.action {
        case .create:
            if state != nil { throw JournalError.invalidChange("record \(change.record) exists already") }
            for spec in kind.fields where spec.required && (change.fields[spec.name] ?? .null).isNull {
                throw JournalError.invalidChange("a \(kind.rawValue) record needs '\(spec.name)'")
            }
            // Fields left empty are not written, except in a group that is: a group is
            // always written whole.
            var writes: [FieldWrite] = []
            for register in kind.registers {
                let values = register.allFields.map { ($0, change.fields[$0] ?? .null) }
                guard values.contains(where: { !$0.1.isNull }) else { continue }
                for (field, value) in values where register.isGroup || !value.isNull {
                    writes.append(FieldWrite(field: field, value: value, replaces: []))
                }
            }
            // An operation that writes nothing is one no other device accepts (`validate`).
            guard !writes.isEmpty else { throw JournalError.invalidChange("nothing to record") }
            return writes
        case .update:
            guard let state, state.visible || state.incomplete else {
                throw state == nil
                    ? JournalError.unknownRecord(change.record)
                    : JournalError.invalidChange("record \(change.record) is deleted; `remission restore` brings it back before it can be edited")
            }
            guard !change.fields.isEmpty, let merged = try MergeRule.merge(record: change.record, in: db) else {
                throw JournalError.invalidChange("nothing to change")
            }
            // Every register the change touches is written whole, as this device sees it now,
            // replacing all its heads (so editing a field in conflict settles the conflict).
            let current = merged.fields.merging(change.fields) { _, changed in changed }
            let derived = kind.derive(current) ?? [:]
            var writes: [FieldWrite] = []
            var touched: Set<String> = []
            for name in change.fields.keys.sorted() {
                guard let register = kind.register(of: name), touched.insert(register.name).inserted else { continue }
                let replaces = merged.registers.first { $0.group.name == register.name }?.heads.map(\.id) ?? []
                for field in register.fields {
                    writes.append(FieldWrite(field: field, value: current[field] ?? .null, replaces: replaces))
                }
                for field in register.derived {
                    writes.append(FieldWrite(field: field, value: derived[field] ?? current[field] ?? .null, replaces: replaces))
                }
            }
            return writes
        case .delete:
            guard let state, state.visible else {
                throw state == nil
                    ? JournalError.unknownRecord(change.record)
                    : JournalError.invalidChange("record \(change.record) is already deleted")
            }
            return [
                FieldWrite(
                    field: JournalOperation.deletedField, value: .bool(true),
                    replaces: try heads(of: change.record, register: nil, in: db))
            ]
        case .restore:
            // Also a record kept visible by an edit its delete had not seen: restoring it
            // keeps it and settles the flag.
            guard let state, state.deleteWins else {
                throw state == nil
                    ? JournalError.unknownRecord(change.record)
                    : JournalError.invalidChange("record \(change.record) is not deleted")
            }
            return [
                FieldWrite(
                    field: JournalOperation.deletedField, value: .bool(false),
                    replaces: try heads(of: change.record, register: JournalOperation.deletedField, in: db))
            ]
        }
    }

    /// The writes a new write of a register replaces: its current heads (the heads of every
    /// register for a delete, which must have seen everything it hides).
    private static func heads(of record: String, register: String?, in db: Database) throws -> [OperationID] {
        let rows: [Row]
        if let register {
            rows = try Row.fetchAll(
                try db.cachedStatement(sql: "SELECT DISTINCT deviceId, counter FROM fieldHead WHERE recordId = ? AND fieldGroup = ?"),
                arguments: [record, register])
        } else {
            rows = try Row.fetchAll(try db.cachedStatement(sql: "SELECT DISTINCT deviceId, counter FROM fieldHead WHERE recordId = ?"), arguments: [record])
        }
        return rows.map { OperationID(device: $0[0], counter: $0[1]) }
    }

    /// Applies operations written elsewhere (an import, another device), each validated
    /// first; all or nothing.
    ///
    /// - Returns: how many of them were new to this journal.
    /// - Parameter verify: runs on every record, deleted ones included, before the
    ///   transaction commits; throwing from it keeps nothing.
    @discardableResult
    public func apply(
        _ operations: [JournalOperation], deviceNames: [String: String] = [:],
        verify: (([RecordSnapshot]) throws -> Void)? = nil
    ) throws -> Int {
        for operation in operations { try Self.validate(operation) }
        return try writeTransaction { db in
            let applied = try applyOperations(operations, in: db)
            let identity = try Self.identity(db)
            for (device, name) in deviceNames where device != identity.deviceID {
                try db.cachedStatement(sql: "INSERT INTO device (id, name) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name").execute(
                    arguments: [device, name])
            }
            if let verify { try verify(try Self.records(.init(includeDeleted: true), in: db)) }
            return applied
        }
    }

    /// The one path for operations from elsewhere: the clock takes in their stamps, the
    /// merge rule applies them, and this device's counter stays ahead of its own.
    ///
    /// - Parameters:
    ///   - bodies: their text as it arrived (a segment's lines), stored as it is; when nil,
    ///     each is encoded here.
    ///   - chainDevice: the device whose own chain of segments carried them, if any: its
    ///     operations there are the true ones for their ids.
    func applyOperations(
        _ operations: [JournalOperation], bodies: [String]? = nil, chainDevice: String? = nil,
        in db: Database
    ) throws -> Int {
        let identity = try Self.identity(db)
        var clock = HybridLogicalClock(last: identity.clock)
        var counter = identity.counter
        var applied = 0
        let now = wallClock()
        // Every operation joins the log first; each record it touched is then merged once,
        // however many of the batch wrote to it.
        var touched: [String] = []
        var seen: Set<String> = []
        var decoded: [OperationID: (operation: JournalOperation, body: String)] = [:]
        var devices: Set<String> = []
        // Records the log held nothing of before this batch, with their operations: merged
        // from these alone (the common case of a pull: records written elsewhere).
        var fresh: [String: [JournalOperation]] = [:]
        for (index, operation) in operations.enumerated() {
            let trusted = clock.receive(operation.clock, now: now)
            if !trusted {
                logger.warning("operation stamped far ahead of this clock", metadata: ["operation": "\(operation.id)"])
            }
            let body = bodies?[index] ?? OperationCodec.encode(operation)
            decoded[operation.id] = (operation, body)
            let insertion = try MergeRule.insert(
                operation, body: body, clockAhead: !trusted,
                fromChain: operation.id.device == chainDevice, in: db)
            if !insertion.records.isEmpty {
                applied += 1
                devices.insert(operation.id.device)
            }
            if insertion.replacedBody {
                // A body replaced by another of the same id: read those records back from the log.
                for record in insertion.records { fresh[record] = nil }
            } else if !insertion.records.isEmpty,
                fresh[operation.record] != nil || insertion.firstOfRecord && !seen.contains(operation.record)
            {
                fresh[operation.record, default: []].append(operation)
            }
            for record in insertion.records where seen.insert(record).inserted { touched.append(record) }
            // This device's own operations restored from a backup: never reuse their counters.
            if operation.id.device == identity.deviceID { counter = max(counter, operation.id.counter) }  // ≤ Limits.counter
        }
        // In id order: the derived tables are keyed by record id, so a pull's thousands of
        // records (random UUIDs) then fill each B-tree page once, instead of evicting and
        // reading back pages the page cache cannot hold all at once.
        for record in touched.sorted() {
            try MergeRule.materialize(record: record, decoded: decoded, only: fresh[record], in: db)
        }
        for device in devices { try MergeRule.knowDevice(device, in: db) }
        try db.cachedStatement(sql: "UPDATE journal SET counter = ?, clock = ? WHERE singleton = 1")
            .execute(arguments: [counter, clock.last.rawValue])
        return applied
    }

    /// Limits every operation from elsewhere must keep, whoever sealed it: what a person can
    /// type here, and what a journal can hold for years (Schema/sync-format.md).
    public enum Limits {
        /// The longest text a field may hold: the note limit of every command.
        public static let text = EntryText.maximumNoteLength
        /// Items of a list (tags), and characters of each.
        public static let listItems = 100
        public static let listItemLength = 200
        /// Writes in one operation, and operations one write may name as replaced.
        public static let writes = 64
        public static let replaces = 1000
        /// The greatest counter a device may use: far beyond any journal, and far from
        /// overflowing when this device counts on from an imported backup of its own.
        public static let counter: Int64 = 1 << 53
        /// Clock stamps from 1970 up to the year 9999, in milliseconds.
        public static let physical: ClosedRange<Int64> = 0...253_402_300_799_999
    }

    /// Checks an operation from outside against the record kinds and ``Limits``, so that
    /// nothing malformed reaches the log.
    ///
    /// - Returns: the fields it writes that this version does not know. A newer version wrote
    ///   them: they are kept in the log and carried on, and change nothing here.
    @discardableResult
    static func validate(_ operation: JournalOperation) throws -> [String] {
        let id = operation.id
        guard (1...Limits.counter).contains(id.counter) else {
            throw JournalError.invalidOperation(id, reason: "its counter is beyond \(Limits.counter)")
        }
        guard !id.device.isEmpty, id.device.count <= 64 else {
            throw JournalError.invalidOperation(id, reason: "its device id is empty or too long")
        }
        guard Limits.physical.contains(operation.clock.physical) else {
            throw JournalError.invalidOperation(id, reason: "its clock stamp is not between 1970 and 9999")
        }
        guard !operation.recordWrites.isEmpty else { throw JournalError.invalidOperation(id, reason: "it writes no field") }
        guard operation.writes.count <= Limits.writes else {
            throw JournalError.invalidOperation(id, reason: "it writes \(operation.writes.count) fields, more than \(Limits.writes)")
        }
        guard !operation.record.isEmpty, operation.record.count <= 64 else {
            throw JournalError.invalidOperation(id, reason: "its record id is empty or too long")
        }
        var seen: Set<String> = []
        var unknown: [String] = []
        for write in operation.writes {
            guard seen.insert(write.field).inserted else {
                throw JournalError.invalidOperation(id, reason: "it writes '\(write.field)' twice")
            }
            guard write.replaces.count <= Limits.replaces else {
                throw JournalError.invalidOperation(id, reason: "its write of '\(write.field)' names more than \(Limits.replaces) writes it replaced")
            }
            try checkSize(write.value, field: write.field, of: id)
            if write.field == JournalOperation.deletedField {
                guard write.value.bool != nil else {
                    throw JournalError.invalidOperation(id, reason: "'deleted' must be true or false")
                }
                continue
            }
            if write.field == JournalOperation.mergeRuleField {
                guard let version = write.value.integer, version >= 2 else {
                    throw JournalError.invalidOperation(id, reason: "'mergeRule' must be a version number from 2")
                }
                guard version <= JournalOperation.mergeRuleVersion else {
                    throw JournalError.invalidOperation(
                        id,
                        reason: "it follows merge rule \(version), newer than this version of remission (\(JournalOperation.mergeRuleVersion)); "
                            + "update remission on this device")
                }
                continue
            }
            guard let spec = operation.kind.field(named: write.field) else {
                // A field of a newer version: carried, never applied. A name must still be a name.
                guard write.field.count <= 64, let first = write.field.unicodeScalars.first, ("a"..."z").contains(first),
                    write.field.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) })
                else {
                    throw JournalError.invalidOperation(id, reason: "'\(write.field.prefix(64))' is not a field name")
                }
                unknown.append(write.field)
                continue
            }
            // A required field may be absent from an edit, but never set to nothing.
            guard spec.accepts(write.value) else {
                throw JournalError.invalidOperation(id, reason: "field '\(write.field)' cannot be \(write.value.json.prefix(80))")
            }
        }
        return unknown
    }

    private static func checkSize(_ value: FieldValue, field: String, of id: OperationID) throws {
        switch value {
        case .text(let text) where text.count > Limits.text:
            throw JournalError.invalidOperation(id, reason: "'\(field)' holds \(text.count) characters, more than \(Limits.text)")
        case .list(let items) where items.count > Limits.listItems || items.contains { $0.count > Limits.listItemLength }:
            throw JournalError.invalidOperation(
                id, reason: "'\(field)' is a list of more than \(Limits.listItems) items or of items over \(Limits.listItemLength) characters")
        default:
            return
        }
    }
}

/// What the `record` table says about one record.
struct RecordState {
    let kind: RecordKind
    let hidden: Bool
    let deleteWins: Bool

    var visible: Bool { !hidden }
    var deleted: Bool { hidden && deleteWins }
    var incomplete: Bool { hidden && !deleteWins }

    static func fetch(_ id: String, in db: Database) throws -> RecordState? {
        guard
            let row = try Row.fetchOne(
                try db.cachedStatement(
                    sql: """
                        SELECT kind, deleted,
                            EXISTS (SELECT 1 FROM fieldHead WHERE recordId = record.id AND field = 'deleted'
                                    AND isWinner = 1 AND value = 'true')
                        FROM record WHERE id = ?
                        """), arguments: [id])
        else { return nil }
        guard let kind = RecordKind(rawValue: row[0]) else {
            throw JournalError.database("record \(id) has an unknown kind")
        }
        return RecordState(kind: kind, hidden: row[1], deleteWins: row[2])
    }
}
