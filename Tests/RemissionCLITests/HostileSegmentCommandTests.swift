import Foundation
import RemissionTestSupport
import Testing

/// Segments sealed by another holder of the passphrase, through the built binary: a small
/// writer of the documented format (`Tests/Support/segment-writer.py`, Schema/sync-format.md),
/// not the product's codec, seals them into the folder remote of a `SyncCommandTests.Pair`.
@Suite struct HostileSegmentCommandTests {
    typealias Pair = SyncCommandTests.Pair

    /// `Tests/Support/segment-writer.py`, run with Debian's python3 (python3-cryptography).
    struct Writer {
        static let script = Repository.path("Tests/Support/segment-writer.py")

        let pair: Pair
        let name: String
        /// By default a device id that sorts before every other, so that its folder is read
        /// first: a problem in it that stopped the whole sync would leave the others unpulled.
        var device = "00000000" + UUID().uuidString.lowercased().dropFirst(8)

        /// Seals `operations` as segment `sequence` of this writer's device, chained to its
        /// previous one on the remote. Standard input and output are files, not pipes, so
        /// that no concurrently started child can hold them open.
        func seal(
            _ operations: [String], sequence: Int = 1, relayNames: [String: String] = [:],
            sourceLocation: SourceLocation = #_sourceLocation
        ) throws {
            let scratch = pair.cli.home.appendingPathComponent("writer-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: scratch) }
            let input = scratch.appendingPathComponent("operations.jsonl")
            let output = scratch.appendingPathComponent("output")
            try operations.joined(separator: "\n").write(to: input, atomically: true, encoding: .utf8)
            let status = try ProcessRunner.runSpawned(
                [
                    "/usr/bin/python3", Self.script, pair.remote, "--passphrase-env", "REMISSION_PASSPHRASE", "--device", device,
                    "--sequence", String(sequence), "--previous-from-remote", "--name", name
                ]
                    + relayNames.sorted { $0.key < $1.key }.flatMap { ["--relay-name", "\($0.key)=\($0.value)"] },
                stdin: input.path, stdout: output.path, stderr: output.path, environment: SyncCommandTests.environment)
            let printed = try String(contentsOf: output, encoding: .utf8)
            #expect(status == 0 && printed.isEmpty, "segment-writer.py: \(printed)", sourceLocation: sourceLocation)
            let segment = pair.remote + "/devices/\(device)/" + String(format: "%012d.seg", sequence)
            try #require(FileManager.default.fileExists(atPath: segment), "segment-writer.py wrote no \(segment)", sourceLocation: sourceLocation)
        }
    }

    /// An operation's canonical JSON (sync-format.md, "Operations"): keys sorted, no spaces,
    /// writes sorted by field name, the `mergeRule` write every format 2 operation carries.
    static func operation(
        _ id: String, kind: String = "symptom", record: String = UUID().uuidString.lowercased(),
        writes: [String: Any]
    ) throws -> String {
        let clock = Int64(Date().timeIntervalSince1970 * 1000) << 16
        let all = writes.merging(["mergeRule": 2]) { $1 }
        let object: [String: Any] = [
            "clock": clock, "id": id, "kind": kind, "record": record,
            "writes": all.keys.sorted().map { ["field": $0, "replaces": [String](), "value": all[$0]!] }
        ]
        return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
    }

    static func symptom(_ id: String, _ name: String, severity: Any = 9, extra: [String: Any] = [:]) throws -> String {
        try operation(id, writes: ["date": "2026-11-19", "name": name, "severity": severity].merging(extra) { $1 })
    }

    /// A device's id, by its name in `devices --json`.
    static func deviceID(_ pair: Pair, _ name: String, in journal: String) throws -> String {
        let devices = try #require(
            try JSONSerialization.jsonObject(
                with: Data(try pair.run(["devices", "--json", "--journal", journal]).stdout.utf8)) as? [[String: Any]])
        return try #require(devices.first { $0["name"] as? String == name }?["device"] as? String, "no device \(name): \(devices)")
    }

