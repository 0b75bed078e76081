import Foundation
import GRDB
import Logging
import RemissionCore
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A journal on disk: one SQLite database in WAL mode, private to the user.
///
/// Every change goes through ``write(_:)`` (local edits) or ``apply(_:)`` (operations from
/// an import or another device), and both take the same path through the operation log
/// and ``MergeRule``, in one transaction.
public final class Journal: Sendable {
    public let location: JournalLocation
    let database: DatabaseQueue
    let logger: Logger
    /// Milliseconds since 1970; injected so that tests can run a device's clock fast or slow.
    let wallClock: @Sendable () -> Int64

    /// Opened on a disk it cannot write to: reading works, writing says why it cannot.
    public let isReadOnly: Bool

    /// Set by ``closeForExit()``. GRDB does not guard a closed connection: it hands SQLite a
    /// null one, on which Debian's build crashes.
    private let isClosed = Atomic<Bool>(false)

    private init(
        location: JournalLocation, database: DatabaseQueue, logger: Logger,
        wallClock: @escaping @Sendable () -> Int64, readOnly: Bool = false
    ) {
        self.isReadOnly = readOnly
        self.location = location
        self.database = database
        self.logger = logger
        self.wallClock = wallClock
    }

    /// The system clock in milliseconds since 1970.
    public static let systemClock: @Sendable () -> Int64 = {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000
    }

    // MARK: Opening

