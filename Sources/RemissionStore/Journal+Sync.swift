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

    /// What the next segment of this device holds, planned in one read transaction: its place
    /// in the chain, the version vector, its own operations after the last pushed one, the
    /// operations it relays, and the names it speaks for. Nil when there is nothing to push.
    public struct SegmentPlan: Sendable {
        public let device: String
        public let deviceName: String
        public let journalID: String
        public let sequence: Int64
        public let previous: String
        public let vector: [String: Int64]
        public let bodies: [String]
        /// The last of its own counters the segment holds.
        public let lastOwnCounter: Int64
        /// For each relayed device, the highest of its counters the segment carries.
        public let relayedHighWater: [String: Int64]
        public let relayedNames: [String: String]
    }

    public func planSegment(remote: String, limit: Int) throws -> SegmentPlan? {
        try read { db in
            let identity = try Self.identity(db)
            let positions = try Self.chainPositions(remote: remote, in: db)
            let own = positions[identity.deviceID] ?? ChainPosition()
            let ownBodies = try Row.fetchAll(
                db, sql: "SELECT counter, body FROM operation WHERE deviceId = ? AND counter > ? ORDER BY counter LIMIT ?",
                arguments: [identity.deviceID, own.counter, limit]
            ).map { (counter: $0[0] as Int64, body: $0[1] as String) }
            let relayed =
                ownBodies.count < limit
                ? try Self.operationsToRelay(remote: remote, own: identity.deviceID, limit: limit - ownBodies.count, in: db) : []
            guard !ownBodies.isEmpty || !relayed.isEmpty else { return nil }
            var vector: [String: Int64] = [:]
            for (device, position) in positions where device != identity.deviceID { vector[device] = position.sequence }
            var highWater: [String: Int64] = [:]
            for operation in relayed { highWater[operation.device] = max(highWater[operation.device] ?? 0, operation.counter) }
            var names: [String: String] = [:]
            if !highWater.isEmpty {
                for row in try Row.fetchAll(db, sql: "SELECT id, name FROM device") where highWater[row[0]] != nil {
                    names[row[0]] = row[1]
                }
                for device in highWater.keys where names[device] == nil { names[device] = device }
            }
            return SegmentPlan(
                device: identity.deviceID, deviceName: identity.deviceName, journalID: identity.journalID,
                sequence: own.sequence + 1, previous: own.hash, vector: vector,
                bodies: ownBodies.map(\.body) + relayed.map(\.body), lastOwnCounter: ownBodies.last?.counter ?? own.counter,
                relayedHighWater: highWater, relayedNames: names)
        }
    }

    /// Operations of devices that have no chain of their own on this remote (an imported
    /// backup, a device that never synced) and that no segment has carried yet: this device
    /// relays them, so that they reach every device too.
    static func operationsToRelay(remote: String, own: String, limit: Int, in db: Database) throws -> [(device: String, counter: Int64, body: String)] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT o.deviceId, o.counter, o.body FROM operation o
                WHERE o.deviceId != ? AND NOT EXISTS (
                    SELECT 1 FROM remoteDevice r
                    WHERE r.remoteName = ? AND r.deviceId = o.deviceId AND (r.sequence > 0 OR r.counter >= o.counter))
                ORDER BY o.deviceId, o.counter LIMIT ?
                """,
            arguments: [own, remote, limit]
        ).map { ($0[0], $0[1], $0[2]) }
    }

    /// Records that a segment on the remote carries these devices' operations up to these
    /// counters, so that nobody relays them again.
    static func noteRelayed(_ operations: [JournalOperation], except device: String, remote: String, in db: Database) throws {
        var highest: [String: Int64] = [:]
        for operation in operations where operation.id.device != device {
            highest[operation.id.device] = max(highest[operation.id.device] ?? 0, operation.id.counter)
        }
        try noteRelayed(highest, remote: remote, in: db)
    }

    static func noteRelayed(_ highest: [String: Int64], remote: String, in db: Database) throws {
        for (relayed, counter) in highest {
            try db.execute(
                sql: """
                    INSERT INTO remoteDevice (remoteName, deviceId, counter) VALUES (?, ?, ?)
                    ON CONFLICT (remoteName, deviceId) DO UPDATE SET counter = max(remoteDevice.counter, excluded.counter)
                    """,
                arguments: [remote, relayed, counter])
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

    /// Forgets a staged segment that will not be sent (its place holds this device's own).
    public func discardOutbox(remote: String, sequence: Int64) throws {
        try writeTransaction { db in
            try db.execute(sql: "DELETE FROM outbox WHERE remoteName = ? AND sequence = ?", arguments: [remote, sequence])
        }
    }

    /// The stored text of an operation, if this journal holds it.
    public func operationBody(_ id: OperationID) throws -> String? {
        try read { db in
            try String.fetchOne(db, sql: "SELECT body FROM operation WHERE deviceId = ? AND counter = ?", arguments: [id.device, id.counter])
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
    public func confirmPush(remote: String, sequence: Int64, hash: String, counter: Int64, operations: [JournalOperation] = []) throws {
        var highWater: [String: Int64] = [:]
        for operation in operations { highWater[operation.id.device] = max(highWater[operation.id.device] ?? 0, operation.id.counter) }
        try confirmPush(remote: remote, sequence: sequence, hash: hash, counter: counter, relayedHighWater: highWater)
    }

    /// The same, with the relayed high-water marks the plan of the segment already knows.
    public func confirmPush(remote: String, sequence: Int64, hash: String, counter: Int64, relayedHighWater: [String: Int64]) throws {
        try writeTransaction { db in
            let device = try Self.identity(db).deviceID
            try Self.noteRelayed(relayedHighWater.filter { $0.key != device }, remote: remote, in: db)
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
    /// - Parameter bodies: the operations' text as the segment carries it, kept as it is.
    /// - Returns: how many operations were new here.
    @discardableResult
    public func applySegment(
        remote: String, device: String, deviceName: String, sequence: Int64, hash: String,
        operations: [JournalOperation], bodies: [String]? = nil, relayedNames: [String: String] = [:]
    ) throws -> Int {
        precondition(bodies == nil || bodies?.count == operations.count, "one body per operation")
        for operation in operations { try Self.validate(operation) }
        return try writeTransaction { db in
            let position = try Self.chainPositions(remote: remote, in: db)[device] ?? ChainPosition()
            // Another sync of this journal got here first: nothing to do.
            guard position.sequence == sequence - 1 else { return 0 }
            // Nobody else writes as this device: not even a relay of what it wrote.
            let own = try Self.identity(db).deviceID
            if let claimed = operations.first(where: { $0.id.device == own }) {
                throw JournalError.invalidOperation(claimed.id, reason: "it claims this device's own id; another device cannot write as this one")
            }
            let applied = try applyOperations(operations, bodies: bodies, chainDevice: device, in: db)
            try Self.moveChain(remote: remote, device: device, sequence: sequence, hash: hash, counter: 0, in: db)
            try Self.noteRelayed(operations, except: device, remote: remote, in: db)
            // A segment names its own device, and the devices it relays that have no chain of
            // their own here: it may not rename any other.
            let relayed = Set(operations.map(\.id.device)).subtracting([device, own])
            let chains = try Self.chainPositions(remote: remote, in: db).filter { $0.value.sequence > 0 }
            let names = relayedNames.filter { relayed.contains($0.key) && chains[$0.key] == nil }
            for (id, name) in names.merging([device: deviceName], uniquingKeysWith: { $1 }) where id != own {
                try db.execute(
                    sql: "INSERT INTO device (id, name) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name",
                    arguments: [id, name])
            }
            return applied
        }
    }

    /// Operation ids that arrived with two different bodies, and which one was kept.
    public func operationClashes() throws -> [(id: OperationID, keptFromChain: Bool)] {
        try read { db in try Self.operationClashes(in: db) }
    }

    static func operationClashes(in db: Database) throws -> [(id: OperationID, keptFromChain: Bool)] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT c.deviceId, c.counter, coalesce(o.fromChain, 0) FROM operationClash c
                LEFT JOIN operation o ON o.deviceId = c.deviceId AND o.counter = c.counter
                GROUP BY c.deviceId, c.counter ORDER BY c.deviceId, c.counter
                """
        ).map { (OperationID(device: $0[0], counter: $0[1]), $0[2]) }
    }

    /// The number of records with an open conflict.
    public func conflictCount() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM record WHERE conflicted = 1") ?? 0 }
    }
}
