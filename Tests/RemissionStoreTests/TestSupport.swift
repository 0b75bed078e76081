import Foundation
import GRDB
import Logging
import RemissionCore
import RemissionFormats
import RemissionReports
import RemissionStore
import RemissionTestSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension TemporaryDirectory {
    /// A journal location inside this directory (not created).
    func location(_ name: String = "journal") -> JournalLocation {
        JournalLocation(directory: path + "/" + name)
    }
}

/// A wall clock a test moves by hand, so that devices can run fast, slow, or stand still.
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var milliseconds: Int64

    init(_ start: Int64) { milliseconds = start }

    var now: Int64 {
        get { lock.withLock { milliseconds } }
        set { lock.withLock { milliseconds = newValue } }
    }

    func advance(_ delta: Int64) {
        lock.withLock { milliseconds += delta }
    }

    /// The closure for `Journal.create(wallClock:)`.
    var function: @Sendable () -> Int64 {
        { [self] in self.now }
    }
}

enum Instants {
    /// 2026-03-01T00:00:00Z.
    static let march2026: Int64 = 1_772_323_200_000
    static let year: Int64 = 365 * 86_400_000
    static let hour: Int64 = 3_600_000
}

/// One device of a simulated sync setup: its own journal file and its own wall clock.
struct Device {
    let name: String
    let clock: ManualClock
    let journal: Journal
    let id: String

    /// Creates the device's journal. With `deviceID`, the journal's random device id is
    /// replaced (before anything is written) so that a seeded run is fully reproducible.
    init(
        _ name: String, in directory: TemporaryDirectory, journalID: String,
        clock: ManualClock = ManualClock(Instants.march2026), deviceID: String? = nil
    ) throws {
        let location = directory.location(name)
        let journal = try Journal.create(
            at: location, journalID: journalID, deviceName: name, logger: quietLogger, wallClock: clock.function)
        if let deviceID {
            let old = try journal.identity().deviceID
            // `Journal` reads its identity afresh in every transaction, so rewriting it
            // through another connection before the first write is safe.
            try RawDatabase.write(location) { db in
                try db.execute(sql: "UPDATE journal SET deviceId = ?", arguments: [deviceID])
                try db.execute(sql: "UPDATE device SET id = ? WHERE id = ?", arguments: [deviceID, old])
            }
        }
        self.name = name
        self.clock = clock
        self.journal = journal
        self.id = try journal.identity().deviceID
    }

    func snapshot(_ id: String) throws -> RecordSnapshot {
        guard let snapshot = try journal.snapshot(id) else {
            throw TestFailure("record \(id) missing on \(name)")
        }
        return snapshot
    }

    func exportBytes() throws -> Data {
        try JournalExport(journal: journal).encoded()
    }
}

/// Warnings the tests provoke on purpose (stamps far ahead) would only clutter the output.
let quietLogger = Logger(label: "remission.tests", factory: { _ in SwiftLogNoOpLogHandler() })

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Sends every operation `from` holds to `to`, as sync will: returns how many were new.
@discardableResult
func send(_ from: Device, to: Device, names: [String: String] = [:]) throws -> Int {
    try to.journal.apply(from.journal.operations().map(\.operation), deviceNames: names)
}

/// A connection to a journal file that bypasses `Journal`, for tampering and inspection.
enum RawDatabase {
    static func write<T>(_ location: JournalLocation, _ body: (Database) throws -> T) throws -> T {
        let queue = try DatabaseQueue(path: location.databasePath)
        return try queue.write(body)
    }

    static func read<T>(_ location: JournalLocation, _ body: (Database) throws -> T) throws -> T {
        let queue = try DatabaseQueue(path: location.databasePath)
        return try queue.read(body)
    }
}

func fileBytes(_ path: String) -> Data? {
    FileManager.default.contents(atPath: path)
}

func fileMode(_ path: String) -> mode_t? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return info.st_mode & 0o777
}

func fileExists(_ path: String) -> Bool {
    access(path, F_OK) == 0
}

/// Fields of a valid symptom record.
func symptom(_ name: String = "fatigue", severity: Int64 = 3, date: String = "2026-03-01") -> [String: FieldValue] {
    ["date": .text(date), "name": .text(name), "severity": .integer(severity)]
}
