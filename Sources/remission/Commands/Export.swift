import ArgumentParser
import Foundation
import RemissionCore
import RemissionReports
import RemissionStore

extension Remission {
    struct Export: ParsableCommand {
        enum Format: String, ExpressibleByArgument, CaseIterable {
            case json
        }

        static let configuration = CommandConfiguration(
            abstract: "Export the whole journal.",
            discussion: """
                The JSON export holds every record and every operation (so also the history \
                and any conflicts). It is deterministic: the same journal gives the same bytes \
                on any machine, and `remission import` of it into an empty journal rebuilds \
                the journal exactly. Format: Schema/json/export.schema.json.

                Examples:
                  $ remission export --format json --output backup.json
                  $ remission export --format json | less
                """)

        @OptionGroup var options: JournalOptions
        @Option(help: "The format.")
        var format: Format = .json
        @Option(help: "Write to this file (created with mode 0600) instead of standard output.", completion: .file())
        var output: String?
        @Flag(help: "Replace the output file if it exists.")
        var force = false

        func run() throws {
            let context = try CommandContext(options)
            let journal = try context.openJournal()
            let data = try JournalExport(journal: journal).encoded()
            guard let output else {
                FileHandle.standardOutput.write(data)
                return
            }
            try OutputFile.write(data, to: output, replace: force)
            printError("Exported to \(output).")
        }
    }
}
