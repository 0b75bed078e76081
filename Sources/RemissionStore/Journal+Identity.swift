import GRDB
import RemissionCore

extension Journal {
    /// Gives this device a new identity, for a journal file that was copied to a second
    /// machine: both copies wrote under one device id, which sync detects.
    ///
    /// Operations already on the remote (up to `confirmedCounter`) stay under the old id;
    /// they are shared history of both copies. The later ones, never synced, are rewritten
    /// under the new id in their order, with what they replaced renamed alike, and the
    /// derived tables are rebuilt from the log: the journal reads exactly as before.
    ///
    /// - Returns: the old and new device ids and how many operations moved.
    public func giveNewDeviceIdentity(confirmedCounter: Int64) throws -> (old: String, new: String, moved: Int) {
        try writeTransaction { db in
            let identity = try Self.identity(db)
            let old = identity.deviceID
            let new = newRecordID()
            let bodies = try String.fetchAll(
                db, sql: "SELECT body FROM operation WHERE deviceId = ? AND counter > ? ORDER BY counter",
                arguments: [old, confirmedCounter])
            var renamed: [OperationID: OperationID] = [:]
            var rewritten: [JournalOperation] = []
            for (index, body) in bodies.enumerated() {
                let operation = try OperationCodec.decode(body)
                let id = OperationID(device: new, counter: Int64(index + 1))
                renamed[operation.id] = id
                rewritten.append(
                    JournalOperation(
                        id: id, clock: operation.clock, record: operation.record, kind: operation.kind,
                        writes: operation.writes.map { write in
                            FieldWrite(field: write.field, value: write.value, replaces: write.replaces.map { renamed[$0] ?? $0 })
                        }))
            }
            try db.execute(
                sql: "DELETE FROM operation WHERE deviceId = ? AND counter > ?", arguments: [old, confirmedCounter])
            for operation in rewritten {
                try db.execute(
                    sql: """
                        INSERT INTO operation (deviceId, counter, clock, recordId, kind, body)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        operation.id.device, operation.id.counter, operation.clock.rawValue, operation.record,
                        operation.kind.rawValue, OperationCodec.encode(operation)
                    ])
            }
            try MergeRule.rebuild(in: db)
            try db.execute(sql: "INSERT INTO device (id, name) VALUES (?, ?)", arguments: [new, identity.deviceName])
            try db.execute(
                sql: "UPDATE journal SET deviceId = ?, counter = ? WHERE singleton = 1",
                arguments: [new, rewritten.count])
            // Segments sealed under the old identity are never sent.
            try db.execute(sql: "DELETE FROM outbox")
            return (old, new, rewritten.count)
        }
    }
}
