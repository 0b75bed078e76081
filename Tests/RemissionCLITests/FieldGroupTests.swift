import Foundation
import RemissionTestSupport
import Testing

/// Fields that belong together merge together (Schema/merge-rule.md), with the built binary:
/// two devices editing one lab result at once, and a journal of the previous release.
@Suite struct FieldGroupTests {
    typealias Pair = SyncCommandTests.Pair

    static func json(_ result: CLI.Result) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(result.stdout.utf8), options: [.fragmentsAllowed])
    }

    /// The issue's trial: the laptop re-enters a C3 result in g/L, the desktop corrects the
    /// number in mg/dL, both before syncing. Neither device may show "95 g/L".
    @Test func aValueAndAUnitEditedOnTwoDevicesStayWhole() throws {
        let pair = try Pair()
        try pair.run(["lab", "c3", "97", "mg/dL", "--date", "2026-10-01", "--journal", pair.laptop])
        try pair.run(["sync", "--journal", pair.laptop])
        try pair.run(["sync", "--journal", pair.desktop])
        let list = try Self.json(try pair.run(["list", "--kind", "lab", "--json", "--journal", pair.laptop])) as? [[String: Any]]
        let id = try #require(list?.first?["id"] as? String)
        try pair.run(["edit", id, "--value", "0.97", "--unit", "g/L", "--journal", pair.laptop])
        try pair.run(["edit", id, "--value", "95", "--journal", pair.desktop])
        try pair.run(["sync", "--journal", pair.laptop])
        try pair.run(["sync", "--journal", pair.desktop])
        try pair.run(["sync", "--journal", pair.laptop])

        var shown: [String] = []
        for journal in [pair.laptop, pair.desktop] {
            let record = try #require(try Self.json(try pair.run(["show", id, "--json", "--journal", journal])) as? [String: Any])
            let fields = try #require(record["fields"] as? [String: Any])
            let value = try #require(fields["value"] as? String)
            let unit = try #require(fields["unit"] as? String)
            #expect([["95", "mg/dL"], ["0.97", "g/L"]].contains([value, unit]), "a result nobody entered: \(value) \(unit)")
            #expect(fields["canonical_value"] as? String == (unit == "g/L" ? "0.97" : "0.95"))
            let conflicts = try #require(record["conflicts"] as? [[String: Any]])
            #expect(conflicts.count == 1)
            #expect(conflicts.first?["field"] as? String == "measurement")
            let other = try #require(((conflicts.first?["others"] as? [[String: Any]])?.first)?["values"] as? [String: Any])
            #expect([["95", "mg/dL"], ["0.97", "g/L"]].contains([other["value"] as? String ?? "", other["unit"] as? String ?? ""]))
            #expect(other["unit"] as? String != unit)
            shown.append("\(value) \(unit)")
            #expect(try pair.run(["check", "--journal", journal]).status == 0)
        }
        #expect(shown[0] == shown[1])
        #expect(try pair.export(pair.laptop) == pair.export(pair.desktop))

        // `conflicts` lists whole alternatives; settling by a field's name keeps one whole.
        let listed = try pair.run(["conflicts", "--journal", pair.desktop]).stdout
        #expect(listed.contains("measurement (analyte, qualifier, value, unit, range, settled together):"), "\(listed)")
        #expect(listed.contains("value 0.97, unit g/L") && listed.contains("value 95, unit mg/dL"))
        try pair.run(["conflicts", "settle", String(id.prefix(8)), "value", "2", "--journal", pair.desktop])
        try pair.run(["sync", "--journal", pair.desktop])
        try pair.run(["sync", "--journal", pair.laptop])
        for journal in [pair.laptop, pair.desktop] {
            let record = try #require(try Self.json(try pair.run(["show", id, "--json", "--journal", journal])) as? [String: Any])
            let fields = try #require(record["fields"] as? [String: Any])
            #expect(fields["value"] as? String != shown[0].split(separator: " ").first.map(String.init), "settling kept the shown value")
            #expect((record["conflicts"] as? [Any])?.isEmpty == true)
            let expected = fields["unit"] as? String == "g/L" ? "0.97" : "0.95"
            #expect(fields["canonical_value"] as? String == expected)
        }
        let history = try pair.run(["history", id, "--journal", pair.laptop]).stdout
        #expect(!history.contains("unit: mg/dL → mg/dL"), "a group's unchanged fields are not news:\n\(history)")
    }

    /// A journal and a remote written by the previous release (Tests/Fixtures/previous-release,
    /// made by its make.sh): the old rule had merged them into "C3 95 g/L" and "prednisone
    /// 5 mg twice daily". Opened by this version, every record is one somebody entered; a new
    /// device joining the old remote computes the same journal, and they sync on.
    @Test func aJournalOfThePreviousReleaseUpgradesAndSyncs() throws {
        let cli = try CLI()
        let fixtures = Repository.root.appendingPathComponent("Tests/Fixtures/previous-release")
        let laptop = cli.home.appendingPathComponent("laptop").path
        let remote = cli.home.appendingPathComponent("remote").path
        try FileManager.default.createDirectory(atPath: laptop, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: fixtures.appendingPathComponent("laptop.sqlite").path, toPath: laptop + "/journal.sqlite")
        try FileManager.default.copyItem(atPath: fixtures.appendingPathComponent("remote").path, toPath: remote)
        // A checkout does not keep the journal's private modes.
        chmod(laptop, 0o700)
        chmod(laptop + "/journal.sqlite", 0o600)
        // The fixture's remote lived in /tmp when it was made.
        try ProcessRunner.run("/usr/bin/sqlite3", [laptop + "/journal.sqlite", "UPDATE remote SET url = 'file://\(remote)'"])
        let environment = ["REMISSION_PASSPHRASE": "fixture passphrase"]
        func run(_ arguments: String...) throws -> CLI.Result {
            let result = try cli.run(arguments, environment: environment)
            #expect(result.status == 0, "remission \(arguments.joined(separator: " ")): \(result)")
            return result
        }

        let check = try run("check", "--journal", laptop)
        #expect(check.stdout.contains("ok  derived tables match a replay of the log"))
        let lab = try #require(try Self.json(try run("show", "fc9ba193", "--json", "--journal", laptop)) as? [String: Any])
        let labFields = try #require(lab["fields"] as? [String: Any])
        // The desktop's edit is the later one: its whole measurement, 95 mg/dL.
        #expect(labFields["value"] as? String == "95" && labFields["unit"] as? String == "mg/dL" && labFields["range"] as? String == "90-180")
        #expect(labFields["canonical_value"] as? String == "0.95" && labFields["range_low"] as? String == "0.9")
        let labConflict = try #require((lab["conflicts"] as? [[String: Any]])?.first)
        #expect(labConflict["field"] as? String == "measurement")
        let laptopEntry = try #require((labConflict["others"] as? [[String: Any]])?.first?["values"] as? [String: Any])
        #expect(laptopEntry["value"] as? String == "0.97" && laptopEntry["unit"] as? String == "g/L" && laptopEntry["range"] as? String == "0.9-1.8")
        let medication = try #require(try Self.json(try run("show", "db986214", "--json", "--journal", laptop)) as? [String: Any])
        let dosing = try #require(medication["fields"] as? [String: Any])
        // The desktop changed the frequency of 10 mg; the laptop's 5 mg daily is the alternative.
        #expect(dosing["dose"] as? String == "10 mg" && dosing["frequency"] as? String == "twice-daily" && dosing["dose_amount"] as? String == "10")
        let symptom = try #require(try Self.json(try run("show", "7ecc5eab", "--json", "--journal", laptop)) as? [String: Any])
        #expect((symptom["fields"] as? [String: Any])?["severity"] as? Int == 5)
        #expect((symptom["conflicts"] as? [Any])?.isEmpty == true)

        // A new device joins the remote the previous release wrote (sync format 1).
        let phone = cli.home.appendingPathComponent("phone").path
        _ = try run("join", remote, "--journal", phone, "--device-name", "phone")
        func records(_ journal: String) throws -> String {
            let export = try #require(try Self.json(try run("export", "--journal", journal)) as? [String: Any])
            let data = try JSONSerialization.data(withJSONObject: export["records"] ?? [], options: [.sortedKeys])
            return String(decoding: data, as: UTF8.self)
        }
        #expect(try records(phone) == records(laptop))

        // The upgraded laptop settles the lab and syncs in format 2; the phone follows.
        _ = try run("conflicts", "settle", "fc9ba193", "measurement", "2", "--journal", laptop)
        _ = try run("sync", "--journal", laptop)
        _ = try run("sync", "--journal", phone)
        let settled = try #require(try Self.json(try run("show", "fc9ba193", "--json", "--journal", phone)) as? [String: Any])
        let settledFields = try #require(settled["fields"] as? [String: Any])
        #expect(
            settledFields["value"] as? String == "0.97" && settledFields["unit"] as? String == "g/L" && settledFields["canonical_value"] as? String == "0.97")
        #expect(try records(phone) == records(laptop))
        let segments = try FileManager.default.subpathsOfDirectory(atPath: remote + "/devices").filter { $0.hasSuffix(".seg") }
        let newest = segments.compactMap { path -> Data? in FileManager.default.contents(atPath: remote + "/devices/" + path) }
            .filter { String(decoding: $0.prefix(400), as: UTF8.self).contains("\"format\":2") }
        #expect(!newest.isEmpty, "the upgraded laptop wrote no format 2 segment")
    }

    /// Found by a new-user trial: words that match what the journal holds.
    @Test func messagesSayWhatTheJournalHolds() throws {
        let cli = try CLI.withJournal()
        let summary = try cli.ok("summary")
        #expect(summary.contains("unknown: no medication is recorded"), "\(summary)")
        try cli.ok("lab", "c3", "0.8", "g/L")
        let id = try cli.onlyID(kind: "lab")
        let settle = try cli.run(["conflicts", "settle", String(id.prefix(8)), "measurement", "1"])
        #expect(settle.status == 64)
        #expect(settle.stderr.contains("has no open conflict"), "\(settle.stderr)")
        #expect(try cli.ok("check").contains("(1 record)"))
    }
}
