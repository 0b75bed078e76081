import ArgumentParser
import RemissionCore
import RemissionFormats
import RemissionReports
import RemissionStore

extension Remission {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show one record with every field.",
            discussion: """
                An id can be shortened to its first characters (at least 4), as `list` prints it.

                Example:
                  $ remission show 3f2a9c1e
                """)

        @OptionGroup var options: JournalOptions
        @Argument(help: "The record's id or the start of it.")
        var id: String

        func run() throws {
            let context = try CommandContext(options)
            let journal = try context.openJournal()
            guard let record = try journal.snapshot(try journal.resolve(id)) else { throw JournalError.unknownRecord(id) }
            if context.json {
                print(try JSONOutput.encode(RecordJSON(record, infusion: try journal.infusionDate(), deviceNames: try journal.deviceNames())))
            } else {
                print(
                    RecordFormatter(infusion: try journal.infusionDate(), style: context.style)
                        .details(record, deviceNames: try journal.deviceNames()))
            }
        }
    }
}
