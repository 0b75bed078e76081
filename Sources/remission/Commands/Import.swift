import ArgumentParser
import Foundation
import RemissionCore
import RemissionReports
import RemissionStore

extension Remission {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import a JSON export.",
            discussion: """
                Into a journal that does not exist yet, the import creates it and rebuilds the \
                exported journal exactly. Into an existing journal, the export's operations \
                are merged as if from another device: nothing is overwritten, and concurrent \
                edits show up in `remission show`. Importing the same file twice changes nothing.

                Example:
                  $ remission import backup.json --journal ~/restored-journal
                """)

        @OptionGroup var options: JournalOptions
        @Argument(help: "The export file.", completion: .file(extensions: ["json"]))
        var file: String

        func run() throws {
            let context = try CommandContext(options)
            guard let data = FileManager.default.contents(atPath: file) else {
                throw CommandFailure(status: ExitStatus.ioError, message: "cannot read \(file); nothing was imported.")
            }
            let export = try JournalExport.decode(data, path: file)
            let created: Bool
            let journal: Journal
            do {
                journal = try context.openJournal()
                created = false
            } catch JournalError.notFound {
                journal = try Journal.create(at: context.location, journalID: export.journal)
                created = true
            }
            do {
                let applied = try journal.importExport(export, path: file)
                let total = export.operations.count
                if context.json {
                    print(try JSONOutput.encode(["operations": total, "new_operations": applied, "records": export.records.count]))
                } else {
                    print("Imported \(applied) new operations of \(total) (\(export.records.count) records) into \(context.location.directory).")
                }
            } catch {
                if created { try? FileManager.default.removeItem(atPath: context.location.directory) }
                throw error
            }
        }
    }
}
