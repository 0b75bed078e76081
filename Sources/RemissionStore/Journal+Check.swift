import GRDB
import RemissionCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Journal {
    /// What `remission check` found.
    public struct CheckReport: Sendable {
        public var passed: [String] = []
        public var problems: [String] = []
        /// Findings that are not damage: values that arrived by sync or import and that this
        /// device would have refused or computed otherwise. They do not fail the check.
        public var flagged: [String] = []
        public var isHealthy: Bool { problems.isEmpty }
    }

    /// Checks the store: SQLite's own integrity and foreign keys, then the journal's
    /// invariants: every operation reads back as stored, the derived tables are exactly
    /// what replaying the log gives, this device's counter and clock are ahead of everything
    /// it wrote, and the files are private to the user. Nothing is changed.
    public func check() throws -> CheckReport {
        try checkOpen()
        var report = CheckReport()
        try checkPermissions(&report)
        // The replay is done in a transaction rolled back at the end; on a read-only disk it
        // runs on a copy in memory instead.
        var checked = database
        if isReadOnly {
            checked = try DatabaseQueue()
            try mapErrorsForCheck { try database.backup(to: checked) }
        }
        try mapErrorsForCheck {
            try checked.writeWithoutTransaction { db in
                let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
                if integrity == ["ok"] {
                    report.passed.append("SQLite integrity check")
                } else {
                    report.problems.append("SQLite integrity check: " + integrity.prefix(5).joined(separator: "; "))
                }
                let foreignKeys = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
                if foreignKeys.isEmpty {
                    report.passed.append("foreign keys")
                } else {
                    report.problems.append("\(counted(foreignKeys.count, "row")) \(foreignKeys.count == 1 ? "breaks" : "break") a foreign key")
                }
                try checkOperations(db, &report)
                try checkReplay(db, &report)
                try checkDerivedValues(db, &report)
                for (id, fromChain) in try Self.operationClashes(in: db) {
                    report.flagged.append(
                        "operation \(id) arrived with two different bodies: a forged relay, or a copied device; kept "
                            + (fromChain
                                ? "the one its device's own segments carry"
                                : "the same one as every other device (by hash), until its device's own segments arrive"))
                }
            }
        }
        return report
    }

    private func mapErrorsForCheck(_ body: () throws -> Void) throws {
        do { try body() } catch let error as DatabaseError {
            throw JournalError.database("\(error.resultCode): \(error.message ?? "no message")")
        }
    }

    private func checkPermissions(_ report: inout CheckReport) throws {
        guard location.directory != ":memory:" else { return }
        var problems: [String] = []
        var info = stat()
        if let mode = location.directoryModeOpenToOthers {
            problems.append("\(location.directory) is open to other users (mode \(mode); run chmod 700 on it)")
        }
        for suffix in ["", "-wal", "-shm"] {
            let path = location.databasePath + suffix
            if stat(path, &info) == 0, info.st_mode & 0o077 != 0 {
                problems.append("\(path) is readable by other users (mode \(String(info.st_mode & 0o777, radix: 8)); run chmod 600 on it)")
            }
        }
        if problems.isEmpty { report.passed.append("files private to the user") }
        report.problems += problems
    }

    private func checkOperations(_ db: Database, _ report: inout CheckReport) throws {
        let identity = try Self.identity(db)
        var count = 0
        var problems: [String] = []
        var ownCounter: Int64 = 0
        var ownClock = HLCTimestamp(rawValue: 0)
        var newerFields: Set<String> = []
        let rows = try Row.fetchCursor(db, sql: "SELECT deviceId, counter, clock, recordId, kind, body FROM operation")
        while let row = try rows.next() {
            count += 1
            let id = OperationID(device: row[0], counter: row[1])
            guard let operation = try? OperationCodec.decode(row[5]) else {
                problems.append("operation \(id) does not decode")
                continue
            }
            if operation.id != id || operation.clock.rawValue != row[2] || operation.record != row[3]
                || operation.kind.rawValue != row[4]
            {
                problems.append("operation \(id): its columns disagree with its body")
            }
            switch Result(catching: { try Self.validate(operation) }) {
            case .failure: problems.append("operation \(id) is not a valid change")
            case .success(let unknown) where !unknown.isEmpty:
                newerFields.formUnion(unknown.map { "\(operation.kind.rawValue).\($0)" })
            case .success: break
            }
            if OperationCodec.encode(operation) != row[5] as String {
                problems.append("operation \(id) is not stored in canonical form")
            }
            if id.device == identity.deviceID {
                ownCounter = max(ownCounter, id.counter)
                ownClock = max(ownClock, operation.clock)
            }
        }
        if identity.counter < ownCounter {
            problems.append("this device's counter (\(identity.counter)) is behind its own operations (\(ownCounter))")
        }
        if identity.clock < ownClock {
            problems.append("this device's clock is behind its own operations")
        }
        if problems.isEmpty { report.passed.append("\(counted(count, "operation")) readable and valid; counter and clock ahead of them") }
        if !newerFields.isEmpty {
            report.flagged.append(
                "operations from a newer version of remission write fields this one does not know (\(newerFields.sorted().joined(separator: ", "))); they are kept and carried on: update remission to see them"
            )
        }
        report.problems += problems.prefix(20)
    }

    /// Replays the whole log into fresh derived tables inside a savepoint, compares, and
    /// rolls back: the check itself never changes the journal.
    private func checkReplay(_ db: Database, _ report: inout CheckReport) throws {
        let tables = MergeRule.derivedTables
        func snapshot() throws -> [String: [Row]] {
            var result: [String: [Row]] = [:]
            for table in tables {
                result[table] = try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY 1, 2, 3, 4")
            }
            return result
        }
        let before = try snapshot()
        var after: [String: [Row]] = [:]
        try db.inTransaction(.deferred) {
            try MergeRule.rebuild(in: db)
            after = try snapshot()
            return .rollback
        }
        let differing = tables.filter { before[$0] != after[$0] }
        if differing.isEmpty {
            report.passed.append(
                "derived tables match a replay of the log (\(before["record"]?.count ?? 0) record\((before["record"]?.count ?? 0) == 1 ? "" : "s"))")
        } else {
            report.problems.append(
                "derived tables differ from a replay of the log: \(differing.joined(separator: ", ")); `remission export` still holds every operation")
        }
        for kind in RecordKind.allCases {
            let columns = Set(try db.columns(in: kind.tableName).map(\.name))
            let missing = kind.fields.map(\.name).filter { !columns.contains($0) }
            if !missing.isEmpty { report.problems.append("table \(kind.tableName) lacks \(missing.joined(separator: ", "))") }
        }
    }

    /// Derived values (a lab's canonical value, a dose's amount) must follow from the group
    /// they belong to: in the stored tables (anything else is damage), and in the operations
    /// that carry them (an operation from elsewhere that disagrees is flagged; the journal
    /// shows the value computed from its group).
    private func checkDerivedValues(_ db: Database, _ report: inout CheckReport) throws {
        var problems: [String] = []
        var flagged: [String] = []
        var checked = 0
        for kind in RecordKind.allCases {
            let derivedFields = kind.fieldGroups.flatMap(\.derived)
            guard !derivedFields.isEmpty else { continue }
            for record in try Self.records(.init(kind: kind), in: db) {
                let name = "\(kind.rawValue) \(record.id.prefix(8))"
                // What `remission lab` would have refused, arrived by sync or import: flagged.
                if kind == .lab {
                    flagged += LabResultEntry.unitProblems(fields: record.fields).map { "\(name): \($0)" }
                }
                guard let derived = kind.derive(record.fields) else {
                    flagged.append(
                        "\(name): this version cannot compute its \(derivedFields.joined(separator: ", ")) (an analyte, unit or dose it does not know); they are shown as written"
                    )
                    continue
                }
                checked += 1
                guard
                    let row = try Row.fetchOne(
                        db, sql: "SELECT \(derivedFields.joined(separator: ", ")) FROM \(kind.tableName) WHERE id = ?", arguments: [record.id])
                else { continue }
                for (index, field) in derivedFields.enumerated() {
                    guard let expected = derived[field] else { continue }
                    if !Self.sameNumberOrText(row[index], expected) {
                        problems.append("\(name): \(field) is \(Self.display(row[index])) but its group gives \(expected.description)")
                    }
                }
            }
        }
        let bodies = try String.fetchCursor(
            db,
            sql: "SELECT body FROM operation WHERE body LIKE '%\"field\":\"canonical%' OR body LIKE '%\"field\":\"dose%' OR body LIKE '%\"field\":\"drugClass%'"
        )
        while let body = try bodies.next() {
            guard let operation = try? OperationCodec.decode(body) else { continue }
            var written: [String: FieldValue] = [:]
            for write in operation.recordWrites { written[write.field] = write.value }
            guard let derived = operation.kind.derive(written) else { continue }
            for (field, value) in derived.sorted(by: { $0.key < $1.key }) where written[field] != nil && written[field] != value {
                flagged.append(
                    "operation \(operation.id) wrote \(field) \(written[field]!.description) for record \(operation.record.prefix(8)), where its group gives \(value.description); the journal uses the latter"
                )
            }
        }
        if problems.isEmpty { report.passed.append("derived values follow from their groups (\(checked) record\(checked == 1 ? "" : "s"))") }
        report.problems += problems.prefix(20)
        report.flagged += flagged.prefix(20)
    }

    static func display(_ stored: DatabaseValue) -> String {
        switch stored.storage {
        case .null: return "empty"
        case .double(let number) where number == number.rounded() && abs(number) < 1e15: return String(Int64(number))
        case .double(let number): return String(number)
        case .int64(let number): return String(number)
        case .string(let text): return text
        case .blob: return "a blob"
        }
    }

    /// Whether a stored column equals a field value: numbers by value (REAL columns hold
    /// decimal text as numbers), everything else exactly.
    static func sameNumberOrText(_ stored: DatabaseValue, _ value: FieldValue) -> Bool {
        switch (stored.storage, value) {
        case (.null, .null): return true
        case (.double(let number), .text(let text)): return Double(text) == number
        case (.int64(let number), .text(let text)): return Double(text) == Double(number)
        case (.string(let stored), .text(let text)): return stored == text
        default: return false
        }
    }
}
