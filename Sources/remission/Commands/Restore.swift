import ArgumentParser
import RemissionCore
import RemissionFormats
import RemissionReports
import RemissionStore

extension Remission {
    struct Restore: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "restore",
            abstract: "Bring back a deleted record.",
            discussion: """
                Example:
                  $ remission list --include-deleted
                  $ remission restore 3f2a9c1e
                """)

        @OptionGroup var options: JournalOptions
        @Argument(help: "The record's id or the start of it.")
        var id: String

        func run() throws {
            let context = try CommandContext(options)
            try context.changeWholeRecord(id, verb: "restored") { .restore($0, kind: $1) }
        }
    }
}
