import Foundation
import RemissionTestSupport
import Testing

/// `list`, `show`, `edit`, `delete`, `restore`, `history`.
@Suite struct ReviewAndCorrectTests {
    @Test func listFiltersByKindAndPeriod() throws {
        let cli = try CLI.withJournal()
        try cli.ok("log", "--date", "2026-11-01", "--symptom", "fatigue=4")
        try cli.ok("log", "--date", "2026-11-10", "--symptom", "fatigue=2")
        try cli.ok("lab", "crp", "3", "mg/L", "--date", "2026-11-05")
        let text = try cli.ok("list", "--since", "2026-11-02", "--until", "2026-11-10")
        #expect(text.contains("ID        DATE        DAY   KIND     WHAT"))
        #expect(text.contains("2026-11-05  +248  lab      C-reactive protein 3 mg/L"))
        #expect(text.contains("2026-11-10  +253  symptom  fatigue 2/10"))
        #expect(!text.contains("2026-11-01"))
        #expect(!text.contains("profile"))
        let symptoms = try #require(try cli.json("list", "--kind", "symptom", "--since", "-19d") as? [[String: Any]])
        #expect(symptoms.map { $0["date"] as? String } == ["2026-11-01", "2026-11-10"])
        let empty = try cli.ok("list", "--kind", "assessment")
        #expect(empty == "No records of kind assessment.\n")
    }

    @Test func showAcceptsShortIdsAndPrintsEveryField() throws {
        let cli = try CLI.withJournal()
        try cli.ok("lab", "c4", "0.08", "g/L", "--range", "0.1-0.4")
        let id = try cli.onlyID(kind: "lab")
        let text = try cli.ok("show", String(id.prefix(8)))
        #expect(text.contains("lab \(id)"))
        #expect(text.contains("date: 2026-11-20 (day +263)"))
        #expect(text.contains("against range: low"))
        #expect(text.contains("canonical_value: 0.08"))
        let json = try #require(try cli.json("show", String(id.prefix(6))) as? [String: Any])
        #expect(json["id"] as? String == id)
        #expect(json["flag"] as? String == "low")
    }

    @Test func editRevalidatesAndKeepsHistory() throws {
        let cli = try CLI.withJournal()
        try cli.ok("lab", "c3", "82", "mg/dL", "--range", "90-180")
        let id = try cli.onlyID(kind: "lab")
        let edited = try cli.ok("edit", String(id.prefix(8)), "--value", "0.95", "--unit", "g/L", "--range", "0.9-1.8")
        #expect(edited.contains("Complement C3 0.95 g/L, range 0.9-1.8"))
        let fields = try #require((try cli.json("show", id) as? [String: Any])?["fields"] as? [String: Any])
        #expect(fields["canonical_value"] as? String == "0.95")
        #expect(fields["unit"] as? String == "g/L")

        let history = try cli.ok("history", String(id.prefix(8)))
        #expect(history.contains("created on laptop"))
        #expect(history.contains("edited on laptop"))
        #expect(history.contains("value: 82 → 0.95"))
        #expect(history.contains("unit: mg/dL → g/L"))
        let changes = try #require(try cli.json("history", id) as? [[String: Any]])
        #expect(changes.map { $0["action"] as? String } == ["created", "edited"])
        #expect(changes.allSatisfy { $0["device_name"] as? String == "laptop" })

        let wrongField = try cli.run(["edit", id, "--severity", "3"])
        #expect(wrongField.status == 64)
        #expect(wrongField.stderr.contains("--severity '3': does not apply to a lab record"))
        let badUnit = try cli.run(["edit", id, "--unit", "mmol/L", "--range", ""])
        #expect(badUnit.status == 64)
        #expect(badUnit.stderr.contains("UNIT 'mmol/L'"))
        // The range was entered in g/L: a unit change without a new range is refused.
        let before = try cli.export()
        let staleRange = try cli.run(["edit", id, "--unit", "mg/dL", "--value", "95"])
        #expect(staleRange.status == 64)
        #expect(staleRange.stderr.contains("would leave the reference range 0.9-1.8 in g/L"))
        #expect(try cli.export() == before)
    }