    /// Creates a new, empty journal and runs `setup` on it (the first operations, an import);
    /// if anything fails, what this call made is removed again (the database files and the
    /// directories it created) and nothing else: a directory that existed before keeps its
    /// contents and its mode.
    public static func create(
        at location: JournalLocation,
        journalID: String = newRecordID(),
        deviceName: String = Journal.hostName(),
        logger: Logger = Logger(label: "remission.store"),
        wallClock: @escaping @Sendable () -> Int64 = Journal.systemClock,
        setup: (Journal) throws -> Void = { _ in }
    ) throws -> Journal {
        if location.exists { throw JournalError.alreadyExists(path: location.databasePath) }
        let createdDirectories = try makePrivateDirectory(location.directory)
        let path = location.databasePath
        // Create the file ourselves so that it is 0600 from its first byte; SQLite gives
        // the -wal and -shm files the same mode.
        let descriptor = Glibc.open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            removeDirectories(createdDirectories)
            throw JournalError.unreadable(path: path, reason: reason)
        }
        close(descriptor)
        var opened: DatabaseQueue?
        do {
            let database = try openDatabase(path: path, creating: true)
            opened = database
            try initialize(database, journalID: journalID, deviceName: deviceName, wallClock: wallClock)
            let journal = Journal(location: location, database: database, logger: logger, wallClock: wallClock)
            try setup(journal)
            logger.debug("created journal", metadata: ["path": "\(path)"])
            return journal
        } catch {
            // Closed first, so that SQLite does not write its -wal or -shm files again.
            try? opened?.close()
            for suffix in ["", "-wal", "-shm", "-journal"] { unlink(path + suffix) }
            removeDirectories(createdDirectories)
            throw error
        }
    }

    /// A journal that lives in memory only, for property tests that make thousands of them.
    public static func createInMemory(
        journalID: String = newRecordID(), deviceName: String = "memory",
        logger: Logger = Logger(label: "remission.store"),
        wallClock: @escaping @Sendable () -> Int64 = Journal.systemClock
    ) throws -> Journal {
        var configuration = Configuration()
        configuration.label = "remission.journal.memory"
        let database = try DatabaseQueue(configuration: configuration)
        try initialize(database, journalID: journalID, deviceName: deviceName, wallClock: wallClock)
        return Journal(location: JournalLocation(directory: ":memory:"), database: database, logger: logger, wallClock: wallClock)
    }

    /// Opens an existing journal, checking that it is one and that this version of
    /// remission understands its schema.
    public static func open(
        at location: JournalLocation,
        logger: Logger = Logger(label: "remission.store"),
        wallClock: @escaping @Sendable () -> Int64 = Journal.systemClock
    ) throws -> Journal {
        let path = location.databasePath
        guard location.exists else { throw JournalError.notFound(path: path) }
        guard access(path, R_OK) == 0 else {
            throw JournalError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        // On a read-only disk (a mounted backup, a file system remounted read-only after an
        // error) the journal can still be read, listed, summarised, checked and exported.
        var readOnly = access(path, W_OK) != 0 || access(location.directory, W_OK) != 0
        var database: DatabaseQueue
        do {
            /// Opens and reads the migrations this file has seen: one query on the hot path.
            func openAndRead() throws -> (DatabaseQueue, Set<String>) {
                // SQLite maps the -shm file of a WAL journal even to read it, unless it is told
                // that nothing can change the file (Debian's SQLite takes URI names). That is
                // right only while no write waits in the -wal file; else it is read with it.
                var wal = stat()
                let walEmpty = stat(path + "-wal", &wal) != 0 || wal.st_size == 0
                let name =
                    readOnly && walEmpty
                    ? "file:" + (path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path) + "?immutable=1" : path
                let database = try openDatabase(path: name, creating: false, readOnly: readOnly)
                let applied = try database.read { db in
                    try Set(
                        String.fetchAll(
                            db,
                            sql: """
                                SELECT identifier FROM grdb_migrations
                                WHERE EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'journal')
                                """))
                }
                return (database, applied)
            }
            var applied: Set<String>
            do {
                (database, applied) = try openAndRead()
            } catch let error as DatabaseError where !readOnly && [.SQLITE_IOERR, .SQLITE_FULL, .SQLITE_CANTOPEN].contains(error.resultCode) {
                // A full disk: what is there can still be read.
                readOnly = true
                (database, applied) = try openAndRead()
            }
            let known = Set(Migrations.all.map(\.identifier))
            let unknown = applied.subtracting(known).sorted()
            if !unknown.isEmpty { throw JournalError.newerSchema(path: path, unknownMigrations: unknown) }
            guard applied.contains("0001_journal") else {
                throw JournalError.notAJournal(path: path, reason: "an SQLite database without a remission journal in it")
            }
            if applied != known {
                guard !readOnly else {
                    throw JournalError.unreadable(path: path, reason: "it needs an upgrade to this version's schema, which needs a writable disk")
                }
                try Migrations.migrator.migrate(database)
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw JournalError.notAJournal(path: path, reason: "not an SQLite database")
        } catch let error as DatabaseError
            where error.resultCode == .SQLITE_ERROR
            && (error.message ?? "").contains("no such table")
        {
            throw JournalError.notAJournal(path: path, reason: "an SQLite database without a remission journal in it")
        } catch let error as DatabaseError {
            throw JournalError.unreadable(path: path, reason: error.message ?? "\(error.resultCode)")
        }
        return Journal(location: location, database: database, logger: logger, wallClock: wallClock, readOnly: readOnly)
    }

    /// Migrates a new database and gives it its journal id and this device's identity.
    private static func initialize(
        _ database: DatabaseQueue, journalID: String, deviceName: String, wallClock: @Sendable () -> Int64
    ) throws {
        try Migrations.migrator.migrate(database)
        try database.write { db in
            let device = newRecordID()
            try db.execute(
                sql: "INSERT INTO journal (singleton, id, deviceId, counter, clock, createdAt) VALUES (1, ?, ?, 0, 0, ?)",
                arguments: [journalID, device, HLCTimestamp(physical: wallClock(), logical: 0).iso8601])
            try db.execute(sql: "INSERT INTO device (id, name) VALUES (?, ?)", arguments: [device, deviceName])
        }
    }

    private static func openDatabase(path: String, creating: Bool, readOnly: Bool = false) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = readOnly
        // WAL is set once, at creation, and persists in the file; opening a file that turns
        // out not to be a journal must not convert it.
        configuration.journalMode = creating ? .wal : .default
        // Two processes writing at once: the second waits for the first instead of failing.
        configuration.busyMode = .timeout(30)
        configuration.label = "remission.journal"
        // SQLite's default page cache (2 MiB) thrashes when a pull merges thousands of records
        // in one transaction: their ids are random, so each segment writes across every
        // table keyed by record id. 24 MiB holds most of a ten-year journal's such pages (a
        // ten-year pull wrote 253,000 pages with 16 MiB, 167,000 with 24, 162,000 with 32)
        // and keeps the pull's peak under 64 MiB. It is only an upper bound: a `log` touches
        // a few pages.
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA cache_size = -24576") }
        return try DatabaseQueue(path: path, configuration: configuration)
    }

    /// Creates the directory and any missing parents with mode 0700, and returns the ones it
    /// created, deepest last. A directory that exists is left as it is: it may be shared
    /// (`/tmp`, mode 1777) or a symbolic link, and the journal's files are 0600 in any case.
    private static func makePrivateDirectory(_ path: String) throws -> [String] {
        var missing: [String] = []
        var current = path
        while !current.isEmpty {
            var info = stat()
            if stat(current, &info) == 0 {
                guard info.st_mode & S_IFMT == S_IFDIR else {
                    throw JournalError.unreadable(path: current, reason: "it is a file, not a directory")
                }
                break
            }
            guard errno == ENOENT else {
                throw JournalError.unreadable(path: current, reason: String(cString: strerror(errno)))
            }
            missing.append(current)
            guard let slash = current.lastIndex(of: "/") else { break }
            current = String(current[..<slash])
        }
        var created: [String] = []
        for directory in missing.reversed() {
            if mkdir(directory, 0o700) == 0 {
                created.append(directory)
            } else if errno != EEXIST {  // EEXIST: made meanwhile by someone else, not ours
                let reason = String(cString: strerror(errno))
                removeDirectories(created)
                throw JournalError.unreadable(path: directory, reason: "cannot create the directory: \(reason)")
            }
        }
        return created
    }

    /// Removes directories this process created, deepest first; one that is not empty stays.
    private static func removeDirectories(_ created: [String]) {
        for directory in created.reversed() { rmdir(directory) }
    }

    public static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "this device" }
        let name = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        return name.isEmpty ? "this device" : name
    }

    // MARK: Closing

    /// Closes the connection now, which checkpoints the WAL into the journal file and removes
    /// it, and leaves this object to the process's exit: for a command whose last act this is.
    /// Releasing GRDB's queue instead would unregister it from NotificationCenter and dispose of
    /// its dispatch queue, which starts a thread only to finish that: 0.7 ms of a 12 ms `log`
    /// (issue 12). Every use after it returns throws; call it when no other thread uses the
    /// journal.
    ///
    /// What was written is already durable (each commit synced its WAL frames); if the close
    /// fails, SQLite replays the WAL at the next open, so a failure here is not the caller's.
    public func closeForExit() {
        isClosed.store(true, ordering: .sequentiallyConsistent)
        do {
            try database.close()
        } catch {
            logger.debug("journal not closed before exit", metadata: ["error": "\(error)"])
        }
        _ = Unmanaged.passRetained(self)
    }

    // MARK: Identity

    public struct Identity: Sendable, Hashable {
        public let journalID: String
        public let deviceID: String
        public let deviceName: String
        public let counter: Int64
        public let clock: HLCTimestamp
    }

    public func identity() throws -> Identity {
        try read { db in try Self.identity(db) }
    }

    static func identity(_ db: Database) throws -> Identity {
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT journal.id, deviceId, counter, clock, device.name FROM journal
                    LEFT JOIN device ON device.id = journal.deviceId WHERE singleton = 1
                    """)
        else { throw JournalError.database("the journal table is empty") }
        return Identity(
            journalID: row[0], deviceID: row[1], deviceName: row[4] ?? "this device",
            counter: row[2], clock: HLCTimestamp(rawValue: row[3]))
    }

    // MARK: Access

    /// Runs `body` in a read transaction, turning database errors into ``JournalError``.
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        try mapErrors { try database.read(body) }
    }

    func writeTransaction<T>(_ body: (Database) throws -> T) throws -> T {
        try mapErrors { try database.write(body) }
    }

    private func mapErrors<T>(_ body: () throws -> T) throws -> T {
        try checkOpen()
        do {
            return try body()
        } catch let error as DatabaseError where error.resultCode == .SQLITE_READONLY {
            throw JournalError.unreadable(path: location.databasePath, reason: "its disk is read-only or full; nothing was written")
        } catch let error as DatabaseError where error.resultCode == .SQLITE_FULL {
            throw JournalError.unreadable(path: location.databasePath, reason: "the disk is full; nothing was written")
        } catch let error as DatabaseError {
            throw JournalError.database("\(error.resultCode): \(error.message ?? "no message")")
        }
    }

    func checkOpen() throws {
        if isClosed.load(ordering: .sequentiallyConsistent) {
            throw JournalError.database("the journal at \(location.databasePath) was closed for the process's exit")
        }
    }
}
