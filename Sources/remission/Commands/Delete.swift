import ArgumentParser
import RemissionCore
import RemissionFormats
import RemissionReports
import RemissionStore

extension Remission {
    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "delete",
            abstract: "Delete a record (it stays in the history and can be restored).",
            discussion: """
                Example:
                  $ remission delete 3f2a9c1e
                """)

        @OptionGroup var options: JournalOptions
        @Argument(help: "The record's id or the start of it.")
        var id: String

        func run() throws {
            let context = try CommandContext(options)
            let recordID = try context.changeWholeRecord(id, verb: "deleted") { .delete($0, kind: $1) }
            if !context.json {
                print("`remission restore \(RecordFormatter.shortID(recordID))` brings it back.")
            }
        }
    }
}