    @Test func editTheProfile() throws {
        let cli = try CLI.withJournal()
        try cli.ok("edit", "profile", "--target", "CD19+BCMA", "--product", "trial product")
        let profile = try #require(try cli.json("list", "--kind", "profile") as? [[String: Any]])
        let fields = try #require(profile.first?["fields"] as? [String: Any])
        #expect(fields["target"] as? String == "CD19+BCMA")
        #expect(fields["diagnosis"] as? String == "SLE")
    }

    @Test func deleteHidesAndRestoreBringsBack() throws {
        let cli = try CLI.withJournal()
        try cli.ok("log", "--symptom", "rash=6")
        let id = try cli.onlyID(kind: "symptom")
        let deleted = try cli.ok("delete", String(id.prefix(8)))
        #expect(deleted.contains("`remission restore \(id.prefix(8))` brings it back."))
        #expect((try cli.json("list", "--kind", "symptom") as? [Any])?.isEmpty == true)
        let withDeleted = try #require(try cli.json("list", "--kind", "symptom", "--include-deleted") as? [[String: Any]])
        #expect(withDeleted.first?["deleted"] as? Bool == true)
        let again = try cli.run(["delete", id])
        #expect(again.status == 64)
        #expect(again.stderr.contains("is already deleted"))
        let edit = try cli.run(["edit", id, "--severity", "2"])
        #expect(edit.status == 64)
        #expect(edit.stderr.contains("is deleted; `remission restore"))
        try cli.ok("restore", id)
        #expect(try cli.onlyID(kind: "symptom") == id)
        let history = try #require(try cli.json("history", id) as? [[String: Any]])
        #expect(history.map { $0["action"] as? String } == ["created", "deleted", "restored"])
    }

    @Test func unknownAndAmbiguousIds() throws {
        let cli = try CLI.withJournal()
        let before = try cli.export()
        for command in [["show", "abcdef12"], ["edit", "abcdef12", "--note", "x"], ["delete", "abcdef12"], ["history", "abcdef12"]] {
            let result = try cli.run(command)
            #expect(result.status == 64, "\(command): \(result)")
            #expect(result.stderr.contains("no record with id 'abcdef12'. `remission list` shows the ids."))
        }
        #expect(try cli.export() == before)
    }
}

/// `export`, `import`, `check`.
@Suite struct DataCommandTests {
    static func richJournal() throws -> CLI {
        let cli = try CLI.withJournal()
        try cli.ok("log", "--symptom", "fatigue=3", "--wellbeing", "6", "--note", "quote \" and backslash \\ and émoji 🙂", "--tag", "a")
        try cli.ok("lab", "anti-dsdna", "<10", "IU/mL", "--range", "<30", "--date", "d+60")
        try cli.ok("med", "start", "prednisone", "--dose", "5 mg", "--date", "2026-01-01")
        try cli.ok("med", "change", "prednisone", "--dose", "2.5 mg", "--date", "d+30")
        try cli.ok("event", "infection", "--date", "d+40", "--note", "cold")
        try cli.ok("assess", "--date", "d+90", "--sledai", "0", "--clinical-sledai", "0", "--pga", "0")
        try cli.ok("log", "--symptom", "headache=2")
        let symptoms = try #require(try cli.json("list", "--kind", "symptom") as? [[String: Any]])
        let id = try #require(symptoms.last?["id"] as? String)
        try cli.ok("edit", id, "--severity", "4")
        try cli.ok("delete", id)
        return cli
    }

    @Test func exportIsDeterministicAndImportReproducesIt() throws {
        let cli = try Self.richJournal()
        let first = try cli.export()
        #expect(try cli.export() == first)
        #expect(!first.contains("2026-11-22"))  // nothing about the moment of export

        let file = cli.home.appendingPathComponent("backup.json").path
        try cli.ok("export", "--format", "json", "--output", file)
        #expect((try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int) == 0o600)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == first)
        let refused = try cli.run(["export", "--output", file])
        #expect(refused.status == 73)
        #expect(refused.stderr.contains("exists already; use --force"))

        let other = cli.home.appendingPathComponent("restored").path
        let imported = try cli.run(["import", file, "--journal", other])
        #expect(imported.status == 0, "\(imported)")
        let again = try cli.run(["export", "--journal", other])
        #expect(again.stdout == first)
        let twice = try cli.run(["import", file, "--journal", other])
        #expect(twice.stdout.contains("Imported 0 new operations"))
        #expect(try cli.run(["export", "--journal", other]).stdout == first)
    }

