import ArgumentParser
import Foundation
import RemissionCore
import RemissionFormats
import RemissionReports
import RemissionStore

extension Remission {
    struct Export: ParsableCommand {
        enum Format: String, ExpressibleByArgument, CaseIterable {
            case json
            case csv
            case fhir
        }

        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Export the whole journal: JSON (a full backup), CSV (spreadsheets) or FHIR R4.",
            discussion: """
                json: every record and every operation (so also the history and any \
                conflicts). `remission import` of it into an empty journal rebuilds the journal \
                exactly. Format: Schema/json/export.schema.json.

                csv: one row per value (a lab result, a symptom score, the well-being of a day, \
                each score of an assessment, the start and the end of a medication period, an \
                event, a profile field) with the columns \(CSVExport.columns.joined(separator: ", ")). \
                "day" counts from the infusion (day 0). Lab values are as printed, with the \
                value in the analyte's canonical unit beside them; a medication's "end" row is \
                the first day without it. RFC 4180: a header, CRLF line ends, quoted fields \
                where needed; UTF-8 starting with a byte order mark, so that Excel shows "µ" \
                and "é" (--no-bom leaves it out); in LibreOffice's import dialog the \
                character set is Unicode (UTF-8) (headless: --infilter=CSV:44,34,76). Decimals are written with a dot: in \
                a spreadsheet set to a language with decimal commas, choose "English" for the \
                columns when opening the file. Text that starts with =, +, -, @ gets a leading \
                apostrophe so that no spreadsheet runs it as a formula; numbers are never \
                changed. `remission import FILE.csv` reads the lab rows back.

                fhir: one FHIR R4 Bundle (type collection): lab results as Observations with \
                LOINC codes and UCUM units, symptom, well-being and SLEDAI-2K/PGA scores as \
                Observations with remission's own codes, medications as MedicationStatements \
                with ATC codes, the diagnosis as a Condition, the CAR-T infusion as a \
                Procedure, other events as Procedures, Conditions or Encounters, all about one \
                Patient without identifying data.

                CSV and FHIR hold the records as they stand: deleted records are left out, and \
                of values in conflict the one shown (`remission conflicts` settles them). Every \
                export is deterministic: the same journal gives the same bytes.

                Examples:
                  $ remission export --format json --output backup.json
                  $ remission export --format csv --output journal.csv
                  $ remission export --format fhir --output journal.fhir.json
                  $ remission export --format json | less
                """)

        @OptionGroup var options: JournalOptions
        @Option(help: "The format: json, csv or fhir.")
        var format: Format = .json
        @Option(help: "Write to this file (created with mode 0600) instead of standard output.", completion: .file())
        var output: String?
        @Flag(help: "Replace the output file if it exists.")
        var force = false
        @Flag(inversion: .prefixedNo, help: "Start a CSV export with the UTF-8 byte order mark (default: yes).")
        var bom = true

        func validate() throws {
            if !bom && format != .csv {
                throw ValidationError("--no-bom applies only to --format csv.")
            }
        }

        func run() throws {
            let context = try CommandContext(options)
            let journal = try context.openJournal()
            let data: Data
            switch format {
            case .json:
                data = try JournalExport(journal: journal).encoded()
            case .csv:
                let records = try journal.records()
                warnAboutConflicts(records)
                data = CSVExport(records: records, infusion: try journal.infusionDate()).encoded(byteOrderMark: bom)
            case .fhir:
                let records = try journal.records()
                warnAboutConflicts(records)
                data = FHIRBundle(journalID: try journal.identity().journalID, records: records, today: context.today).encoded()
            }
            guard let output else {
                FileHandle.standardOutput.write(data)
                return
            }
            try OutputFile.write(data, to: output, replace: force)
            printError("Exported to \(output).")
        }

        /// CSV and FHIR carry one value per field: say so when a field holds several.
        private func warnAboutConflicts(_ records: [RecordSnapshot]) {
            let count = records.filter { !$0.conflicts.isEmpty || $0.editedAfterDelete }.count
            guard count > 0 else { return }
            printError(
                "Note: \(count) record\(count == 1 ? " has" : "s have") values in conflict; the export holds the values shown. `remission conflicts` lists them."
            )
        }
    }
}
