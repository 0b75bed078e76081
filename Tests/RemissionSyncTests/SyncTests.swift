import Foundation
import RemissionCore
import RemissionFormats
import RemissionReports
import RemissionStore
@testable import RemissionSync
import RemissionTestSupport
import Testing

/// Two or more devices through a real remote: a folder, and Apache httpd with mod_dav.
@Suite struct SyncTests {
    enum Kind: String, CaseIterable, Sendable { case folder, webdav }

    /// A remote of the given kind, and what keeps its server alive.
    struct Fixture {
        let directory: TemporaryDirectory
        let server: ApacheServer?
        let url: String
        let journalID = newRecordID()

        init(_ kind: Kind) throws {
            directory = TemporaryDirectory("sync")
            switch kind {
            case .folder:
                server = nil
                url = "file://" + directory.url.appendingPathComponent("remote").path
            case .webdav:
                let apache = try ApacheServer()
                server = apache
                url = apache.baseURL + "/journal"
            }
        }

        func remote(_ environment: [String: String] = ["REMISSION_HTTP_RETRIES": "0", "REMISSION_HTTP_TIMEOUT": "3"]) throws -> any Remote {
            try RemoteFactory.remote(for: url, environment: environment)
        }

        func device(_ name: String, wallClock: @escaping @Sendable () -> Int64 = Journal.systemClock) throws -> Device {
            try Device.onDisk(directory.url, name: name, journalID: journalID, remote: try remote(), url: url, wallClock: wallClock)
        }

        /// Every byte stored on the remote.
        func remoteBytes() throws -> Data {
            let base = server?.documents.appendingPathComponent("journal") ?? directory.url.appendingPathComponent("remote")
            var all = Data()
            let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil)
            while let file = enumerator?.nextObject() as? URL {
                if let data = try? Data(contentsOf: file) { all.append(data) }
            }
            return all
        }

