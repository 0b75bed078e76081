import GRDB
import RemissionCore

extension Journal {
    /// Filters for ``records(_:)``.
    public struct RecordQuery: Sendable, Hashable {
        public var kind: RecordKind?
        /// From this date on; medication periods that are still taken on it count too.
        public var since: CalendarDate?
        public var until: CalendarDate?
        public var includeDeleted: Bool

        public init(kind: RecordKind? = nil, since: CalendarDate? = nil, until: CalendarDate? = nil, includeDeleted: Bool = false) {
            self.kind = kind
            self.since = since
            self.until = until
            self.includeDeleted = includeDeleted
        }
    }

    /// Records in timeline order: by date, then kind, then when they were first written.
    public func records(_ query: RecordQuery = RecordQuery()) throws -> [RecordSnapshot] {
        try read { db in try Self.records(query, in: db) }
    }

    static func records(_ query: RecordQuery, in db: Database) throws -> [RecordSnapshot] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if !query.includeDeleted { conditions.append("r.deleted = 0") }
        if let kind = query.kind {
            conditions.append("r.kind = ?")
            arguments += [kind.rawValue]
        }
        if let since = query.since {
            // A medication period is on the timeline from its start to its end: one started
            // years ago and still taken belongs to every window since.
            conditions.append("(r.date >= ? OR r.id IN (SELECT id FROM medication WHERE endDate IS NULL OR endDate > ?))")
            arguments += [since.iso, since.iso]
        }
        if let until = query.until {
            conditions.append("r.date <= ?")
            arguments += [until.iso]
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT r.id, r.kind, r.deleted, r.firstClock, r.lastClock,
                       h.fieldGroup, h.field, h.deviceId, h.counter, h.clock, h.value, h.isWinner
                FROM record r JOIN fieldHead h ON h.recordId = r.id
                \(filter)
                ORDER BY r.date, r.firstClock, r.id, h.fieldGroup, h.clock DESC, h.deviceId DESC, h.counter DESC
                """,
            arguments: arguments)
        var snapshots: [RecordSnapshot] = []
        var builder: SnapshotBuilder?
        while let row = try rows.next() {
            let id: String = row[0]
            if builder?.id != id {
                if let done = builder?.build() { snapshots.append(done) }
                builder = try SnapshotBuilder(row: row)
            }
            try builder?.add(row: row, offset: 5)
        }
        if let done = builder?.build() { snapshots.append(done) }
        // SQL sorted by date and first write; kinds sharing a date follow the kind order.
        return snapshots.sorted { a, b in
            timelineOrder((a.date, a.kind, a.created, a.id), (b.date, b.kind, b.created, b.id))
        }
    }

    /// Timeline order: by date (an unreadable one first), then kind, then first write, then id.
    static func timelineOrder(
        _ a: (date: CalendarDate?, kind: RecordKind, created: HLCTimestamp, id: String),
        _ b: (date: CalendarDate?, kind: RecordKind, created: HLCTimestamp, id: String)
    ) -> Bool {
        let (dateA, dateB) = (a.date?.julianDay ?? Int.min, b.date?.julianDay ?? Int.min)
        if dateA != dateB { return dateA < dateB }
        if a.kind != b.kind { return a.kind < b.kind }
        return (a.created, a.id) < (b.created, b.id)
    }

    /// The record with this id, deleted or not.
    public func snapshot(_ id: String) throws -> RecordSnapshot? {
        try read { db in try Self.snapshot(id, in: db) }
    }

    /// The records with these ids, deleted or not, in one read and in the order given;
    /// ids the journal does not hold are left out.
    public func snapshots(_ ids: [String]) throws -> [RecordSnapshot] {
        try read { db in try ids.compactMap { try Self.snapshot($0, in: db) } }
    }

    static func snapshot(_ id: String, in db: Database) throws -> RecordSnapshot? {
        guard
            let head = try Row.fetchOne(
                db, sql: "SELECT id, kind, deleted, firstClock, lastClock FROM record WHERE id = ?", arguments: [id])
        else { return nil }
        var builder = try SnapshotBuilder(row: head)
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT fieldGroup, field, deviceId, counter, clock, value, isWinner FROM fieldHead
                WHERE recordId = ? ORDER BY fieldGroup, clock DESC, deviceId DESC, counter DESC
                """,
            arguments: [id])
        {
            try builder.add(row: row, offset: 0)
        }
        return builder.build()
    }

    /// The full id of the one record whose id starts with `prefix` (at least 4 characters,
    /// like a short git hash).
    public func resolve(_ prefix: String) throws -> String {
        let text = prefix.lowercased()
        guard text.allSatisfy({ $0.isHexDigit || $0 == "-" }) else { throw JournalError.unknownRecord(prefix) }
        guard text.count >= 4 else {
            throw JournalError.invalidChange("id '\(prefix)' is too short: give at least 4 characters of the id, as `remission list` prints it")
        }
        let matches = try read { db in
            try String.fetchAll(
                db, sql: "SELECT id FROM record WHERE id >= ? AND id < ? ORDER BY id LIMIT 6",
                arguments: [text, text + "\u{7F}"])
        }
        switch matches.count {
        case 0: throw JournalError.unknownRecord(prefix)
        case 1: return matches[0]
        default: throw JournalError.ambiguousRecord(prefix, matches: matches.map { String($0.prefix(13)) })
        }
    }

    /// Every operation that ever wrote to a record, oldest first.
    public func history(of id: String) throws -> [JournalOperation] {
        try read { db in
            try String.fetchAll(
                db, sql: "SELECT body FROM operation WHERE recordId = ? ORDER BY clock, deviceId, counter",
                arguments: [id]
            ).map(OperationCodec.decode)
        }
    }

    /// Every operation in the log, in (clock, device, counter) order, with its stored text.
    public func operations() throws -> [(operation: JournalOperation, body: String)] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT body FROM operation ORDER BY clock, deviceId, counter")
                .map { (try OperationCodec.decode($0), $0) }
        }
    }

    /// Names of the devices that wrote to this journal, by id.
    public func deviceNames() throws -> [String: String] {
        try read { db in
            var names: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, name FROM device") {
                names[row[0]] = row[1]
            }
            return names
        }
    }

    /// Day 0: the date of the first infusion event, if one is recorded.
    public func infusionDate() throws -> CalendarDate? {
        try read { db in
            try String.fetchOne(db, sql: "SELECT min(date) FROM clinicalEvent WHERE type = 'infusion'")
                .flatMap(CalendarDate.init(iso:))
        }
    }

    /// The names of the symptoms the journal holds (deleted records left out), so that a new
    /// name can be compared with them. Asked only when a name is new to the catalogue.
    public func symptomNames() throws -> Set<String> {
        try read { db in
            Set(
                try String.fetchAll(
                    db,
                    sql: """
                        SELECT DISTINCT s.name FROM symptom s JOIN record r ON r.id = s.id WHERE r.deleted = 0
                        """))
        }
    }

    /// Whether the journal holds any operation at all.
    public func isEmpty() throws -> Bool {
        try read { db in try Bool.fetchOne(db, sql: "SELECT NOT EXISTS (SELECT 1 FROM operation)") ?? true }
    }
}

