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
                """,
            subcommands: [Start.self, Change.self, Stop.self])
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
            let fields = try entry.fields(try context.entryContext(journal))
            let drugID = fields[.drug]?.text ?? drug
            if let current = try journal.currentMedication(drug: drugID) {
                throw CommandFailure(
                    status: ExitStatus.usage,
                    message: "\(drugID) is already current since \(current[.startDate].text ?? "?"); use `remission med change \(drugID) --dose …` to change the dose, or `remission med stop \(drugID)`. Nothing was written.")
            }
            let operations = try journal.write([.create(.medication, fields)])
            try context.printRecords(try context.snapshots(operations, in: journal), journal: journal, verb: "started")
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
            let current = try currentPeriod(of: drug, in: journal)
            guard dose.dose != nil || dose.frequency != nil || dose.route != nil else {
                throw ValidationError("Give what changes: --dose, --frequency or --route.")
            }
            let entryContext = try context.entryContext(journal)
            var next = MedicationEntry(fields: current.fields)
            next.dose = dose.dose ?? next.dose
            next.frequency = dose.frequency ?? next.frequency
            next.route = dose.route ?? next.route
            next.startDate = date
            next.endDate = nil
            next.reason = reason
            next.stopReason = nil
            next.note = nil
            let fields = try next.fields(entryContext)
            let start = fields[.startDate]?.text ?? ""
            try requireNotBeforeStart(start, typed: date, of: current)
            // The dosing group of the field table: dose, frequency, route, and what follows from them.
            let dosing = RecordKind.medication.fields.filter { $0.group == "dosing" }
            let unchanged = dosing.filter { !$0.isDerived }.allSatisfy { (fields[$0.field] ?? .null) == current[$0.field] }
            if unchanged {
                throw CommandFailure(
                    status: ExitStatus.usage,
                    message: "\(current[.drug].text ?? drug) is already \([current[.dose].text, current[.frequency].text].compactMap { $0 }.joined(separator: " ")); nothing was written.")
            }
            // A change on the day the period began corrects it rather than leaving a
            // period of no days.
            let changes: [RecordChange] = start == current[.startDate].text
                ? [.update(current.id, kind: .medication, dosing
                    .reduce(into: [String: FieldValue]()) { $0[$1.field] = fields[$1.field] ?? .null }
                    .filter { (current[$0.key]) != $0.value })]
                : [.update(current.id, kind: .medication, .init(fields: [.endDate: .text(start)])), .create(.medication, fields)]
            let operations = try journal.write(changes)
            try context.printRecords(try context.snapshots(operations, in: journal), journal: journal, verb: "changed")
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
            let current = try currentPeriod(of: drug, in: journal)
            let end = try context.entryContext(journal).date(date)
            try requireNotBeforeStart(end.iso, typed: date, of: current)
            var fields = [String: FieldValue](fields: [.endDate: .text(end.iso)])
            // Its own field: the reason the period was started for stays as it was.
            if let reason = try EntryText.label(reason, field: "--reason") { fields[.stopReason] = .text(reason) }
            let operations = try journal.write([.update(current.id, kind: .medication, fields)])
            try context.printRecords(try context.snapshots(operations, in: journal), journal: journal, verb: "stopped")
        }
    }
}

/// The current period of a drug named by catalogue name, alias or custom name.
private func currentPeriod(of drug: String, in journal: Journal) throws -> RecordSnapshot {
    let id = (try? DrugCatalogue.drug(named: drug).id) ?? drug.lowercased()
    guard let current = try journal.currentMedication(drug: id) else {
        throw CommandFailure(
            status: ExitStatus.usage,
            message: "\(id) is not a current medication; `remission list --kind medication` shows them, `remission med start \(id)` starts it. Nothing was written.")
    }
    return current
}

/// A change or stop dated before the current period began would make a period end before it
/// starts.
private func requireNotBeforeStart(_ date: String, typed: String?, of current: RecordSnapshot) throws {
    guard let start = current[.startDate].text, date < start else { return }
    throw InputError(field: "--date", value: typed ?? date, reason: "is before the current period began (\(start))",
                     accepted: "a date on or after \(start)")
}
