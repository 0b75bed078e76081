import Foundation
import RemissionTestSupport
import Testing

/// Options before the subcommand, and messages without the usage line (issue 11, items 3 and 9).
@Suite struct CommandLineTests {
    @Test func journalAndJSONBeforeTheSubcommand() throws {
        let cli = try CLI.withJournal()
        let other = cli.home.appendingPathComponent("other").path
        try cli.ok("init", "--journal", other)
        try cli.ok("--journal", other, "log", "--symptom", "fatigue=2")
        #expect(try cli.ok("--journal", other, "list").contains("fatigue 2/10"))
        #expect(try cli.ok("--journal=\(other)", "--json", "list", "--kind", "symptom").contains("\"fatigue\""))
        #expect(!(try cli.ok("list")).contains("fatigue"))  // the default journal is untouched
        let before = try cli.run(["--json", "summary"])
        let after = try cli.run(["summary", "--json"])
        #expect(before.status == 0)
        #expect(before.stdout == after.stdout)
        #expect(try cli.ok("--json", "config", "get", "igg_low_g_per_l") == "4\n")
        #expect(try cli.ok("--help").contains("--journal DIR and --json may also come before the command"))
    }

    @Test func errorsBeforeTheSubcommandStayAsTheyWere() throws {
        let cli = try CLI.withJournal()
        let before = try cli.export()
        let alone = try cli.run(["--json"])
        #expect(alone.status == 64)
        #expect(alone.stderr.hasPrefix("Error: Unknown option '--json'\nUsage: remission <subcommand>"))
        let unknown = try cli.run(["--bogus", "list"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.hasPrefix("Error: Unknown option '--bogus'"))
        // An option the command does not take is named as unknown by that command.
        let init_ = try cli.run(["--json", "log", "--symptom", "fatigue=1", "--bogus"])
        #expect(init_.status == 64)
        #expect(init_.stderr.hasPrefix("Error: Unknown option '--bogus'\nUsage: remission log"))
        #expect(try cli.ok("--version") == "0.1.0\n")
        #expect(try cli.ok("--help", "list").contains("USAGE: remission <subcommand>"))
        #expect(try cli.export() == before)
    }

    @Test func ourValueErrorsPrintNoUsageLine() throws {
        let cli = try CLI.withJournal()
        let before = try cli.export()
        let nothing = try cli.run(["log"])
        #expect(nothing.status == 64)
        #expect(nothing.stderr == "Error: Nothing to log: give --symptom NAME=SEVERITY, --wellbeing N, --note TEXT or --tag TAG.\n")
        let edit = try cli.run(["edit", "profile"])
        #expect(edit.status == 64)
        #expect(edit.stderr.hasPrefix("Error: edit names no field to change. Accepted: --"), "\(edit)")
        let column = try cli.run(["import", "x.csv", "--column", "nonsense"])
        #expect(!column.stderr.contains("Usage:"), "\(column)")
        #expect(try cli.export() == before)
    }

    @Test func settleSaysNIsTheNumberOfAListedChoice() throws {
        let cli = try CLI.withJournal()
        #expect(try cli.ok("conflicts", "settle", "--help").contains("N is the number of a choice as `remission conflicts` lists them"))
        try cli.ok("lab", "c3", "0.9", "g/L")
        let id = try cli.onlyID(kind: "lab")
        let result = try cli.run(["conflicts", "settle", id, "measurement", "-1"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("has no open conflict"), "\(result)")
    }
}
