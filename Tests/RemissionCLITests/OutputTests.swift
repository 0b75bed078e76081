import Foundation
import RemissionTestSupport
import Testing

/// Help with examples, JSON output that matches `Schema/json/`, colour rules, completions.
@Suite struct OutputTests {
    static let commands: [[String]] = [
        ["init"], ["log"], ["lab"], ["med"], ["med", "start"], ["med", "change"], ["med", "stop"], ["event"], ["assess"],
        ["list"], ["show"], ["history"], ["edit"], ["delete"], ["restore"], ["export"], ["import"], ["check"],
        ["due"], ["plan"], ["plan", "add"], ["plan", "reschedule"]
    ]

    @Test(arguments: commands)
    func everyCommandsHelpShowsAnExample(_ command: [String]) throws {
        let cli = try CLI()
        let result = try cli.run(command + ["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE: remission \(command.joined(separator: " "))"), "\(result.stdout)")
        #expect(result.stdout.contains("$ remission \(command.first ?? "")"), "no example in: \(result.stdout)")
    }

    @Test func rootHelpListsGroupsAndExitStatuses() throws {
        let cli = try CLI()
        let help = try cli.ok("--help")
        #expect(help.contains("RECORD SUBCOMMANDS:"))
        #expect(help.contains("CORRECT SUBCOMMANDS:"))
        #expect(help.contains("64 bad usage or value"))
        #expect(help.contains("FOLLOW-UP SUBCOMMANDS:"))
        #expect(help.contains("`due --check`, something is due or overdue"))
    }

    /// Every `--json` output validates against its schema (Debian's python3-jsonschema).
    @Test func jsonOutputsMatchTheirSchemas() throws {
        let cli = try DataCommandTests.richJournal()
        let lab = try cli.onlyID(kind: "lab")
        let checks: [([String], String)] = [
            (["list", "--include-deleted"], "record-list.schema.json"),
            (["log", "--symptom", "fever=1", "--wellbeing", "4"], "record-list.schema.json"),
            (["lab", "c3", "0.7", "g/L"], "record-list.schema.json"),
            (["show", lab], "record.schema.json"),
            (["history", lab], "history.schema.json"),
            (["check"], "check.schema.json"),
            (["export"], "export.schema.json"),
            (["summary"], "summary.schema.json"),
            (["trend"], "trend.schema.json"),
            (["trend", "c3"], "trend.schema.json"),
            (["config", "list"], "config.schema.json"),
            (["due"], "due.schema.json"),
            (["due", "--all"], "due.schema.json"),
            (["plan"], "plan.schema.json"),
            (["report", "--output", cli.home.appendingPathComponent("report.html").path, "--since", "d+0"], "report.schema.json")
        ]
        for (arguments, schema) in checks {
            let result = try cli.run(arguments + (arguments == ["export"] ? [] : ["--json"]))
            #expect(result.status == 0, "\(arguments): \(result)")
            try validate(result.stdout, against: schema, context: arguments.joined(separator: " "))
        }
        let file = cli.home.appendingPathComponent("e.json").path
        try cli.ok("export", "--output", file)
        let imported = try cli.run(["import", file, "--journal", cli.home.appendingPathComponent("copy").path, "--json"])
        try validate(imported.stdout, against: "import.schema.json", context: "import")
    }

    @Test func schemasRejectWrongDocuments() throws {
        #expect(throws: (any Error).self) {
            try validate("[{\"id\": 1}]", against: "record-list.schema.json", context: "a wrong document")
        }
    }

    /// Colour only on a terminal, and never with NO_COLOR set (https://no-color.org).
    @Test func colourFollowsTheTerminalAndNoColor() throws {
        let cli = try CLI.withJournal()
        try cli.ok("lab", "c3", "0.5", "g/L")
        func onTerminal(_ environment: [String: String]) throws -> String {
            // script(1) gives the command a pseudo-terminal as standard output.
            let result = try cli.run(
                [], environment: environment.merging(["TERM": "xterm"]) { $1 },
                executable: "/usr/bin/script", arguments: ["-qec", "\(CLI.binary) list", "/dev/null"])
            #expect(result.status == 0, "\(result)")
            return result.stdout
        }
        #expect(try onTerminal(["NO_COLOR": ""]).contains("\u{1B}["))
        #expect(!(try onTerminal(["NO_COLOR": "1"]).contains("\u{1B}[")))
        #expect(!(try cli.ok("list").contains("\u{1B}[")))  // a pipe is not a terminal
    }

    @Test func shellCompletionScripts() throws {
        let cli = try CLI()
        for shell in ["bash", "zsh", "fish"] {
            let script = try cli.ok("--generate-completion-script", shell)
            #expect(script.contains("remission"))
            #expect(script.contains("history"))
        }
    }

    /// The man page (`make man`) is generated from this dump, so every command must be in it.
    @Test func helpDumpForTheManPageHasEveryCommand() throws {
        let cli = try CLI()
        let dump = try cli.ok("--experimental-dump-help")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(dump.utf8)) as? [String: Any])
        let command = try #require(object["command"] as? [String: Any])
        let names = (command["subcommands"] as? [[String: Any]] ?? []).compactMap { $0["commandName"] as? String }
        for name in Self.commands.map({ $0[0] }) {
            #expect(names.contains(name), "\(name) missing from \(names)")
        }
    }

    private func validate(_ document: String, against schema: String, context: String) throws {
        let result = try ScriptCheck.run(python: "/usr/bin/python3", script: "scripts/validate-json.py", arguments: [schema], document: document)
        guard result.status == 0 else {
            throw SchemaViolation(description: "\(context) does not match \(schema): \(result.stderr)")
        }
    }

    struct SchemaViolation: Error, CustomStringConvertible {
        let description: String
    }
}