        func segmentPath(device: String, sequence: Int64) -> URL {
            let base = server?.documents.appendingPathComponent("journal") ?? directory.url.appendingPathComponent("remote")
            return base.appendingPathComponent("devices/\(device)/\(SegmentCodec.name(sequence: sequence))")
        }
    }

    @Test(arguments: Kind.allCases)
    func twoDevicesConvergeAndTheRemoteHoldsNoPlaintext(_ kind: Kind) throws {
        let fixture = try Fixture(kind)
        let laptop = try fixture.device("laptop")
        let desktop = try fixture.device("desktop")
        let secret = "rash-on-cheeks-\(UUID().uuidString)"
        try laptop.journal.write([.create(.entry, ["date": .text("2026-11-20"), "note": .text(secret), "wellbeing": .integer(6)])])
        try laptop.logSymptom("fatigue-\(secret)", 3)
        var report = try laptop.sync()
        #expect(report.pushedOperations == 2)
        #expect(report.pushedSegments == 1)
        report = try desktop.sync()
        #expect(report.pulledOperations == 2)
        #expect(report.pulledDevices == 1)
        try desktop.journal.write([
            .create(
                .lab,
                [
                    "date": .text("2026-11-20"), "analyte": .text("c3"), "value": .text("0.8"), "unit": .text("g/L"),
                    "canonicalValue": .text("0.8"), "canonicalUnit": .text("g/L"), "note": .text("lab-\(secret)")
                ])
        ])
        try desktop.sync()
        try laptop.sync()
        #expect(try laptop.export() == desktop.export())
        #expect(try laptop.journal.deviceNames()[try desktop.journal.identity().deviceID] == "desktop")

        let stored = try fixture.remoteBytes()
        #expect(!stored.isEmpty)
        // Device names travel sealed too: a host name often names its owner.
        #expect(try laptop.journal.deviceNames()[try laptop.journal.identity().deviceID] == "laptop")
        for plaintext in [secret, "fatigue", "2026-11-20", "wellbeing", "severity", "canonicalValue", "laptop", "desktop", "device_name"] {
            #expect(stored.range(of: Data(plaintext.utf8)) == nil, "\(plaintext) is readable on the remote")
        }
    }

    @Test(arguments: Kind.allCases)
    func requestsForANoOpSyncAndForOneDaysEntry(_ kind: Kind) throws {
        let fixture = try Fixture(kind)
        let devices = try ["a", "b", "c"].map { try fixture.device($0) }
        for device in devices {
            try device.logSymptom("fatigue", 2)
            try device.sync()
        }
        for device in devices { try device.sync() }
        let a = devices[0]
        let remote = a.remote
        let before = remote.requestCounts
        try a.sync()
        let noOp = remote.requestCounts.merging(before) { $0 - $1 }.filter { $0.value != 0 }
        // One listing of devices/ and one per other device; nothing else.
        let listings = noOp[kind == .folder ? "LIST" : "PROPFIND"] ?? 0
        #expect(listings == 3, "\(noOp)")
        #expect(noOp.values.reduce(0, +) == 3, "\(noOp)")

        try a.logSymptom("joint-pain", 1)
        let beforePush = remote.requestCounts
        var pushReport = SyncReport()
        try a.engine.push(key: try a.engine.journalKey(), report: &pushReport)
        let push = remote.requestCounts.merging(beforePush) { $0 - $1 }.filter { $0.value != 0 }
        // One create-only write and its read-back.
        #expect(push == ["PUT": 1, "GET": 1], "\(push)")
    }

    @Test(arguments: Kind.allCases)
    func wrongPassphraseEmptyAndForeignRemotesWriteNothing(_ kind: Kind) throws {
        let fixture = try Fixture(kind)
        let laptop = try fixture.device("laptop")
        try laptop.logSymptom("fatigue", 2)
        try laptop.sync()

        // Wrong passphrase on join: nothing is created.
        let location = JournalLocation(directory: fixture.directory.url.appendingPathComponent("joiner").path)
        #expect(throws: SyncError.self) {
            _ = try SyncEngine.join(
                url: fixture.url, at: location, remoteName: "test", deviceName: "joiner",
                environment: Device.environment, passphrase: { "not the passphrase" })
        }
        #expect(!FileManager.default.fileExists(atPath: location.databasePath))

        // A URL without a journal.
        let nowhere = fixture.url + "-nothing-here"
        do {
            _ = try SyncEngine.join(
                url: nowhere, at: location, remoteName: "test", deviceName: "joiner",
                environment: Device.environment, passphrase: { Device.passphrase })
            Issue.record("join of an empty URL succeeded")
        } catch SyncError.noJournalAt(let url) {
            #expect(url.hasSuffix("-nothing-here"))
        }
        #expect(!FileManager.default.fileExists(atPath: location.databasePath))

        // Another journal's remote: refused before any write.
        let stranger = try Device.onDisk(
            fixture.directory.url, name: "stranger", journalID: newRecordID(), remote: try fixture.remote(), url: fixture.url)
        try stranger.logSymptom("fever", 1)
        let before = try fixture.remoteBytes()
        #expect(throws: SyncError.self) { try stranger.sync() }
        #expect(try fixture.remoteBytes() == before)
    }

    @Test func aNonEmptyFolderThatIsNoJournalIsRefused() throws {
        let directory = TemporaryDirectory("sync")
        let folder = directory.url.appendingPathComponent("photos")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("holiday".utf8).write(to: folder.appendingPathComponent("beach.jpg"))
        let device = try Device.onDisk(
            directory.url, name: "a", journalID: newRecordID(),
            remote: FolderRemote(path: folder.path), url: "file://" + folder.path)
        try device.logSymptom("fatigue", 1)
        do {
            try device.sync()
            Issue.record("sync into a photo folder succeeded")
        } catch SyncError.notAJournal {}
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["beach.jpg"])
    }

    @Test func unreachableRemoteSaysSoAndChangesNothing() throws {
        let directory = TemporaryDirectory("sync")
        let port = try LocalServer.freePort()
        let url = "http://127.0.0.1:\(port)/journal"
        let remote = try RemoteFactory.remote(for: url, environment: ["REMISSION_HTTP_RETRIES": "1", "REMISSION_HTTP_BACKOFF": "0"])
        let device = try Device.onDisk(directory.url, name: "a", journalID: newRecordID(), remote: remote, url: url)
        try device.logSymptom("fatigue", 1)
        let before = try device.export()
        do {
            try device.sync()
            Issue.record("sync with nothing listening succeeded")
        } catch let error as HTTPError {
            #expect(error.description.contains("cannot reach http://127.0.0.1:\(port)/journal/journal.json (after 2 attempts)"))
        }
        #expect(try device.export() == before)
    }

    // MARK: Tampering

    @Test(arguments: Kind.allCases)
    func tamperedSegmentsAreDetectedNamedAndNotApplied(_ kind: Kind) throws {
        let fixture = try Fixture(kind)
        let writer = try fixture.device("writer")
        let id = try writer.journal.identity().deviceID
        for index in 1...4 {
            try writer.logSymptom("s\(index)", 1)
            try writer.sync()
        }
        let second = fixture.segmentPath(device: id, sequence: 2)
        let original = try Data(contentsOf: second)

        // One changed byte in the sealed body.
        var flipped = original
        flipped[flipped.count - 20] ^= 0x01
        try flipped.write(to: second)
        var reader = try fixture.device("reader1")
        var report = try reader.sync()
        #expect(report.problems.count == 1)
        #expect(report.problems.first?.description.contains("000000000002.seg: ") == true)
        #expect(report.problems.first?.description.contains("fails authentication") == true)
        #expect(try reader.journal.records(.init(kind: .symptom)).count == 1)  // segment 1 only

        // A replayed old segment in its place: segment 1's bytes as segment 2.
        try Data(contentsOf: fixture.segmentPath(device: id, sequence: 1)).write(to: second)
        reader = try fixture.device("reader2")
        report = try reader.sync()
        #expect(report.problems.first?.description.contains("moved or replayed") == true)
        #expect(try reader.journal.records(.init(kind: .symptom)).count == 1)

        // A segment missing from the middle of the chain.
        try FileManager.default.removeItem(at: second)
        reader = try fixture.device("reader3")
        report = try reader.sync()
        #expect(report.problems.first?.description.contains("segment 2 of device \(id.prefix(8)) is missing") == true)
        #expect(try reader.journal.records(.init(kind: .symptom)).count == 1)

        // Back in place: the next sync completes the chain.
        try original.write(to: second)
        report = try reader.sync()
        #expect(report.problems.isEmpty)
        #expect(try reader.journal.records(.init(kind: .symptom)).count == 4)
        #expect(try reader.export() == writer.export())
    }

    @Test func aSegmentFromAnotherJournalIsRefused() throws {
        let fixture = try Fixture(.folder)
        let writer = try fixture.device("writer")
        try writer.logSymptom("mine", 1)
        try writer.sync()
        // Another journal with its own remote and key, whose segment is copied in.
        let other = try Fixture(.folder)
        let stranger = try other.device("stranger")
        try stranger.logSymptom("theirs", 1)
        try stranger.sync()
        let strangerID = try stranger.journal.identity().deviceID
        let target = fixture.segmentPath(device: strangerID, sequence: 1)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: other.segmentPath(device: strangerID, sequence: 1), to: target)
        let reader = try fixture.device("reader")
        let report = try reader.sync()
        #expect(report.problems.count == 1)
        #expect(report.problems.first?.description.contains("belongs to another journal") == true)
        let names = try reader.journal.records(.init(kind: .symptom)).compactMap { $0["name"].text }
        #expect(names == ["mine"])
    }

    // MARK: Identity and clocks

    @Test func aCopiedJournalFileIsDetectedAndGivenItsOwnIdentity() throws {
        let fixture = try Fixture(.folder)
        let original = try fixture.device("laptop")
        try original.logSymptom("before-copy", 2)
        try original.sync()
        // The journal directory copied to a second machine.
        let copyDirectory = fixture.directory.url.appendingPathComponent("copy")
        try FileManager.default.copyItem(at: fixture.directory.url.appendingPathComponent("laptop"), to: copyDirectory)
        let copy = Device(journal: try Journal.open(at: JournalLocation(directory: copyDirectory.path)), remote: try fixture.remote())
        #expect(try copy.journal.identity().deviceID == original.journal.identity().deviceID)

        try original.logSymptom("on-the-original", 3)
        try original.sync()
        let unsynced = try copy.logSymptom("only-on-the-copy", 4)
        do {
            try copy.sync()
            Issue.record("a cloned device identity went unnoticed")
        } catch SyncError.clonedDevice(let device, _) {
            #expect(device == (try original.journal.identity().deviceID))
        }
        let confirmed = try copy.journal.chainPositions(remote: "test")[try copy.journal.identity().deviceID]?.counter ?? 0
        let (old, new, moved) = try copy.journal.giveNewDeviceIdentity(confirmedCounter: confirmed)
        #expect(old != new)
        #expect(moved == 1)
        #expect(try copy.journal.snapshot(unsynced)?["name"] == .text("only-on-the-copy"))
        try copy.sync()
        try original.sync()
        #expect(try copy.export() == original.export())
        let names = Set(try original.journal.records(.init(kind: .symptom)).compactMap { $0["name"].text })
        #expect(names == ["before-copy", "on-the-original", "only-on-the-copy"])
        #expect(try copy.journal.check().isHealthy)
    }

    @Test func importedOperationsOfAnotherDeviceAreRelayedOnce() throws {
        let fixture = try Fixture(.folder)
        let a = try fixture.device("a")
        let b = try fixture.device("b")
        // A backup written by a device that never syncs, imported on a.
        let old = try Journal.createInMemory(journalID: fixture.journalID, deviceName: "old laptop")
        try old.write([.create(.symptom, ["date": .text("2025-01-01"), "name": .text("fatigue"), "severity": .integer(4)])])
        _ = try a.journal.importExport(try JournalExport(journal: old), path: "backup.json")
        let first = try a.sync()
        #expect(first.pushedOperations == 1)
        #expect(try a.sync().pushedOperations == 0)  // relayed once, not at every sync
        try b.sync()
        #expect(try b.journal.records(.init(kind: .symptom)).count == 1)
        #expect(try b.sync().pushedOperations == 0)  // b does not relay what it pulled
        #expect(try a.export() == b.export())
    }

    @Test func aClockAYearAheadCannotBeatLaterEdits() throws {
        let fixture = try Fixture(.folder)
        let year: Int64 = 365 * 24 * 3600 * 1000
        let fast = try fixture.device("fast") { Journal.systemClock() + year }
        let honest = try fixture.device("honest")
        let record = try fast.logSymptom("fatigue", 8)
        try fast.sync()
        try honest.sync()
        // The honest device, having seen the fast one's value, corrects it.
        try honest.journal.write([.update(record, kind: .symptom, ["severity": .integer(2)])])
        try honest.sync()
        try fast.sync()
        for device in [fast, honest] {
            let snapshot = try #require(try device.journal.snapshot(record))
            #expect(snapshot["severity"] == .integer(2))
            #expect(snapshot.conflicts.isEmpty)
        }
        #expect(try fast.export() == honest.export())
    }

    @Test func concurrentEditsBecomeTheSameConflictOnBothDevices() throws {
        let fixture = try Fixture(.folder)
        let a = try fixture.device("a")
        let b = try fixture.device("b")
        let record = try a.logSymptom("headache", 5)
        try a.sync()
        try b.sync()
        try a.journal.write([.update(record, kind: .symptom, ["severity": .integer(3)])])
        try b.journal.write([.update(record, kind: .symptom, ["severity": .integer(7)])])
        try a.sync()
        let report = try b.sync()
        #expect(report.conflicts == 1)
        try a.sync()
        let onA = try #require(try a.journal.snapshot(record))
        let onB = try #require(try b.journal.snapshot(record))
        #expect(onA["severity"] == onB["severity"])
        #expect(onA.conflicts.count == 1)
        #expect(Set(onA.conflicts[0].candidates.compactMap { $0.values["severity"] }) == [.integer(3), .integer(7)])
        #expect(try a.export() == b.export())
    }
}
