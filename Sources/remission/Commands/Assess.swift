import ArgumentParser
import RemissionCore
import RemissionStore

extension Remission {
    struct Assess: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "assess",
            abstract: "Record clinician scores from a visit: SLEDAI-2K and PGA.",
            discussion: """
                These are what DORIS remission and LLDAS are judged on; without them the \
                journal says "insufficient data" rather than guess.

                Example:
                  $ remission assess --date 2026-06-01 --sledai 2 --clinical-sledai 0 --pga 0.3
                """)

        @OptionGroup var options: JournalOptions
        @Option(parsing: .unconditional, help: "The visit date (default: today).")
        var date: String?
        @Option(parsing: .unconditional, help: "SLEDAI-2K total, 0–105.")
        var sledai: String?
        @Option(name: .customLong("clinical-sledai"), parsing: .unconditional, help: "Clinical SLEDAI-2K (without serology), 0–105.")
        var clinicalSledai: String?
        @Option(parsing: .unconditional, help: "Physician global assessment, 0–3.")
        var pga: String?
        @Option(help: "A note; '-' reads it from standard input.")
        var note: String?

        func run() throws {
            let context = try CommandContext(options)
            let journal = try context.openJournal()
            let entry = AssessmentEntry(
                date: date, sledai: sledai, clinicalSledai: clinicalSledai, pga: pga,
                note: try NoteInput.resolve(note, edit: false))
            let fields = try entry.fields(try context.entryContext(journal))
            let operations = try journal.write([.create(.assessment, fields)])
            try context.printRecords(try context.snapshots(operations, in: journal), journal: journal, verb: "recorded")
        }
    }
}
