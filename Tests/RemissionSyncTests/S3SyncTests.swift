import Foundation
import RemissionCore
import RemissionFormats
import RemissionReports
import RemissionStore
@testable import RemissionSync
import RemissionTestSupport
import Testing

/// Devices syncing through S3: moto on 127.0.0.1, signatures checked, so a request that is
/// signed wrongly fails here as it would on AWS.
@Suite struct S3SyncTests {
    struct Fixture {
        let moto: MotoServer
        let directory: TemporaryDirectory
        let url: String
        let journalID = newRecordID()

        init(endpoint: String? = nil) throws {
            moto = try MotoServer.start()
            directory = TemporaryDirectory("sync")
            url = moto.newURL(endpoint: endpoint)
        }

        var environment: [String: String] { moto.environment(home: directory.url) }

        func remote(_ extra: [String: String] = [:]) throws -> any Remote {
            try RemoteFactory.remote(for: url, environment: environment.merging(extra) { $1 })
        }

        func device(_ name: String) throws -> Device {
            try Device.onDisk(directory.url, name: name, journalID: journalID, remote: try remote(), url: url)
        }

        /// Every object under the remote's prefix, dot names included, read with a signed
        /// listing of its own.
        func objects() throws -> [String: Data] {
            let location = try S3Location.parse(url)
            var configuration = HTTPClient.Configuration()
            configuration.awsSignature = AWSSignature(
                region: "us-east-1", accessKeyID: moto.accessKeyID,
                secretAccessKey: moto.secretAccessKey, sessionToken: nil)
            let client = HTTPClient(configuration: configuration)
            let list = location.httpURL(key: nil, query: S3Location.query(["list-type": "2", "prefix": location.prefix + "/"]), region: "us-east-1")
            let response = try client.send(HTTPRequest(method: "GET", url: list))
            #expect(response.status == 200)
            let page = try #require(ListBucketResult.parse(response.body))
            #expect(!page.isTruncated)
            var objects: [String: Data] = [:]
            for key in page.keys {
                let object = try client.send(HTTPRequest(method: "GET", url: location.httpURL(key: key, region: "us-east-1")))
                objects[String(key.dropFirst(location.prefix.count + 1))] = object.body
            }
            return objects
        }
    }

    @Test func twoDevicesConvergeAndTheBucketHoldsNoPlaintext() throws {
        let fixture = try Fixture()
        let laptop = try fixture.device("laptop")
        let desktop = try fixture.device("desktop")
        let secret = "butterfly-rash-\(UUID().uuidString)"
        try laptop.journal.write([.create(.entry, ["date": .text("2026-11-20"), "note": .text(secret), "wellbeing": .integer(6)])])
        try laptop.logSymptom("fatigue-\(secret)", 3)
        var report = try laptop.sync()
        #expect(report.pushedOperations == 2)
        report = try desktop.sync()
        #expect(report.pulledOperations == 2)
        try desktop.logSymptom("joint-pain", 4)
        try desktop.sync()
        try laptop.sync()
        #expect(try laptop.export() == desktop.export())
        #expect(try laptop.journal.deviceNames()[try desktop.journal.identity().deviceID] == "desktop")

        let objects = try fixture.objects()
        let laptopID = try laptop.journal.identity().deviceID
        #expect(objects.keys.contains("journal.json"))
        #expect(objects.keys.contains("devices/\(laptopID)/000000000001.seg"))
        // The probe was removed: nothing but the journal's own objects.
        #expect(objects.keys.allSatisfy { $0 == "journal.json" || $0.hasPrefix("devices/") }, "\(objects.keys.sorted())")
        let stored = objects.values.reduce(Data(), +)
        for plaintext in [secret, "fatigue", "2026-11-20", "wellbeing", "severity", "laptop", "desktop", "joint-pain"] {
            #expect(stored.range(of: Data(plaintext.utf8)) == nil, "\(plaintext) is readable in the bucket")
        }
    }

    @Test func requestsForANoOpSyncAndForOneDaysEntry() throws {
        let fixture = try Fixture()
        let devices = try ["a", "b", "c"].map { try fixture.device($0) }
        for device in devices {
            try device.logSymptom("fatigue", 2)
            try device.sync()
        }
        for device in devices { try device.sync() }
        let a = devices[0]
        let before = a.remote.requestCounts
        try a.sync()
        let noOp = a.remote.requestCounts.merging(before) { $0 - $1 }.filter { $0.value != 0 }
        // One listing of devices/ and one per other device.
        #expect(noOp == ["LIST": 3], "\(noOp)")

        try a.logSymptom("joint-pain", 1)
        let beforePush = a.remote.requestCounts
        var pushReport = SyncReport()
        try a.engine.push(key: try a.engine.journalKey(), report: &pushReport)
        let push = a.remote.requestCounts.merging(beforePush) { $0 - $1 }.filter { $0.value != 0 }
        #expect(push == ["PUT": 1, "GET": 1], "\(push)")
    }

