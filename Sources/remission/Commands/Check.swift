import ArgumentParser
import Foundation
import RemissionCore
import RemissionFormats
import RemissionReports
import RemissionStore

extension Remission {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Check the journal's integrity.",
            discussion: """
                Runs SQLite's integrity and foreign-key checks, then the journal's own: every \
                operation is valid and readable, replaying the operation log gives exactly the \
                stored tables, derived values (a lab's canonical value, a dose's amount) follow \
                from what was entered, counters and clock are consistent, and the files are \
                private. Values that arrived by sync or import and that this device would have \
                refused or computed otherwise are flagged; they do not fail the check. Changes \
                nothing. Exits 65 if a problem is found.

                Example:
                  $ remission check
                """)

        @OptionGroup var options: JournalOptions

        func run() throws {
            let context = try CommandContext(options)
            let journal = try context.openJournal()
            let report = try journal.check()
            if context.json {
                print(try JSONOutput.encode(["ok": report.passed, "problems": report.problems, "flagged": report.flagged]))
            } else {
                for line in report.passed { print(context.style.green("ok") + "  " + line) }
                for line in report.flagged { print(context.style.yellow("flagged") + "  " + line) }
                for line in report.problems { print(context.style.red("problem") + "  " + line) }
            }
            if !report.isHealthy { throw ExitCode(ExitStatus.dataError) }
        }
    }
}