    /// The greatest counter of `device`'s operations in a journal's export.
    static func lastCounter(_ pair: Pair, of device: String, in journal: String) throws -> Int64 {
        let export = try #require(try JSONSerialization.jsonObject(with: Data(try pair.export(journal).utf8)) as? [String: Any])
        let ids = (export["operations"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        return ids.filter { $0.hasPrefix(device + ":") }.compactMap { Int64($0.dropFirst(device.count + 1)) }.max() ?? 0
    }

    /// The symptom names `list --json` shows.
    static func symptoms(_ pair: Pair, _ journal: String) throws -> [String] {
        let listed = try pair.run(["list", "--kind", "symptom", "--json", "--journal", journal]).stdout
        return (try JSONSerialization.jsonObject(with: Data(listed.utf8)) as? [[String: Any]] ?? [])
            .compactMap { ($0["fields"] as? [String: Any])?["name"] as? String }.sorted()
    }

    /// A sync that reads hostile segments: bounded memory and CPU.
    static func sync(_ pair: Pair, _ journal: String) throws -> CLI.Result {
        try HostileInputTests.limited(pair.cli, ["sync", "--journal", journal], memory: 1 << 30, seconds: 30)
    }

    /// The writer is right: a segment it seals for a fresh device with one valid symptom is
    /// pulled by `sync` and shown by `list`, under the name sealed in it.
    @Test func theTestWritersSegmentIsPulled() throws {
        let pair = try Pair()
        let mallory = Writer(pair: pair, name: "mallory")
        try mallory.seal([try Self.symptom(mallory.device + ":1", "headache", severity: 4)])
        let pulled = try Self.sync(pair, pair.desktop)
        #expect(pulled.status == 0, "\(pulled)")
        #expect(pulled.stdout.contains("pulled 1 from 1 device"), "\(pulled.stdout)")
        #expect(try Self.symptoms(pair, pair.desktop) == ["fatigue", "headache"])
        #expect(try pair.run(["list", "--journal", pair.desktop]).stdout.contains("headache 4/10"))
        #expect(try Self.deviceID(pair, "mallory", in: pair.desktop) == mallory.device)
        // And its chain goes on: a second segment, chained by hash to the first.
        try mallory.seal([try Self.symptom(mallory.device + ":2", "nausea", severity: 2)], sequence: 2)
        let again = try Self.sync(pair, pair.desktop)
        #expect(again.status == 0, "\(again)")
        #expect(try Self.symptoms(pair, pair.desktop) == ["fatigue", "headache", "nausea"])
    }

    /// 1. A key holder relays an operation under the laptop's id and next counter. The desktop
    /// shows it until the laptop's own segment brings the true one; then the forged record is
    /// gone on every device, sync warns, check flags the id. The laptop refuses a relay of its
    /// own id, and still pulls the desktop's segments.
    @Test func aForgedRelayIsReplacedByTheDevicesOwnOperation() throws {
        let pair = try Pair()
        let laptopID = try Self.deviceID(pair, "laptop", in: pair.laptop)
        let next = try Self.lastCounter(pair, of: laptopID, in: pair.laptop) + 1
        #expect(next > 1)
        let mallory = Writer(pair: pair, name: "mallory")
        let forgedID = "\(laptopID):\(next)"
        try mallory.seal([try Self.symptom(forgedID, "forged")], relayNames: [laptopID: "laptop"])

        let first = try Self.sync(pair, pair.desktop)
        #expect(first.status == 0, "\(first)")
        #expect(try Self.symptoms(pair, pair.desktop) == ["fatigue", "forged"])
        try pair.run(["log", "--symptom", "from-desktop=1", "--journal", pair.desktop])
        try pair.run(["sync", "--journal", pair.desktop])

        try pair.run(["log", "--symptom", "truth=2", "--journal", pair.laptop])
        #expect(try Self.lastCounter(pair, of: laptopID, in: pair.laptop) == next, "the laptop's true entry is not the forged id")
        let own = try Self.sync(pair, pair.laptop)
        #expect(own.status == 65, "\(own)")
        #expect(own.stderr.contains("claims this device's own id"), "\(own.stderr)")
        #expect(own.stderr.contains(mallory.device), "the refusal does not name mallory's segment: \(own.stderr)")
        #expect(own.stdout.contains("pushed 1"), "\(own.stdout)")
        #expect(try Self.symptoms(pair, pair.laptop) == ["fatigue", "from-desktop", "truth"], "the desktop's segments were not pulled")

        let second = try Self.sync(pair, pair.desktop)
        #expect(second.status == 0, "\(second)")
        #expect(second.stderr.contains("arrived with a second, different body"), "\(second.stderr)")
        #expect(try Self.symptoms(pair, pair.desktop) == ["fatigue", "from-desktop", "truth"], "the forged record is still shown")
        #expect(try pair.export(pair.desktop) == pair.export(pair.laptop))
        let check = try pair.cli.run(["check", "--journal", pair.desktop], environment: SyncCommandTests.environment)
        #expect(check.status == 0, "\(check)")
        #expect(check.stdout.split(separator: "\n").contains { $0.hasPrefix("flagged") && $0.contains(forgedID) }, "\(check.stdout)")
    }

    /// 2. A relay under the desktop's own id at counter 2^63−1: refused for its counter (only
    /// mallory's chain stops), and the desktop goes on writing (it once died with SIGILL)
    /// with counters far from the end of their range.
    @Test func aCounterAtTheEndOfItsRangeIsRefusedAndLogGoesOn() throws {
        let pair = try Pair()
        let desktopID = try Self.deviceID(pair, "desktop", in: pair.desktop)
        try pair.run(["log", "--symptom", "nausea=2", "--journal", pair.laptop])
        try pair.run(["sync", "--journal", pair.laptop])
        let mallory = Writer(pair: pair, name: "mallory")
        try mallory.seal([try Self.symptom("\(desktopID):9223372036854775807", "huge")], relayNames: [desktopID: "desktop"])

        let refused = try Self.sync(pair, pair.desktop)
        #expect(refused.status == 65, "\(refused)")
        #expect(refused.stderr.contains("9223372036854775807"), "\(refused.stderr)")
        #expect(refused.stderr.contains("its counter is beyond"), "\(refused.stderr)")
        #expect(refused.stderr.contains(mallory.device))
        #expect(try Self.symptoms(pair, pair.desktop) == ["fatigue", "nausea"], "the laptop's chain was not pulled")

        let logged = try HostileInputTests.limited(
            pair.cli, ["log", "--symptom", "fatigue=3", "--journal", pair.desktop],
            memory: 1 << 30, seconds: 30)
        #expect(logged.status == 0, "\(logged)")
        #expect(try Self.lastCounter(pair, of: desktopID, in: pair.desktop) < 1 << 53)
        let again = try Self.sync(pair, pair.desktop)
        #expect(again.status == 65 && again.stdout.contains("pushed"), "\(again)")
        // The laptop stops at mallory's segment too (its counter, not its id), and pulls the desktop's.
        let laptop = try Self.sync(pair, pair.laptop)
        #expect(laptop.status == 65 && laptop.stderr.contains("its counter is beyond"), "\(laptop)")
        #expect(try Self.symptoms(pair, pair.laptop) == ["fatigue", "fatigue", "nausea"])
    }

    /// 3. A field of a newer version is applied and carried, and check says to update; a
    /// value of the wrong type stops only its device's chain, and the laptop's new entries
    /// are still pulled.
    @Test func oneBadDeviceDoesNotStopTheOthers() throws {
        let pair = try Pair()
        try pair.run(["log", "--symptom", "nausea=2", "--journal", pair.laptop])
        try pair.run(["log", "--symptom", "chills=1", "--journal", pair.laptop])
        try pair.run(["sync", "--journal", pair.laptop])
        let newer = Writer(pair: pair, name: "newer", device: "ffffffff" + UUID().uuidString.lowercased().dropFirst(8))
        try newer.seal([try Self.symptom(newer.device + ":1", "with a future field", severity: 5, extra: ["bodySite": "left knee"])])
        let broken = Writer(pair: pair, name: "broken")
        try broken.seal([try Self.symptom(broken.device + ":1", "wrong type", severity: "high")])

        let result = try Self.sync(pair, pair.desktop)
        #expect(result.status == 65, "\(result)")
        #expect(result.stderr.contains(broken.device), "\(result.stderr)")
        #expect(result.stderr.contains("cannot be \"high\""), "\(result.stderr)")
        #expect(!result.stderr.contains(newer.device), "the newer device's segment was refused: \(result.stderr)")
        #expect(try Self.symptoms(pair, pair.desktop) == ["chills", "fatigue", "nausea", "with a future field"])
        #expect(!(try pair.export(pair.desktop)).contains("wrong type"))
        // Carried: the field is in the desktop's log, hence in its export.
        let export = try #require(try JSONSerialization.jsonObject(with: Data(try pair.export(pair.desktop).utf8)) as? [String: Any])
        let writes = (export["operations"] as? [[String: Any]] ?? []).flatMap { $0["writes"] as? [[String: Any]] ?? [] }
        #expect(writes.contains { $0["field"] as? String == "bodySite" && $0["value"] as? String == "left knee" })

        let check = try pair.cli.run(["check", "--journal", pair.desktop], environment: SyncCommandTests.environment)
        #expect(check.status == 0, "\(check)")
        #expect(
            check.stdout.split(separator: "\n").contains {
                $0.hasPrefix("flagged") && $0.contains("fields this one does not know") && $0.contains("bodySite") && $0.contains("update remission")
            }, "\(check.stdout)")
    }

    /// 4. Device names travel only sealed: after both devices have pushed and pulled, no byte
    /// under the remote holds a name, and every header has exactly the documented keys of
    /// format 2.
    @Test func deviceNamesNeverReachTheRemoteInPlainText() throws {
        let pair = try Pair()
        try pair.run(["log", "--symptom", "nausea=2", "--journal", pair.desktop])
        try pair.run(["sync", "--journal", pair.desktop])
        try pair.run(["log", "--symptom", "chills=1", "--journal", pair.laptop])
        try pair.run(["sync", "--journal", pair.laptop])
        try pair.run(["sync", "--journal", pair.desktop])
        let files = try FileManager.default.subpathsOfDirectory(atPath: pair.remote)
            .filter { !(try FileManager.default.attributesOfItem(atPath: pair.remote + "/" + $0)[.type] as? FileAttributeType == .typeDirectory) }
        #expect(files.filter { $0.hasSuffix(".seg") }.count >= 3, "\(files)")
        for file in files {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: pair.remote + "/" + file))
            for secret in ["laptop", "desktop", "device_name", "relayed_names"] {
                #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(file) holds '\(secret)'")
            }
            guard file.hasSuffix(".seg") else { continue }
            try #require(bytes.count > 12 && bytes.prefix(8) == Data("RMSSEG01".utf8), "\(file) is no segment")
            let length = bytes[8..<12].reduce(0) { $0 << 8 | Int($1) }
            let header = try #require(try JSONSerialization.jsonObject(with: bytes[12..<(12 + length)]) as? [String: Any])
            #expect(Set(header.keys) == ["device", "format", "journal", "operations", "previous", "salt", "sequence", "vector"], "\(file): \(header.keys)")
            #expect(header["format"] as? Int == 2)
        }
    }

    /// A key holder's segment names, in its sealed `relayed` names, a device that has a chain
    /// of its own and whose operation it does not even carry. Names, like bodies, come from a
    /// device's own chain: only devices the segment relays, without a chain, take its names.
    @Test func aRelayedNameDoesNotRenameADeviceWithAChainOfItsOwn() throws {
        let pair = try Pair()
        try pair.run(["sync", "--journal", pair.desktop])
        let laptopID = try Self.deviceID(pair, "laptop", in: pair.desktop)
        let ghost = UUID().uuidString.lowercased()
        let trudy = Writer(pair: pair, name: "trudy")
        try trudy.seal([try Self.symptom(ghost + ":1", "ghostly", severity: 1)], relayNames: [laptopID: "evil-laptop", ghost: "ghost"])
        let pulled = try Self.sync(pair, pair.desktop)
        #expect(pulled.status == 0, "\(pulled)")
        #expect(try Self.symptoms(pair, pair.desktop) == ["fatigue", "ghostly"])
        #expect(try Self.deviceID(pair, "ghost", in: pair.desktop) == ghost)
        let devices = try pair.run(["devices", "--journal", pair.desktop]).stdout
        #expect(!devices.contains("evil-laptop"), "\(devices)")
        #expect(devices.contains("laptop"))
    }
}
