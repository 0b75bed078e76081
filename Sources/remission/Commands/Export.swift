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

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Check the journal's integrity.",
            discussion: """
                Runs SQLite's integrity and foreign-key checks, then the journal's own: every \
                operation is valid and readable, replaying the operation log gives exactly the \
                stored tables, counters and clock are consistent, and the files are private. \
                Changes nothing. Exits 65 if a problem is found.

                Example:
                  $ remission check
                """)

        @OptionGroup var options: JournalOptions

        func run() throws {
            let context = try CommandContext(options)
            let journal = try context.openJournal()
            let report = try journal.check()
            if context.json {
                print(try JSONOutput.encode(["ok": report.passed, "problems": report.problems]))
            } else {
                for line in report.passed { print(context.style.green("ok") + "  " + line) }
                for line in report.problems { print(context.style.red("problem") + "  " + line) }
            }
            if !report.isHealthy { throw ExitCode(ExitStatus.dataError) }
        }
    }
}

/// Writes a file the user asked for: private (0600), never over an existing file unless
/// asked, and whole or not at all (a temporary file renamed into place).
enum OutputFile {
    static func write(_ data: Data, to path: String, replace: Bool) throws {
        if !replace && FileManager.default.fileExists(atPath: path) {
            throw CommandFailure(status: ExitStatus.cannotCreate, message: "\(path) exists already; use --force to replace it. Nothing was written.")
        }
        let temporary = path + ".partial-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw CommandFailure(status: ExitStatus.ioError, message: "cannot write \(path); nothing was written.")
        }
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw CommandFailure(status: ExitStatus.ioError, message: "cannot write \(path): \(String(cString: strerror(errno))).")
        }
    }
}
