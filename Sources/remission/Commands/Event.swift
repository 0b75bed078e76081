import ArgumentParser
import RemissionCore
import RemissionStore

extension Remission {
    struct Event: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "event",
            abstract: "Record a clinical event: infusion, CRS, ICANS, infection, flare, visit, …",
            discussion: """
                Kinds: \(EventKind.allCases.map(\.rawValue).joined(separator: ", ")). CRS and \
                ICANS take the ASTCT grade the clinician assigned (--grade 1…5). The first \
                infusion is day 0 of the timeline.

                Examples:
                  $ remission event infusion --date 2026-03-02
                  $ remission event crs --date d+1 --grade 1 --note "fever 38.4"
                  $ remission event infection --note "upper respiratory, no antibiotics"
                """)

        @OptionGroup var options: JournalOptions
        @Argument(help: "The kind of event.")
        var kind: String
        @Option(parsing: .unconditional, help: "When it happened (default: today).")
        var date: String?
        @Option(parsing: .unconditional, help: "The clinician's grade (CRS, ICANS).")
        var grade: String?
        @Option(help: "A note; '-' reads it from standard input.")
        var note: String?
        @Flag(name: .customLong("edit-note"), help: "Write the note in $VISUAL or $EDITOR.")
        var editNote = false

        func run() throws {
            let context = try CommandContext(options)
            let journal = try context.openJournal()
            let entry = EventEntry(type: kind, date: date, grade: grade, note: try NoteInput.resolve(note, edit: editNote))
            let entryContext = try context.entryContext(journal)
            let fields = try entry.fields(entryContext)
            let dayZero = entryContext.infusion
            if fields[.type] == .text("infusion"), let date = fields[.date]?.text, let dayZero {
                if date == dayZero.iso {
                    throw CommandFailure(
                        status: ExitStatus.usage,
                        message: "an infusion on \(date) is already recorded (day 0); nothing was written.")
                }
                if date < dayZero.iso {
                    printError("Note: day 0 is now \(date), the first infusion (it was \(dayZero.iso)); every \"day +N\" counts from it.")
                }
            }
            let operations = try journal.write([.create(.event, fields)])
            try context.printRecords(try context.snapshots(operations, in: journal), journal: journal, verb: "recorded")
        }
    }
}