    @Test func importRefusesBadFilesAndWritesNothing() throws {
        let cli = try Self.richJournal()
        let export = try cli.export()
        let target = cli.home.appendingPathComponent("target").path
        let cases: [(String, String)] = [
            ("not json at all", "not valid JSON"),
            ("{\"format\": \"something-else\"}", "missing"),
            (export.replacingOccurrences(of: "\"remission-export\"", with: "\"other\""), "its format is 'other'"),
            (export.replacingOccurrences(of: "\"value\" : \"SLE\"", with: "\"value\" : 12"), "cannot be applied"),
            (export.replacingOccurrences(of: "\"diagnosis\" : \"SLE\"", with: "\"diagnosis\" : \"RA\""), "does not rebuild")
        ]
        for (index, (content, message)) in cases.enumerated() {
            let file = cli.home.appendingPathComponent("bad\(index).json").path
            try content.write(toFile: file, atomically: true, encoding: .utf8)
            let result = try cli.run(["import", file, "--journal", target])
            #expect(result.status == 65, "case \(index): \(result)")
            #expect(result.stderr.contains(message), "case \(index): \(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: target), "case \(index) left a journal behind")
        }
    }

    @Test func checkPassesAndFindsTampering() throws {
        let cli = try Self.richJournal()
        let output = try cli.ok("check")
        #expect(output.contains("ok  SQLite integrity check"))
        #expect(output.contains("ok  derived tables match a replay of the log"))
        try ProcessRunner.run("/usr/bin/sqlite3", [cli.journal + "/journal.sqlite", "UPDATE symptom SET severity = 9"])
        let result = try cli.run(["check"])
        #expect(result.status == 65)
        #expect(result.stdout.contains("problem  derived tables differ from a replay of the log: symptom"))
    }

    @Test func concurrentWritersBothSucceed() throws {
        let cli = try CLI.withJournal()
        let writers = 8
        let perWriter = 10
        let failures = LockedCounter()
        DispatchQueue.concurrentPerform(iterations: writers) { writer in
            for index in 0..<perWriter {
                let result = try? cli.run(["log", "--symptom", "w\(writer)-n\(index)=\(index)", "--new-symptom", "w\(writer)-n\(index)"])
                if result?.status != 0 { failures.increment() }
            }
        }
        #expect(failures.value == 0)
        let symptoms = try #require(try cli.json("list", "--kind", "symptom") as? [[String: Any]])
        #expect(symptoms.count == writers * perWriter)
        #expect(try cli.ok("check").contains("ok  derived tables match"))
    }
}

final class LockedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}

/// Findings of a first-user trial, kept as tests.
@Suite struct FirstUserTrialTests {
    @Test func importOfAnotherJournalsExportIsRefused() throws {
        let cli = try CLI.withJournal()
        let other = try CLI.withJournal()
        let file = other.home.appendingPathComponent("other.json").path
        try other.ok("export", "--output", file)
        let before = try cli.export()
        let result = try cli.run(["import", file])
        #expect(result.status == 65)
        #expect(result.stderr.contains("is an export of another journal"))
        #expect(try cli.export() == before)
    }

    @Test func infusionTwiceOnOneDayIsRefusedAndAnEarlierOneMovesDayZero() throws {
        let cli = try CLI.withJournal()
        let twice = try cli.run(["event", "infusion", "--date", "2026-03-02"])
        #expect(twice.status == 64)
        #expect(twice.stderr.contains("an infusion on 2026-03-02 is already recorded"))
        let earlier = try cli.run(["event", "infusion", "--date", "2026-01-15"])
        #expect(earlier.status == 0)
        #expect(earlier.stderr.contains("day 0 is now 2026-01-15"))
    }

    @Test func doseChangeOnTheStartDayCorrectsThePeriod() throws {
        let cli = try CLI.withJournal()
        try cli.ok("med", "start", "prednisone", "--dose", "5 mg", "--frequency", "daily", "--date", "2026-11-01")
        let unchanged = try cli.run(["med", "change", "prednisone", "--dose", "5 mg"])
        #expect(unchanged.status == 64)
        #expect(unchanged.stderr.contains("prednisone is already 5 mg daily"))
        try cli.ok("med", "change", "prednisone", "--dose", "7.5 mg", "--date", "2026-11-01")
        let periods = try #require(try cli.json("list", "--kind", "medication") as? [[String: Any]])
        #expect(periods.count == 1)
        #expect((periods.first?["fields"] as? [String: Any])?["dose"] as? String == "7.5 mg")
    }

