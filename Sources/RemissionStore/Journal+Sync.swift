import Foundation
import GRDB
import RemissionCore

/// What the sync engine keeps in the journal: remotes, chain positions, the outbox. The
/// engine decides; these only read and write, each in one transaction.
extension Journal {
    public struct RemoteRecord: Sendable, Hashable {
        public let name: String
        public let url: String
        public let journalKey: Data?
    }

    /// How far one device's chain is applied (or, for this device, confirmed on the remote).
    public struct ChainPosition: Sendable, Hashable {
        public var sequence: Int64 = 0
        public var hash: String = ""
        public var counter: Int64 = 0
        public var segmentCount: Int64 = 0
        public var lastSeen: String?

        public init() {}

        init(sequence: Int64, hash: String, counter: Int64, segmentCount: Int64, lastSeen: String?) {
            self.sequence = sequence
            self.hash = hash
            self.counter = counter
            self.segmentCount = segmentCount
            self.lastSeen = lastSeen
        }
    }

    public func addRemote(name: String, url: String) throws {
        try writeTransaction { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM remote WHERE name = ?", arguments: [name]) != nil {
                throw JournalError.invalidChange("a remote named '\(name)' exists already; `remission remote list` shows the remotes")
            }
            try db.execute(
                sql: "INSERT INTO remote (name, url, addedAt) VALUES (?, ?, ?)",
                arguments: [name, url, HLCTimestamp(physical: wallClock(), logical: 0).iso8601])
        }
    }

    public func removeRemote(name: String) throws {
        try writeTransaction { db in
            try db.execute(sql: "DELETE FROM remote WHERE name = ?", arguments: [name])
            guard db.changesCount > 0 else {
                throw JournalError.invalidChange("no remote named '\(name)'; `remission remote list` shows the remotes")
            }
        }
    }

    public func remotes() throws -> [RemoteRecord] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT name, url, journalKey FROM remote ORDER BY name").map {
                RemoteRecord(name: $0[0], url: $0[1], journalKey: $0[2])
            }
        }
    }

    public func setJournalKey(remote: String, key: Data) throws {
        try writeTransaction { db in
            try db.execute(sql: "UPDATE remote SET journalKey = ? WHERE name = ?", arguments: [key, remote])
        }
    }

    public func chainPositions(remote: String) throws -> [String: ChainPosition] {
        try read { db in try Self.chainPositions(remote: remote, in: db) }
    }

    static func chainPositions(remote: String, in db: Database) throws -> [String: ChainPosition] {
        var positions: [String: ChainPosition] = [:]
        for row in try Row.fetchAll(
            db,
            sql: "SELECT deviceId, sequence, hash, counter, segmentCount, lastSeen FROM remoteDevice WHERE remoteName = ?",
            arguments: [remote])
        {
            positions[row[0]] = ChainPosition(
                sequence: row[1], hash: row[2], counter: row[3], segmentCount: row[4], lastSeen: row[5])
        }
        return positions
    }

    /// This device's operations after `counter`, as stored (canonical JSON), oldest first.
    public func ownOperationBodies(after counter: Int64, limit: Int) throws -> [(counter: Int64, body: String)] {
        try read { db in
            let device = try Self.identity(db).deviceID
            return try Row.fetchAll(
                db,
                sql: "SELECT counter, body FROM operation WHERE deviceId = ? AND counter > ? ORDER BY counter LIMIT ?",
                arguments: [device, counter, limit]
            ).map { ($0[0], $0[1]) }
        }
    }

    public struct OutboxEntry: Sendable {
        public let sequence: Int64
        public let counter: Int64
        public let bytes: Data

        public init(sequence: Int64, counter: Int64, bytes: Data) {
            self.sequence = sequence
            self.counter = counter
            self.bytes = bytes
        }
    }

    public func outbox(remote: String) throws -> OutboxEntry? {
        try read { db in
            try Row.fetchOne(
                db, sql: "SELECT sequence, counter, bytes FROM outbox WHERE remoteName = ? ORDER BY sequence LIMIT 1",
                arguments: [remote]
            ).map { OutboxEntry(sequence: $0[0], counter: $0[1], bytes: $0[2]) }
        }
    }

    public func stageOutbox(remote: String, _ entry: OutboxEntry) throws {
        try writeTransaction { db in
            try db.execute(
                sql: "INSERT INTO outbox (remoteName, sequence, counter, bytes) VALUES (?, ?, ?, ?)",
                arguments: [remote, entry.sequence, entry.counter, entry.bytes])
        }
    }

    /// The remote holds the segment: forget the outbox copy and move this device's position.
    public func confirmPush(remote: String, sequence: Int64, hash: String, counter: Int64) throws {
        try writeTransaction { db in
            let device = try Self.identity(db).deviceID
            try db.execute(sql: "DELETE FROM outbox WHERE remoteName = ? AND sequence = ?", arguments: [remote, sequence])
            try Self.moveChain(remote: remote, device: device, sequence: sequence, hash: hash, counter: counter, in: db)
        }
    }

    private static func moveChain(remote: String, device: String, sequence: Int64, hash: String, counter: Int64, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO remoteDevice (remoteName, deviceId, sequence, hash, counter, segmentCount, lastSeen)
                VALUES (?, ?, ?, ?, ?, 1, ?)
                ON CONFLICT (remoteName, deviceId) DO UPDATE SET
                    sequence = excluded.sequence, hash = excluded.hash,
                    counter = max(remoteDevice.counter, excluded.counter),
                    segmentCount = remoteDevice.segmentCount + 1, lastSeen = excluded.lastSeen
                """,
            arguments: [remote, device, sequence, hash, counter, HLCTimestamp(physical: Journal.systemClock(), logical: 0).iso8601])
    }

    /// Applies one verified segment of another device and moves its chain position, in one
    /// transaction: a sync killed at any point applies a segment entirely or not at all.
    ///
    /// - Returns: how many operations were new here.
    @discardableResult
    public func applySegment(
        remote: String, device: String, deviceName: String, sequence: Int64, hash: String,
        operations: [JournalOperation]
    ) throws -> Int {
        for operation in operations { try Self.validate(operation) }
        return try writeTransaction { db in
            let position = try Self.chainPositions(remote: remote, in: db)[device] ?? ChainPosition()
            // Another sync of this journal got here first: nothing to do.
            guard position.sequence == sequence - 1 else { return 0 }
            let applied = try applyOperations(operations, in: db)
            try Self.moveChain(remote: remote, device: device, sequence: sequence, hash: hash, counter: 0, in: db)
            try db.execute(
                sql: "INSERT INTO device (id, name) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name",
                arguments: [device, deviceName])
            return applied
        }
    }

    /// The number of records with an open conflict.
    public func conflictCount() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM record WHERE conflicted = 1") ?? 0 }
    }
}
