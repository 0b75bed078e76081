import Foundation
import RemissionTestSupport
import Testing

/// `remote`, `sync`, `join`, `devices`, `conflicts`, `passphrase change` as a user runs them,
/// through a folder remote; and syncs killed at random moments.
@Suite struct SyncCommandTests {
    static let environment = ["REMISSION_SCRYPT_LOG2N": "10", "REMISSION_PASSPHRASE": "correct horse battery staple"]

    /// Two journals in one temporary home, and a folder remote between them.
    struct Pair {
        let cli: CLI
        var laptop: String { cli.home.appendingPathComponent("laptop").path }
        var desktop: String { cli.home.appendingPathComponent("desktop").path }
        var remote: String { cli.home.appendingPathComponent("remote").path }

        init() throws {
            cli = try CLI()
            try run(["init", "--journal", laptop, "--infusion-date", "2026-03-02", "--device-name", "laptop"])
            try run(["remote", "add", "usb", remote, "--journal", laptop])
            try run(["log", "--symptom", "fatigue=3", "--journal", laptop])
            try run(["sync", "--journal", laptop])
            try run(["join", remote, "--journal", desktop, "--name", "usb", "--device-name", "desktop"])
        }

        @discardableResult
        func run(_ arguments: [String], environment extra: [String: String] = [:]) throws -> CLI.Result {
            let result = try cli.run(arguments, environment: SyncCommandTests.environment.merging(extra) { $1 })
            #expect(result.status == 0, "remission \(arguments.joined(separator: " ")): \(result)")
            return result
        }

        func export(_ journal: String) throws -> String {
            try cli.run(["export", "--journal", journal]).stdout
        }
    }

    @Test func syncJoinDevicesAndRemotes() throws {
        let pair = try Pair()
        try pair.run(["lab", "c3", "0.8", "g/L", "--journal", pair.desktop])
        let pushed = try pair.run(["sync", "--journal", pair.desktop])
        #expect(pushed.stdout == "Synced with usb: pushed 1, pulled 0 from 0 devices, conflicts 0.\n")
        let pulled = try pair.run(["sync", "usb", "--journal", pair.laptop])
        #expect(pulled.stdout == "Synced with usb: pushed 0, pulled 1 from 1 device, conflicts 0.\n")
        #expect(try pair.export(pair.laptop) == pair.export(pair.desktop))

        let devices = try pair.run(["devices", "--journal", pair.laptop]).stdout
        #expect(devices.contains("laptop (this device)"))
        #expect(devices.contains("desktop"))
        let remotes = try pair.run(["remote", "list", "--journal", pair.laptop]).stdout
        #expect(remotes == "usb\tfile://\(pair.remote)\n")
        let history = try pair.run(["list", "--kind", "lab", "--journal", pair.laptop, "--json"]).stdout
        let id = try #require((try JSONSerialization.jsonObject(with: Data(history.utf8)) as? [[String: Any]])?.first?["id"] as? String)
        let changes = try pair.run(["history", id, "--journal", pair.laptop]).stdout
        #expect(changes.contains("created on desktop"))
        try pair.run(["remote", "remove", "usb", "--journal", pair.laptop])
        #expect(try pair.run(["remote", "list", "--journal", pair.laptop]).stdout.hasPrefix("No remotes."))
        #expect(FileManager.default.fileExists(atPath: pair.remote + "/journal.json"))
    }

    @Test func conflictsAreListedAndSettled() throws {
        let pair = try Pair()
        let records = try pair.run(["list", "--kind", "symptom", "--json", "--journal", pair.laptop]).stdout
        let id = try #require((try JSONSerialization.jsonObject(with: Data(records.utf8)) as? [[String: Any]])?.first?["id"] as? String)
        try pair.run(["edit", id, "--severity", "5", "--journal", pair.laptop])
        try pair.run(["edit", id, "--severity", "8", "--journal", pair.desktop])
        try pair.run(["sync", "--journal", pair.laptop])
        let report = try pair.run(["sync", "--journal", pair.desktop])
        #expect(report.stdout.contains("conflicts 1."))
        let listed = try pair.run(["conflicts", "--journal", pair.desktop]).stdout
        #expect(listed.contains("rating (name, severity, settled together):"), "\(listed)")
        #expect(listed.contains("1. "))
        #expect(listed.contains("2. "))
        try pair.run(["conflicts", "settle", String(id.prefix(8)), "severity", "2", "--journal", pair.desktop])
        #expect(try pair.run(["conflicts", "--journal", pair.desktop]).stdout == "No conflicts.\n")
        try pair.run(["sync", "--journal", pair.desktop])
        try pair.run(["sync", "--journal", pair.laptop])
        #expect(try pair.run(["conflicts", "--journal", pair.laptop]).stdout == "No conflicts.\n")
        #expect(try pair.export(pair.laptop) == pair.export(pair.desktop))
    }

