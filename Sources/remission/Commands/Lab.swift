import ArgumentParser
import RemissionCore
import RemissionStore

extension Remission {
    struct Lab: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lab",
            abstract: "Record a lab result.",
            discussion: """
                The value and unit are kept as entered; the value is also converted exactly to \
                the analyte's canonical unit (C3 82 mg/dL is 0.82 g/L). A bound such as <5 is \
                kept as a bound. Give the lab's reference range when it prints one: positivity \
                and "low" are judged against it.

                Analytes: \(AnalyteCatalogue.all.map(\.id).joined(separator: ", ")).

                Examples:
                  $ remission lab cd19 "<1" cells/uL --date 2026-04-01
                  $ remission lab anti-dsdna 12 IU/mL --range "<30" --lab "City Hospital"
                  $ remission lab c3 82 mg/dL --range 90-180
                """)

        @OptionGroup var options: JournalOptions

        @Argument(help: "The analyte: cd19, anti-dsdna, c3, c4, igg, upcr, creatinine, … (aliases accepted).")
        var analyte: String

        @Argument(help: "The value as printed by the lab: 5.2, <5, >1000, 1:160 for a titre.")
        var value: String

        @Argument(help: "The unit as printed by the lab: g/L, mg/dL, cells/uL, IU/mL, …")
        var unit: String

        @Option(parsing: .unconditional, help: "The collection date (default: today).")
        var date: String?

        @Option(help: "The collection time, HH:MM.")
        var time: String?

        @Option(help: ArgumentHelp("The lab's reference range in the same unit: 3.5-5.0, <30, >0.9.", valueName: "low-high"))
        var range: String?

        @Option(help: "The laboratory or assay name.")
        var lab: String?

        @Option(help: "A note; '-' reads it from standard input.")
        var note: String?

        func run() throws {
            let context = try CommandContext(options)
            let journal = try context.openJournal()
            let entry = LabResultEntry(
                analyte: analyte, value: value, unit: unit, date: date, time: time, range: range, lab: lab,
                note: try NoteInput.resolve(note, edit: false))
            let fields = try entry.fields(try context.entryContext(journal))
            let operations = try journal.write([.create(.lab, fields)])
            try context.printRecords(try context.snapshots(operations, in: journal), journal: journal, verb: "recorded")
        }
    }
}