    /// Many devices, random edits and syncs, over S3: every device ends with the same journal.
    @Test(arguments: [UInt64(7), 11, 13])
    func randomEditsAndSyncsConverge(_ seed: UInt64) throws {
        let fixture = try Fixture()
        var random = SeededGenerator(seed: seed)
        let devices = try (0..<3).map { try fixture.device("d\($0)") }
        try devices[0].logSymptom("fatigue", 1)
        try devices[0].sync()
        for _ in 0..<14 {
            let device = devices[Int.random(in: 0..<devices.count, using: &random)]
            let known = try device.journal.records(.init(kind: .symptom))
            switch Int.random(in: 0..<4, using: &random) {
            case 0:
                try device.logSymptom(["rash", "fever", "cough"].randomElement(using: &random)!, Int64.random(in: 0...10, using: &random))
            case 1 where !known.isEmpty:
                let record = known.randomElement(using: &random)!
                try device.journal.write([.update(record.id, kind: .symptom, ["severity": .integer(Int64.random(in: 0...10, using: &random))])])
            case 2 where !known.isEmpty:
                try device.journal.write([.delete(known.randomElement(using: &random)!.id, kind: .symptom)])
            default:
                try device.sync()
            }
        }
        for _ in 0..<2 { for device in devices.shuffled(using: &random) { try device.sync() } }
        let first = try devices[0].export()
        for device in devices.dropFirst() { #expect(try device.export() == first, "seed \(seed)") }
    }

    @Test func aWrongSecretAMissingBucketAndAnUnknownKeyAreClearAndWriteNothingLocally() throws {
        let fixture = try Fixture()
        let laptop = try fixture.device("laptop")
        try laptop.logSymptom("fatigue", 2)
        try laptop.sync()

        // join with a wrong secret key: S3's code, the URL, what to do; no journal created.
        let location = JournalLocation(directory: fixture.directory.url.appendingPathComponent("joiner").path)
        let wrong = fixture.environment.merging(["AWS_SECRET_ACCESS_KEY": "not-the-secret-key-at-all"]) { $1 }
        do {
            _ = try SyncEngine.join(
                url: fixture.url, at: location, remoteName: "test", deviceName: "joiner",
                environment: wrong, passphrase: { Device.passphrase })
            Issue.record("join with a wrong secret key succeeded")
        } catch let error as HTTPError {
            #expect(error.serverCode == "SignatureDoesNotMatch", "\(error)")
            #expect(error.description.contains("answered 403 SignatureDoesNotMatch"), "\(error)")
            #expect(error.description.contains(fixture.moto.endpoint + "/" + fixture.moto.bucket + "/"), "\(error)")
            #expect(error.description.contains("AWS_SECRET_ACCESS_KEY"), "\(error)")
            #expect(!error.description.contains("not-the-secret-key-at-all"))
            #expect(!error.description.contains(fixture.moto.secretAccessKey))
        }
        #expect(!FileManager.default.fileExists(atPath: location.databasePath))

        // sync with a wrong secret: the journal is as it was.
        try laptop.logSymptom("rash", 1)
        let before = try laptop.export()
        let badLaptop = Device(journal: laptop.journal, remote: try fixture.remote(["AWS_SECRET_ACCESS_KEY": "wrong"]))
        #expect(throws: HTTPError.self) { try badLaptop.sync() }
        #expect(try laptop.export() == before)

        // An access key the service does not know.
        let unknown = Device(journal: laptop.journal, remote: try fixture.remote(["AWS_ACCESS_KEY_ID": "AKIAUNKNOWNKEY000000"]))
        do {
            try unknown.sync()
            Issue.record("sync with an unknown key succeeded")
        } catch let error as HTTPError {
            #expect(error.serverCode == "InvalidAccessKeyId", "\(error)")
        }

        // A bucket that does not exist: named, and nothing is created locally either.
        let missing =
            "s3://no-such-bucket-\(UUID().uuidString.lowercased().prefix(8))/journal?endpoint-url="
            + fixture.moto.endpoint.replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: "/", with: "%2F")
        do {
            _ = try SyncEngine.join(
                url: missing, at: location, remoteName: "test", deviceName: "joiner",
                environment: fixture.environment, passphrase: { Device.passphrase })
            Issue.record("join of a missing bucket succeeded")
        } catch let error as HTTPError {
            #expect(error.serverCode == "NoSuchBucket", "\(error)")
            #expect(error.description.contains("there is no bucket 'no-such-bucket-"), "\(error)")
        }
        #expect(!FileManager.default.fileExists(atPath: location.databasePath))
        let stray = Device(journal: laptop.journal, remote: try RemoteFactory.remote(for: missing, environment: fixture.environment))
        #expect(throws: HTTPError.self) { try stray.sync() }
        #expect(try laptop.export() == before)

        // No credentials at all: said before any request.
        do {
            _ = try RemoteFactory.remote(for: fixture.url, environment: ["HOME": fixture.directory.url.path]).get("journal.json")
            Issue.record("a request without credentials was sent")
        } catch let error as RemoteError {
            #expect(error.description.contains("no S3 credentials"))
        }
    }

