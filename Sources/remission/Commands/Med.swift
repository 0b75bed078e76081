import ArgumentParser
import RemissionCore
import RemissionStore

extension Remission {
    struct Med: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "med",
            abstract: "Record medications: start, change the dose, stop.",
            discussion: """
                A medication is kept as periods: a dose change ends the current period on the \
                given date and starts the next one, so the history of every dose stays.

                Examples:
                  $ remission med start prednisone --dose "10 mg" --frequency daily --date 2026-01-05
                  $ remission med change prednisone --dose "5 mg" --date 2026-02-01
                  $ remission med stop prednisone --date 2026-04-01
                  $ remission med list
                """,
            subcommands: [Start.self, Change.self, Stop.self, List.self])
    }
}

/// Options shared by `med start` and `med change`.
struct DoseOptions: ParsableArguments {
    /// Takes the next word whatever it looks like, so that "-5 mg" reaches the dose check.
    @Option(parsing: .unconditional, help: "The dose with its unit: \"5 mg\", \"0.4 g/kg\", \"375 mg/m2\", or a cream's strength \"1 %\".")
    var dose: String?

    @Option(help: "How often: daily, twice-daily, three-times-daily, alternate-days, weekly, every-2-weeks, every-4-weeks, monthly, once, as-needed.")
    var frequency: String?

    @Option(help: "The route: oral, iv, sc, im, topical, inhaled, rectal, other.")
    var route: String?
}

extension Remission.Med {
    struct Start: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "start",
            abstract: "Start a medication.",
            discussion: """
                Drugs are looked up in a catalogue (class, ATC code, prednisone equivalence) by \
                name, brand or ATC code. A drug outside the catalogue needs --custom.

                Example:
                  $ remission med start hydroxychloroquine --dose "200 mg" --frequency twice-daily
                """)

        @OptionGroup var options: JournalOptions
        @Argument(help: "The drug: prednisone, hydroxychloroquine, mycophenolate, belimumab, …")
        var drug: String
        @OptionGroup var dose: DoseOptions
        @Option(parsing: .unconditional, help: "The first day (default: today).")
        var date: String?
        @Option(help: "Why it was started.")
        var reason: String?
        @Option(help: "A note; '-' reads it from standard input.")
        var note: String?
        @Flag(help: "Record a drug that is not in the catalogue, by the name given.")
        var custom = false

        func run() throws {
            let context = try CommandContext(options)
            let journal = try context.openJournal()
            let entry = MedicationEntry(
                drug: drug, custom: custom, dose: dose.dose, frequency: dose.frequency, route: dose.route,
                startDate: date, reason: reason, note: try NoteInput.resolve(note, edit: false))
            let written = try journal.startMedication(entry, context: try context.entryContext(journal))
            try context.printRecords(try context.snapshots(written.operations, in: journal), journal: journal, verb: "started")
            context.sayAssumed(written.assumedFrequency, drug: drug)
        }
    }

    struct Change: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "change",
            abstract: "Change the dose or frequency of a current medication.",
            discussion: """
                Ends the current period on --date and starts a new one with the new dose; what \
                is not given is carried over.

                Example:
                  $ remission med change prednisone --dose "2.5 mg" --date 2026-03-01
                """)

        @OptionGroup var options: JournalOptions
        @Argument(help: "The drug, as started.")
        var drug: String
        @OptionGroup var dose: DoseOptions
        @Option(parsing: .unconditional, help: "The first day of the new dose (default: today).")
        var date: String?
        @Option(help: "Why it changed.")
        var reason: String?

        func run() throws {
            let context = try CommandContext(options)
            let journal = try context.openJournal()
            let change = Journal.DoseChange(dose: dose.dose, frequency: dose.frequency, route: dose.route, date: date, reason: reason)
            let written = try journal.changeMedication(drug, change, context: try context.entryContext(journal))
            try context.printRecords(try context.snapshots(written.operations, in: journal), journal: journal, verb: "changed")
            context.sayAssumed(written.assumedFrequency, drug: drug)
        }
    }

    struct Stop: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stop",
            abstract: "Stop a current medication.",
            discussion: """
                The date is the first day without the drug.

                Example:
                  $ remission med stop prednisone --date 2026-04-01 --reason "tapered off"
                """)

        @OptionGroup var options: JournalOptions
        @Argument(help: "The drug, as started.")
        var drug: String
        @Option(parsing: .unconditional, help: "The first day without it (default: today).")
        var date: String?
        @Option(help: "Why it was stopped.")
        var reason: String?

        func run() throws {
            let context = try CommandContext(options)
            let journal = try context.openJournal()
            let operations = try journal.stopMedication(drug, date: date, reason: reason, context: try context.entryContext(journal))
            try context.printRecords(try context.snapshots(operations, in: journal), journal: journal, verb: "stopped")
        }
    }
}

extension CommandContext {
    /// Says that a glucocorticoid's frequency was taken from the catalogue, and how to correct it.
    func sayAssumed(_ frequency: DoseFrequency?, drug: String) {
        guard let frequency else { return }
        let id = (try? DrugCatalogue.drug(named: drug).id) ?? drug
        let message =
            "Note: frequency \(frequency.rawValue) assumed, the usual for \(id) by mouth (its daily dose counts for DORIS and LLDAS); `remission med change \(id) --frequency …` corrects it."
        // Beside JSON, on standard error, so that standard output stays one document.
        if json { printError(message) } else { print(message) }
    }
}
