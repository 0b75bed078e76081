import Foundation
import RemissionCore
import RemissionFormats
import RemissionReports
import RemissionStore
import RemissionSync
import Testing

/// A remote in memory, with the same create-only rules as the real ones, for property tests.
final class MemoryRemote: Remote, @unchecked Sendable {
    private let lock = NSLock()
    private(set) var objects: [String: Data] = [:]
    private var counts: [String: Int] = [:]

    var displayURL: String { "memory://remote" }
    var requestCounts: [String: Int] { lock.withLock { counts } }

    func list(_ folder: String, startAfter: String?) throws -> [String]? {
        lock.withLock {
            counts["LIST", default: 0] += 1
            let prefix = folder
            var names: Set<String> = []
            for key in objects.keys where key.hasPrefix(prefix) {
                let rest = key.dropFirst(prefix.count)
                if let slash = rest.firstIndex(of: "/") {
                    names.insert(String(rest[..<slash]) + "/")
                } else {
                    names.insert(String(rest))
                }
            }
            if names.isEmpty && !folder.isEmpty { return nil }
            return names.sorted().filter { startAfter == nil || $0 > startAfter! }
        }
    }

    func get(_ path: String) throws -> Data? {
        lock.withLock {
            counts["GET", default: 0] += 1
            return objects[path]
        }
    }

    func createOnly(_ path: String, data: Data) throws -> CreateOutcome {
        lock.withLock {
            counts["PUT", default: 0] += 1
            if objects[path] != nil { return .alreadyExists }
            objects[path] = data
            return .created
        }
    }

    func replace(_ path: String, data: Data) throws {
        lock.withLock { objects[path] = data }
    }

    /// For tampering tests.
    func set(_ path: String, _ data: Data?) {
        lock.withLock { objects[path] = data }
    }
}

/// One device: a journal and the engine that syncs it with a remote named "test".
struct Device {
    static let passphrase = "correct horse battery staple"
    static let environment = ["REMISSION_SCRYPT_LOG2N": "10"]

    let journal: Journal
    let remote: any Remote

    /// A device with its own journal on disk, in `directory`.
    static func onDisk(
        _ directory: URL, name: String, journalID: String, remote: any Remote, url: String,
        wallClock: @escaping @Sendable () -> Int64 = Journal.systemClock
    ) throws -> Device {
        let journal = try Journal.create(
            at: JournalLocation(directory: directory.appendingPathComponent(name).path), journalID: journalID,
            deviceName: name, wallClock: wallClock)
        try journal.addRemote(name: "test", url: url)
        return Device(journal: journal, remote: remote)
    }

    static func inMemory(name: String, journalID: String, remote: any Remote) throws -> Device {
        let journal = try Journal.createInMemory(journalID: journalID, deviceName: name)
        try journal.addRemote(name: "test", url: "memory://remote")
        return Device(journal: journal, remote: remote)
    }

    var engine: SyncEngine {
        SyncEngine(
            journal: journal, remoteName: "test", remote: remote, environment: Self.environment,
            passphrase: { Self.passphrase })
    }

    @discardableResult
    func sync() throws -> SyncReport { try engine.sync() }

    func export() throws -> Data { try JournalExport(journal: journal).encoded() }

    @discardableResult
    func logSymptom(_ name: String, _ severity: Int64, date: String = "2026-11-20") throws -> String {
        let change = RecordChange.create(.symptom, ["date": .text(date), "name": .text(name), "severity": .integer(severity)])
        try journal.write([change])
        return change.record
    }
}