    @Test func listingsFollowContinuationTokensAndStartAfter() throws {
        let fixture = try Fixture()
        let remote = try #require(try fixture.remote() as? S3Remote)
        remote.pageSize = 2
        #expect(try remote.list("", startAfter: nil) == nil)
        let names = (1...7).map { SegmentCodec.name(sequence: Int64($0)) }
        for name in names { #expect(try remote.createOnly("devices/d/" + name, data: Data(name.utf8)) == .created) }
        #expect(try remote.createOnly("devices/e/" + names[0], data: Data()) == .created)
        #expect(try remote.createOnly("devices/d/.hidden", data: Data()) == .created)
        #expect(try remote.createOnly("devices/d/" + names[0], data: Data("other".utf8)) == .alreadyExists)

        let before = remote.requestCounts["LIST"] ?? 0
        #expect(try remote.list("devices/d/", startAfter: nil) == names)
        #expect(remote.requestCounts["LIST"]! - before == 4, "8 keys, 2 a page")
        #expect(try remote.list("devices/d", startAfter: names[4]) == Array(names[5...]))
        #expect(try remote.list("devices/", startAfter: nil) == ["d/", "e/"])
        #expect(try remote.list("", startAfter: nil) == ["devices/"])
        #expect(try remote.list("devices/d/", startAfter: names[6]) == [])
        #expect(try remote.list("nothing/", startAfter: nil) == nil)
        #expect(try remote.get("devices/d/" + names[0]) == Data(names[0].utf8))
        #expect(try remote.get("devices/d/none") == nil)
    }

    @Test func sessionCredentialsSignWithTheirToken() throws {
        let fixture = try Fixture()
        let session = fixture.moto.session
        let environment = [
            "AWS_ACCESS_KEY_ID": session.accessKeyID, "AWS_SECRET_ACCESS_KEY": session.secretAccessKey,
            "AWS_SESSION_TOKEN": session.token
        ]
        let device = Device(journal: try fixture.device("a").journal, remote: try fixture.remote(environment))
        try device.logSymptom("fatigue", 1)
        #expect(try device.sync().pushedOperations == 1)
        // Without its token the session key is unknown; with another, refused.
        for token in ["", "not-a-token"] {
            let remote = try fixture.remote(environment.merging(["AWS_SESSION_TOKEN": token]) { $1 })
            do {
                _ = try remote.get("journal.json")
                Issue.record("a session key without its token was accepted")
            } catch let error as HTTPError {
                #expect(["InvalidAccessKeyId", "InvalidToken"].contains(error.serverCode), "\(error)")
                #expect(!error.description.contains(session.secretAccessKey))
            }
        }
    }

    @Test func journalJSONIsReplacedOnlyIfUnchangedSinceItWasRead() throws {
        let fixture = try Fixture()
        let laptop = try fixture.device("laptop")
        try laptop.sync()
        let first = try fixture.remote()
        let second = try fixture.remote()
        let original = try #require(try first.get("journal.json"))
        _ = try second.get("journal.json")
        try first.replace("journal.json", data: original + Data(" ".utf8))
        // second read it before first's change: its replacement is refused.
        do {
            try second.replace("journal.json", data: original)
            Issue.record("a stale replacement of journal.json went through")
        } catch let error as RemoteError {
            #expect(error.description.contains("changed on the remote since it was read"))
        }
        #expect(try fixture.remote().get("journal.json") == original + Data(" ".utf8))
    }

    // MARK: Faults

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
        let moto = try MotoServer.start()
        let proxy = try FaultProxy(upstream: moto.port, mode: mode, count: 1000)
        let fixture = try Fixture(endpoint: proxy.baseURL)
        let environment = ["REMISSION_HTTP_RETRIES": "1", "REMISSION_HTTP_BACKOFF": "0", "REMISSION_HTTP_TIMEOUT": "1"]
        // The same bucket and prefix directly, for a first device.
        let direct = fixture.url.replacingOccurrences(of: "%3A\(proxy.port)", with: "%3A\(moto.port)")
        let first = try Device.onDisk(
            fixture.directory.url, name: "first", journalID: fixture.journalID,
            remote: try RemoteFactory.remote(for: direct, environment: fixture.environment), url: direct)
        try first.logSymptom("fatigue", 3)
        try first.sync()

        let second = try Device.onDisk(
            fixture.directory.url, name: "second", journalID: fixture.journalID,
            remote: try fixture.remote(environment), url: fixture.url)
        try second.logSymptom("rash", 2)
        let before = try second.export()
        do {
            try second.sync()
            Issue.record("sync through a '\(mode)' server succeeded")
        } catch let error as HTTPError {
            #expect(error.description.contains(message), "\(error)")
            #expect(error.description.contains(proxy.baseURL + "/" + moto.bucket + "/"), "\(error)")
            #expect(error.attempts == 2, "retried once: \(error)")
        }
        #expect(try second.export() == before)

        let healed = try FaultProxy(upstream: moto.port, mode: mode, count: 0)
        let healedURL = fixture.url.replacingOccurrences(of: "%3A\(proxy.port)", with: "%3A\(healed.port)")
        let recovered = Device(journal: second.journal, remote: try RemoteFactory.remote(for: healedURL, environment: fixture.environment))
        let report = try recovered.sync()
        #expect(report.pulledOperations == 1)
        #expect(report.pushedOperations == 1)
        try first.sync()
        #expect(try first.export() == recovered.export())
    }

