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
                infusion is day 0 of the timeline; \
                one dated ahead (up to a year) is planned. The same event twice on one day is \
                refused as typed twice, unless --again says it happened twice.

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
        @Flag(help: "Record a second event of the same kind and grade on the same day (two infections).")
        var again = false

        func run() throws {
            let context = try CommandContext(options)
            let journal = try context.openJournal()
            let entry = EventEntry(type: kind, date: date, grade: grade, note: try NoteInput.resolve(note, edit: editNote))
            let written = try journal.recordEvent(entry, again: again, context: try context.entryContext(journal))
            context.say(written.dayZero)
            try context.printRecords(try context.snapshots(written.operations, in: journal), journal: journal, verb: "recorded")
        }
    }
}