    @Test func passphraseChangeAndPassphraseFiles() throws {
        let pair = try Pair()
        let old = pair.cli.home.appendingPathComponent("old-passphrase")
        let new = pair.cli.home.appendingPathComponent("new-passphrase")
        try "correct horse battery staple\n".write(to: old, atomically: true, encoding: .utf8)
        try "a brand new passphrase".write(to: new, atomically: true, encoding: .utf8)
        try pair.run(["passphrase", "change", "--passphrase-file", old.path, "--new-passphrase-file", new.path, "--journal", pair.laptop])
        // The old passphrase no longer opens the journal; the new one does.
        let third = pair.cli.home.appendingPathComponent("third").path
        let refused = try pair.cli.run(
            ["join", pair.remote, "--journal", third, "--passphrase-file", old.path],
            environment: ["REMISSION_SCRYPT_LOG2N": "10"])
        #expect(refused.status == 77)
        #expect(refused.stderr.contains("the passphrase does not open this journal"))
        #expect(!FileManager.default.fileExists(atPath: third))
        let joined = try pair.cli.run(
            ["join", pair.remote, "--journal", third, "--passphrase-file", new.path],
            environment: ["REMISSION_SCRYPT_LOG2N": "10"])
        #expect(joined.status == 0, "\(joined)")
        #expect(try pair.export(third) == pair.export(pair.laptop))
        // The passphrase never appears in what remission writes.
        let everything = try FileManager.default.subpathsOfDirectory(atPath: pair.remote)
            .compactMap { FileManager.default.contents(atPath: pair.remote + "/" + $0) }
            .reduce(Data(), +)
        #expect(everything.range(of: Data("brand new".utf8)) == nil)
    }

    @Test func syncErrorsAreClear() throws {
        let pair = try Pair()
        let noRemote = try pair.cli.run(["sync", "nowhere", "--journal", pair.laptop], environment: Self.environment)
        #expect(noRemote.status == 64)
        #expect(noRemote.stderr.contains("no remote named 'nowhere'"))
        let withPassword = try pair.cli.run(["remote", "add", "web", "https://me:secret@dav.example.org/x", "--journal", pair.laptop])
        #expect(withPassword.status == 64)
        #expect(!withPassword.stderr.contains("secret"))
        let nothing = try pair.cli.run(
            [
                "join", pair.cli.home.appendingPathComponent("empty").path, "--journal",
                pair.cli.home.appendingPathComponent("j").path
            ], environment: Self.environment)
        #expect(nothing.status == 65)
        #expect(nothing.stderr.contains("there is no remission journal at"))
    }

    @Test func aCopiedJournalDirectoryIsDetectedAndGivenANewIdentity() throws {
        let pair = try Pair()
        let copy = pair.cli.home.appendingPathComponent("copy").path
        try FileManager.default.copyItem(atPath: pair.laptop, toPath: copy)
        try pair.run(["log", "--symptom", "on-original=1", "--journal", pair.laptop])
        try pair.run(["sync", "--journal", pair.laptop])
        try pair.run(["log", "--symptom", "on-copy=2", "--journal", copy])
        let before = try pair.export(copy)
        let detected = try pair.cli.run(["sync", "--journal", copy], environment: Self.environment)
        #expect(detected.status == 65)
        #expect(detected.stderr.contains("this journal file was copied from another device"))
        #expect(detected.stderr.contains("remission sync --new-device-id"))
        #expect(try pair.export(copy) == before)
        let resolved = try pair.run(["sync", "--new-device-id", "--journal", copy])
        #expect(resolved.stderr.contains("1 unsynced change moved to it"))
        try pair.run(["sync", "--journal", pair.laptop])
        try pair.run(["sync", "--journal", pair.desktop])
        let symptoms = try pair.run(["list", "--kind", "symptom", "--json", "--journal", pair.desktop]).stdout
        let names = (try JSONSerialization.jsonObject(with: Data(symptoms.utf8)) as? [[String: Any]] ?? [])
            .compactMap { ($0["fields"] as? [String: Any])?["name"] as? String }
        #expect(Set(names) == ["fatigue", "on-original", "on-copy"])
        #expect(try pair.export(copy) == pair.export(pair.laptop))
        #expect(try pair.export(pair.desktop) == pair.export(pair.laptop))
    }

    /// `kill -9` during push and pull, many times: every rerun continues, and both devices
    /// end with the same journal, nothing lost or doubled.
    @Test func syncsKilledAtRandomMomentsConverge() throws {
        let pair = try Pair()
        var generator = SystemRandomNumberGenerator()
        var logged = 1
        for round in 0..<12 {
            for journal in [pair.laptop, pair.desktop] {
                for index in 0..<3 {
                    try pair.run(["log", "--symptom", "s\(round)-\(index)=\(index)", "--new-symptom", "s\(round)-\(index)", "--journal", journal])
                    logged += 1
                }
                // Start a sync and kill it after a random moment, often mid-transfer.
                try pair.cli.kill(
                    ["sync", "--journal", journal], environment: Self.environment,
                    after: UInt32.random(in: 0...25_000, using: &generator))
            }
        }
        for journal in [pair.laptop, pair.desktop, pair.laptop] {
            try pair.run(["sync", "--journal", journal])
        }
        let laptop = try pair.export(pair.laptop)
        #expect(laptop == (try pair.export(pair.desktop)))
        let symptoms = try pair.run(["list", "--kind", "symptom", "--json", "--journal", pair.laptop]).stdout
        let count = (try JSONSerialization.jsonObject(with: Data(symptoms.utf8)) as? [Any])?.count
        #expect(count == logged)
        for journal in [pair.laptop, pair.desktop] {
            #expect(try pair.run(["check", "--journal", journal]).stdout.contains("ok  derived tables match"))
        }
    }
}