    @Test func shortIdsAndEmptyNotesAreRefused() throws {
        let cli = try CLI.withJournal()
        let short = try cli.run(["show", "054"])
        #expect(short.status == 64)
        #expect(short.stderr.contains("give at least 4 characters"))
        let empty = try cli.run(["log", "--note", "-"], stdin: "\n\n")
        #expect(empty.status == 64)
        #expect(empty.stderr.contains("Nothing to log"))
    }

    /// A directory remission did not create keeps its mode (it may be shared, or a link); the
    /// journal's own files are private all the same, and `init` says so.
    @Test func initLeavesAnExistingDirectoryAsItIs() throws {
        let cli = try CLI()
        let shared = cli.home.appendingPathComponent("shared").path
        try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: true)
        chmod(shared, 0o1777)
        let made = try cli.run(["init", "--journal", shared])
        #expect(made.status == 0, "\(made)")
        #expect(made.stderr.contains("open to other users (mode 1777); it was left as it is"))
        #expect(fileMode(shared) == 0o1777)
        #expect(fileMode(shared + "/journal.sqlite") == 0o600)

        let target = cli.home.appendingPathComponent("target").path
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        chmod(target, 0o755)
        let link = cli.home.appendingPathComponent("link").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        #expect(try cli.run(["init", "--journal", link]).status == 0)
        #expect(fileMode(target) == 0o755, "init followed the link and changed its target")
        #expect(FileManager.default.fileExists(atPath: target + "/journal.sqlite"))
    }

    /// A failed import removes only what it created: never a directory that was there before.
    @Test func aFailedImportKeepsTheDirectoryItWasGiven() throws {
        let cli = try DataCommandTests.richJournal()
        let export = try cli.export()
        let bad = cli.home.appendingPathComponent("bad.json").path
        try export.replacingOccurrences(of: "\"diagnosis\" : \"SLE\"", with: "\"diagnosis\" : \"RA\"")
            .write(toFile: bad, atomically: true, encoding: .utf8)

        let existing = cli.home.appendingPathComponent("papers").path
        try FileManager.default.createDirectory(atPath: existing, withIntermediateDirectories: true)
        chmod(existing, 0o755)
        try "keep me".write(toFile: existing + "/letter.txt", atomically: true, encoding: .utf8)
        let result = try cli.run(["import", bad, "--journal", existing])
        #expect(result.status == 65, "\(result)")
        #expect(try String(contentsOfFile: existing + "/letter.txt", encoding: .utf8) == "keep me")
        #expect(try FileManager.default.contentsOfDirectory(atPath: existing) == ["letter.txt"])
        #expect(fileMode(existing) == 0o755)

        // `--journal .` from a working directory: nothing is left behind in it.
        let cwd = cli.home.appendingPathComponent("cwd").path
        try FileManager.default.createDirectory(atPath: cwd, withIntermediateDirectories: true)
        let here = try cli.run(["import", bad, "--journal", "."], currentDirectory: cwd)
        #expect(here.status == 65, "\(here)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: cwd).isEmpty)

        // Nested directories that the import made are removed again, up to the existing one.
        let nested = existing + "/a/b/journal"
        #expect(try cli.run(["import", bad, "--journal", nested]).status == 65)
        #expect(try FileManager.default.contentsOfDirectory(atPath: existing) == ["letter.txt"])

        // A good import into the existing directory works and leaves its other files alone.
        let good = cli.home.appendingPathComponent("good.json").path
        try export.write(toFile: good, atomically: true, encoding: .utf8)
        #expect(try cli.run(["import", good, "--journal", existing]).status == 0)
        #expect(try cli.run(["export", "--journal", existing]).stdout == export)
        #expect(try String(contentsOfFile: existing + "/letter.txt", encoding: .utf8) == "keep me")
    }

    @Test func infusionDateErrorsNameTheOption() throws {
        let cli = try CLI()
        let result = try cli.run(["init", "--infusion-date", "2026-02-30"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--infusion-date '2026-02-30'"))
    }
}
