import ArgumentParser
import RemissionCore
import RemissionStore

extension Remission {
    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "log",
            abstract: "Log how a day went: symptoms, well-being, a note, tags.",
            discussion: """
                Symptom severity and well-being are whole numbers from 0 (none, worst) to 10 \
                (worst, best). Symptom names come from a catalogue (fatigue, joint-pain, rash, \
                fever, …); other names are kept as typed, and the output says the series is new. \
                A name one or two letters away from a catalogue symptom or from one already in \
                the journal (fatige, joint-pains) is refused with "did you mean …?": \
                --new-symptom NAME keeps it as a new symptom.

                One score per symptom per command. Logged again later the same day (morning \
                and evening), both entries are kept, and the day counts once with its worst \
                value: the highest score of each symptom and the lowest well-being. The daily \
                burden is the sum of those highest scores; trend, summary and report use them.

                Examples:
                  $ remission log --symptom fatigue=3 --symptom joint-pain=2 --wellbeing 7
                  $ remission log --date yesterday --note - < note.txt
                  $ remission log --edit-note --tag travel
                  $ remission log --symptom back-pain=2 --new-symptom back-pain
                """)

        @OptionGroup var options: JournalOptions

        @Option(parsing: .unconditional, help: "The day (default: today).")
        var date: String?

        @Option(name: .customLong("symptom"), help: ArgumentHelp("A symptom and its severity 0–10; repeatable.", valueName: "name=severity"))
        var symptoms: [String] = []

        @Option(parsing: .unconditional, help: "Well-being from 0 (worst) to 10 (best).")
        var wellbeing: String?

        @Option(help: "A note; '-' reads it from standard input.")
        var note: String?

        @Flag(name: .customLong("edit-note"), help: "Write the note in $VISUAL or $EDITOR.")
        var editNote = false

        @Option(name: .customLong("tag"), help: "A tag for the day; repeatable.")
        var tags: [String] = []

        @OptionGroup var newSymptoms: NewSymptomOptions

        /// What was typed, as plain values: the one thing both this command and the fast
        /// path (``LogFastPath``) hand to ``LogRequest/run()``.
        var request: LogRequest {
            LogRequest(
                journal: options.directory, json: options.json, date: date, symptoms: symptoms, wellbeing: wellbeing,
                note: note, editNote: editNote, tags: tags, newSymptoms: newSymptoms.allowed)
        }

        func run() throws {
            try request.run()
        }
    }
}

/// The values of a `remission log` command line, and the run they ask for.
struct LogRequest: Equatable {
    var journal: String?
    var json = false
    var date: String?
    var symptoms: [String] = []
    var wellbeing: String?
    var note: String?
    var editNote = false
    var tags: [String] = []
    var newSymptoms: [String] = []

    func run() throws {
        let context = try CommandContext(directory: journal, json: json)
        let journal = try context.openJournal()
        let entryContext = try context.entryContext(journal)
        let day = DayEntry(
            date: date, wellbeing: wellbeing, note: try NoteInput.resolve(note, edit: editNote),
            tags: tags.isEmpty ? nil : tags)
        let scores = try SymptomScore.parseAll(symptoms)
        let newNames = try NewSymptomOptions.newNames(
            zip(scores, symptoms).map { .init(name: $0.name, typed: $1, field: "--symptom") }, allowed: newSymptoms, journal: journal)
        let dayDate = try entryContext.date(date)
        guard !day.isEmpty || !scores.isEmpty else {
            throw ValidationError("Nothing to log: give --symptom NAME=SEVERITY, --wellbeing N, --note TEXT or --tag TAG.")
        }
        var changes: [RecordChange] = []
        var entryID: String?
        if !day.isEmpty {
            let entry = RecordChange.create(.entry, try day.fields(entryContext))
            entryID = entry.record
            changes.append(entry)
        }
        changes += scores.map { .create(.symptom, $0.fields(date: dayDate, entryID: entryID)) }
        let operations = try journal.write(changes)
        try context.printRecords(try context.snapshots(operations, in: journal), journal: journal, verb: "logged")
        NewSymptomOptions.report(newNames, json: context.json)
        journal.closeForExit()  // `log` ends here; see closeForExit for what that saves
    }
}