    @Test func aConditionalRequestConflictIsRetried() throws {
        let moto = try MotoServer.start()
        let proxy = try FaultProxy(upstream: moto.port, mode: "409", count: 2)
        let fixture = try Fixture(endpoint: proxy.baseURL)
        let device = try fixture.device("a")
        try device.logSymptom("fatigue", 1)
        let report = try device.sync()
        #expect(report.pushedOperations == 1)
    }

    // MARK: The create-only probe

    @Test func theProbeRunsBeforeTheFirstWriteOnlyAndAgainWhenTheURLChanges() throws {
        let fixture = try Fixture()
        let device = try fixture.device("a")
        try device.logSymptom("fatigue", 1)
        try device.sync()
        // journal.json, its segment, and the probe: two writes, a read-back, a removal.
        let first = device.remote.requestCounts
        #expect(first["PUT"] == 4, "\(first)")
        #expect(first["DELETE"] == 1, "\(first)")
        #expect(try device.journal.probedURL(remote: "test") == fixture.url)

        try device.logSymptom("rash", 1)
        let before = device.remote.requestCounts
        try device.sync()
        #expect(device.remote.requestCounts.merging(before) { $0 - $1 }["PUT"] == 1)

        // Another URL for the remote (moved, or another server): probed again before writing.
        try device.journal.setProbedURL(remote: "test", url: "s3://elsewhere/journal")
        try device.logSymptom("fever", 1)
        let again = Device(journal: device.journal, remote: try fixture.remote())
        try again.sync()
        #expect(again.remote.requestCounts["PUT"] == 3, "\(again.remote.requestCounts)")
        #expect(again.remote.requestCounts["DELETE"] == 1, "\(again.remote.requestCounts)")
        #expect(try device.journal.probedURL(remote: "test") == fixture.url)
    }

    @Test func aWebDAVServerThatOverwritesIsRefusedAndKeepsNothing() throws {
        let rclone = try RcloneServer()
        let directory = TemporaryDirectory("sync")
        let url = rclone.baseURL + "/journal"
        let device = try Device.onDisk(
            directory.url, name: "a", journalID: newRecordID(),
            remote: try RemoteFactory.remote(for: url, environment: ["REMISSION_HTTP_RETRIES": "0"]), url: url)
        try device.logSymptom("fatigue", 1)
        let before = try device.export()
        do {
            try device.sync()
            Issue.record("sync to a server that overwrites succeeded")
        } catch let error as CreateOnlyProbe.Refusal {
            #expect(error.description.contains("If-None-Match"), "\(error)")
            #expect(error.description.contains("accepted a second write"), "\(error)")
            #expect(error.description.contains(url), "\(error)")
        }
        #expect(rclone.files().isEmpty, "\(rclone.files())")
        #expect(try device.export() == before)
        #expect(try device.journal.probedURL(remote: "test") == nil)
    }

    @Test func apacheHonoursIfNoneMatchAndPassesTheProbe() throws {
        let apache = try ApacheServer()
        let remote = try RemoteFactory.remote(for: apache.baseURL + "/journal", environment: [:])
        try CreateOnlyProbe.prove(remote)
        let left = (FileManager.default.subpaths(atPath: apache.documents.path) ?? []).filter { !$0.hasSuffix("journal") }
        #expect(left.isEmpty, "\(left)")
    }
}
