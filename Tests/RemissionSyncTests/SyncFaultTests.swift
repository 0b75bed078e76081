import Foundation
import RemissionCore
import RemissionStore
import RemissionSync
import RemissionTestSupport
import Testing

/// A server that fails, stalls, resets or cuts answers short: sync stops with a clear
/// error, the local journal is untouched, and the next sync completes.
@Suite struct SyncFaultTests {
    static let faults: [(mode: String, message: String)] = [
        ("500", "answered 500 (server error)"),
        ("503", "answered 503 (server error)"),
        ("reset", "cannot reach"),
        ("stall", "did not answer in time"),
        ("truncate", "cannot reach")
    ]

    @Test(arguments: faults.map(\.mode))
    func aFailingServerLeavesTheJournalUntouchedAndTheNextSyncCompletes(_ mode: String) throws {
        let message = try #require(Self.faults.first { $0.mode == mode }?.message)
        let apache = try ApacheServer()
        let directory = TemporaryDirectory("sync")
        let journalID = newRecordID()
        let direct = apache.baseURL + "/journal"
        let environment = ["REMISSION_HTTP_RETRIES": "1", "REMISSION_HTTP_BACKOFF": "0", "REMISSION_HTTP_TIMEOUT": "1"]

        // A first device fills the remote directly.
        let first = try Device.onDisk(
            directory.url, name: "first", journalID: journalID,
            remote: try RemoteFactory.remote(for: direct, environment: environment), url: direct)
        try first.logSymptom("fatigue", 3)
        try first.sync()

        // A second device, behind the misbehaving proxy, has changes of its own.
        let proxy = try FaultProxy(upstream: apache.port, mode: mode, count: 1000)
        let proxied = proxy.baseURL + "/journal"
        let second = try Device.onDisk(
            directory.url, name: "second", journalID: journalID,
            remote: try RemoteFactory.remote(for: proxied, environment: environment), url: proxied)
        try second.logSymptom("rash", 2)
        let before = try second.export()
        do {
            try second.sync()
            Issue.record("sync through a '\(mode)' server succeeded")
        } catch let error as HTTPError {
            #expect(error.description.contains(message), "\(error)")
            #expect(error.description.contains(proxied), "\(error)")
            #expect(error.attempts == 2, "retried once: \(error)")
        }
        #expect(try second.export() == before)

        // The server recovers: the same device syncs through it and nothing is lost.
        let healed = try FaultProxy(upstream: apache.port, mode: mode, count: 0)
        let healedURL = healed.baseURL + "/journal"
        let recovered = Device(journal: second.journal, remote: try RemoteFactory.remote(for: healedURL, environment: environment))
        let report = try recovered.sync()
        #expect(report.pulledOperations == 1)
        #expect(report.pushedOperations == 1)
        try first.sync()
        #expect(try first.export() == recovered.export())
    }

    @Test func aFewFailuresAreRetriedAway() throws {
        let apache = try ApacheServer()
        let directory = TemporaryDirectory("sync")
        let proxy = try FaultProxy(upstream: apache.port, mode: "503", count: 2)
        let url = proxy.baseURL + "/journal"
        let environment = ["REMISSION_HTTP_RETRIES": "3", "REMISSION_HTTP_BACKOFF": "0.01"]
        let device = try Device.onDisk(
            directory.url, name: "a", journalID: newRecordID(),
            remote: try RemoteFactory.remote(for: url, environment: environment), url: url)
        try device.logSymptom("fatigue", 1)
        let report = try device.sync()
        #expect(report.pushedOperations == 1)
    }
}
