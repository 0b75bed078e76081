import ArgumentParser
import RemissionCore
import RemissionReports
import RemissionStore

extension Remission {
    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit",
            abstract: "Correct fields of a record.",
            discussion: """
                The record is validated again as a whole, as if newly entered. The old values \
                stay in `remission history`. An empty value clears an optional field. Editing \
                a field that is in conflict settles the conflict.

                Fields by kind:
                  entry: --date --wellbeing --note --tag
                  symptom: --date --name --severity
                  lab: --date --time --analyte --value --unit --range --lab --note
                  medication: --dose --frequency --route --start-date --end-date --reason --stop-reason --note
                  event: --date --type --grade --note
                  assessment: --date --sledai --clinical-sledai --pga --note
                  profile (id 'profile'): --diagnosis --product --target --lymphodepletion --note

                Examples:
                  $ remission edit 3f2a9c1e --value 0.85 --unit g/L
                  $ remission edit profile --target CD19+BCMA
                """)

        @OptionGroup var options: JournalOptions
        @Argument(help: "The record's id or the start of it; 'profile' for the profile.")
        var id: String

        @Option(parsing: .unconditional) var date: String?
        @Option var time: String?
        @Option var analyte: String?
        @Option(parsing: .unconditional) var value: String?
        @Option var unit: String?
        @Option var range: String?
        @Option var lab: String?
        @Option(help: "A note; '-' reads it from standard input.") var note: String?
        @Option(parsing: .unconditional) var wellbeing: String?
        @Option(name: .customLong("tag"), help: "Replaces the tags; repeatable.") var tags: [String] = []
        @Option var name: String?
        @Option(parsing: .unconditional) var severity: String?
        @Option var dose: String?
        @Option var frequency: String?
        @Option var route: String?
        @Option(name: .customLong("start-date"), parsing: .unconditional) var startDate: String?
        @Option(name: .customLong("end-date"), parsing: .unconditional) var endDate: String?
        @Option(help: "Why a medication was started or changed.") var reason: String?
        @Option(name: .customLong("stop-reason"), help: "Why a medication was stopped.") var stopReason: String?
        @Option var type: String?
        @Option(parsing: .unconditional) var grade: String?
        @Option(parsing: .unconditional) var sledai: String?
        @Option(name: .customLong("clinical-sledai"), parsing: .unconditional) var clinicalSledai: String?
        @Option(parsing: .unconditional) var pga: String?
        @Option var diagnosis: String?
        @Option var product: String?
        @Option var target: String?
        @Option var lymphodepletion: String?

        func run() throws {
            let context = try CommandContext(options)
            let journal = try context.openJournal()
            let recordID = id.lowercased() == "profile" ? Journal.profileID : try journal.resolve(id)
            let current = try journal.snapshot(recordID)
            let kind = current?.kind ?? .profile
            var changes: [String: String] = [:]
            let given: [(String, String?)] = [
                ("date", date), ("time", time), ("analyte", analyte), ("value", value), ("unit", unit),
                ("range", range), ("lab", lab), ("note", try NoteInput.resolve(note, edit: false)),
                ("wellbeing", wellbeing), ("tag", tags.isEmpty ? nil : tags.joined(separator: ",")), ("name", name),
                ("severity", severity), ("dose", dose), ("frequency", frequency), ("route", route),
                ("start-date", startDate), ("end-date", endDate), ("reason", reason), ("stop-reason", stopReason), ("type", type), ("grade", grade),
                ("sledai", sledai), ("clinical-sledai", clinicalSledai), ("pga", pga), ("diagnosis", diagnosis),
                ("product", product), ("target", target), ("lymphodepletion", lymphodepletion),
            ]
            for case (let option, let value?) in given { changes[option] = value }
            if let current, current.deleted {
                throw JournalError.invalidChange("record \(recordID) is deleted; `remission restore \(RecordFormatter.shortID(recordID))` brings it back before it can be edited")
            }
            let fields = try RecordEditor.edit(
                kind: kind, current: current?.fields ?? [:], changes: changes, context: try context.entryContext(journal))
            guard !fields.isEmpty else {
                if !context.json { print("Nothing changed: the record already has these values.") }
                return
            }
            let change: RecordChange = current == nil
                ? .create(.profile, fields, id: Journal.profileID) : .update(recordID, kind: kind, fields)
            let operations = try journal.write([change])
            try context.printRecords(try context.snapshots(operations, in: journal), journal: journal, verb: "edited")
        }
    }
}
