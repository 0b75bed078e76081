import ArgumentParser
import Foundation
import RemissionCore
import RemissionFormats
import RemissionReports
import RemissionStore

extension Remission {
    struct Import: ParsableCommand {
        enum Format: String, ExpressibleByArgument, CaseIterable {
            case json
            case labsCSV = "labs-csv"
        }

        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import a JSON export, or lab results from a CSV file.",
            discussion: """
                json (the default, except for a file ending in .csv): into a journal that does \
                not exist yet, the import creates it and rebuilds the exported journal exactly. \
                Into an existing journal, the export's operations are merged as if from another \
                device: nothing is overwritten, and concurrent edits show up in `remission \
                show`. Importing the same file twice changes nothing.

                labs-csv: one lab result per row, into an existing journal, each checked as \
                `remission lab` checks it. Columns are found by their headers, ignoring case: \
                date, time, analyte (or test, name), qualifier, value (or result), unit, range, \
                lab, note; --column FIELD=HEADER names another header. Only date, analyte, value \
                and unit are required. A file from `remission export --format csv` imports as it \
                is (rows of other kinds are skipped). The delimiter (comma, semicolon or tab) is \
                read from the header line unless --delimiter gives it; quoted fields, CRLF line \
                ends and a UTF-8 byte order mark are fine. A row with the same date, analyte, \
                value and unit as a result already in the journal, or as an earlier row, is \
                skipped and reported, so importing a file twice adds nothing. If any row is \
                bad, every bad row is listed with its line and column, and nothing is written \
                (exit status 65; 64 for a column that cannot be found). All rows are written at \
                once, or none. --dry-run shows what would be added and writes nothing.

                Examples:
                  $ remission import backup.json --journal ~/restored-journal
                  $ remission import labs.csv --dry-run
                  $ remission import results.csv --column analyte=Test --column value=Result --delimiter ";"
                  $ remission import portal.csv --format labs-csv --decimal-comma --json
                """)

        @OptionGroup var options: JournalOptions
        @Argument(help: "The export file, or a CSV file of lab results.", completion: .file(extensions: ["json", "csv"]))
        var file: String

        @Option(help: "json or labs-csv (default: labs-csv for a file ending in .csv, else json).")
        var format: Format?

        @Option(
            name: .customLong("column"),
            help: ArgumentHelp(
                "Which header holds a field, for labs-csv: date, time, analyte, qualifier, value, unit, range, lab, note, kind. Repeatable.",
                valueName: "field=header"))
        var columns: [String] = []

        @Option(help: "The CSV delimiter: ',', ';', 'tab' (default: read from the header line).")
        var delimiter: String?

        @Flag(name: .customLong("decimal-comma"), help: "Read decimal commas in values and ranges (0,82 as 0.82), for labs-csv.")
        var decimalComma = false

        @Flag(name: .customLong("dry-run"), help: "Show what a labs-csv import would add, and write nothing.")
        var dryRun = false

        var resolvedFormat: Format {
            format ?? (file.lowercased().hasSuffix(".csv") ? .labsCSV : .json)
        }

        func validate() throws {
            if resolvedFormat == .json {
                let csvOnly = [
                    ("--column", !columns.isEmpty), ("--delimiter", delimiter != nil), ("--decimal-comma", decimalComma),
                    ("--dry-run", dryRun)
                ].filter(\.1).map(\.0)
                if !csvOnly.isEmpty {
                    throw ValidationError("\(csvOnly.joined(separator: ", ")) \(csvOnly.count == 1 ? "applies" : "apply") only to --format labs-csv.")
                }
            }
        }

        func run() throws {
            let context = try CommandContext(options)
            guard let data = FileManager.default.contents(atPath: file) else {
                throw CommandFailure(status: ExitStatus.ioError, message: "cannot read \(file); nothing was imported.")
            }
            switch resolvedFormat {
            case .json: try importExport(data, context: context)
            case .labsCSV: try importLabs(data, context: context)
            }
        }

        private func importExport(_ data: Data, context: CommandContext) throws {
            let export = try JournalExport.decode(data, path: file)
            var applied = 0
            do {
                applied = try context.openJournal().importExport(export, path: file)
            } catch JournalError.notFound {
                // A new journal: if the import fails, only what `create` made is removed.
                _ = try Journal.create(
                    at: context.location, journalID: export.journal,
                    setup: { journal in
                        applied = try journal.importExport(export, path: file)
                    })
            }
            let total = export.operations.count
            if context.json {
                print(try JSONOutput.encode(["operations": total, "new_operations": applied, "records": export.records.count]))
            } else {
                print(
                    "Imported \(counted(applied, "new operation")) of \(total) (\(counted(export.records.count, "record"))) into \(context.location.directory)."
                )
            }
        }

        private func importLabs(_ data: Data, context: CommandContext) throws {
            let journal = try context.openJournal()
            let plan = try LabCSVImport(
                data: data, path: file,
                options: .init(columns: try columnMapping(), delimiter: try delimiterScalar(), decimalComma: decimalComma),
                context: try context.entryContext(journal), existing: try journal.records(.init(kind: .lab)))
            if !dryRun {
                let changes = plan.changes
                if !changes.isEmpty { try journal.write(changes) }  // one transaction
            }
            let report = LabImportReport(plan, dryRun: dryRun, infusion: try journal.infusionDate())
            print(context.json ? try JSONOutput.encode(report) : report.text(style: context.style))
        }

        /// `--column FIELD=HEADER` options as a mapping.
        private func columnMapping() throws -> [LabCSVImport.Field: String] {
            var mapping: [LabCSVImport.Field: String] = [:]
            for option in columns {
                guard let equals = option.firstIndex(of: "=") else {
                    throw ValidationError("--column '\(option)': write FIELD=HEADER, e.g. --column analyte=Test.")
                }
                let name = option[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
                let header = option[option.index(after: equals)...].trimmingCharacters(in: .whitespaces)
                guard let field = LabCSVImport.Field(rawValue: name) else {
                    let fields = LabCSVImport.Field.allCases.map(\.rawValue).joined(separator: ", ")
                    throw ValidationError("--column '\(option)': '\(name)' is not a field. Fields: \(fields).")
                }
                guard !header.isEmpty else { throw ValidationError("--column '\(option)': the header is empty.") }
                guard mapping[field] == nil else { throw ValidationError("--column \(field.rawValue) is given twice.") }
                mapping[field] = header
            }
            return mapping
        }

        private func delimiterScalar() throws -> Unicode.Scalar? {
            guard let delimiter else { return nil }
            switch delimiter.lowercased() {
            case "tab", "\\t", "\t": return "\t"
            case ",", "comma": return ","
            case ";", "semicolon": return ";"
            case "|", "pipe": return "|"
            default:
                throw ValidationError("--delimiter '\(delimiter)': use ',', ';', '|' or 'tab'.")
            }
        }
    }
}