/// Gathers the `fieldHead` rows of one record into a snapshot.
private struct SnapshotBuilder {
    let id: String
    let kind: RecordKind
    let deleted: Bool
    let created: HLCTimestamp
    let updated: HLCTimestamp
    var fields: [String: FieldValue] = [:]
    /// Per register, its heads in the order the merge rule ranks them, each with its values.
    var heads: [String: [(id: OperationID, clock: HLCTimestamp, isWinner: Bool, values: [String: FieldValue])]] = [:]

    init(row: Row) throws {
        id = row[0]
        let kindName: String = row[1]
        guard let kind = RecordKind(rawValue: kindName) else {
            throw JournalError.database("record \(row[0] as String) has an unknown kind '\(kindName)'")
        }
        self.kind = kind
        deleted = row[2]
        created = HLCTimestamp(rawValue: row[3])
        updated = HLCTimestamp(rawValue: row[4])
    }

    mutating func add(row: Row, offset: Int) throws {
        let register: String = row[offset]
        let field: String = row[offset + 1]
        let json: String = row[offset + 5]
        guard let value = FieldValue(json: json) else {
            throw JournalError.database("a value of record \(id) is not valid JSON")
        }
        let operation = OperationID(device: row[offset + 2], counter: row[offset + 3])
        let isWinner: Bool = row[offset + 6]
        if isWinner { fields[field] = value }
        var list = heads[register, default: []]
        if let last = list.indices.last, list[last].id == operation {
            list[last].values[field] = value
        } else {
            list.append((operation, HLCTimestamp(rawValue: row[offset + 4]), isWinner, [field: value]))
        }
        heads[register] = list
    }

    func build() -> RecordSnapshot {
        var conflicts: [FieldConflict] = []
        for (register, list) in heads.sorted(by: { $0.key < $1.key }) where list.count > 1 {
            let entered = kind.register(named: register)?.fields ?? [register]
            func candidate(_ head: (id: OperationID, clock: HLCTimestamp, isWinner: Bool, values: [String: FieldValue])) -> FieldConflict.Candidate {
                FieldConflict.Candidate(
                    operation: head.id, clock: head.clock,
                    values: Dictionary(uniqueKeysWithValues: entered.map { ($0, head.values[$0] ?? .null) }))
            }
            guard let winner = list.first(where: \.isWinner).map(candidate) else { continue }
            let others = list.filter { !$0.isWinner }.map(candidate).filter { $0.values != winner.values }
            if !others.isEmpty {
                conflicts.append(FieldConflict(register: register, fields: entered, winner: winner, others: others))
            }
        }
        var visible = fields
        let deleteWins = visible.removeValue(forKey: JournalOperation.deletedField) == .bool(true)
        return RecordSnapshot(
            id: id, kind: kind, fields: visible, deleted: deleted,
            editedAfterDelete: deleteWins && !deleted, conflicts: conflicts,
            created: created, updated: updated)
    }
}
