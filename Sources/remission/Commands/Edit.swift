import ArgumentParser
import RemissionCore
import RemissionFormats
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
                \(RecordKind.editOptionsByKind)

                Examples:
                  $ remission edit 3f2a9c1e --value 0.85 --unit g/L --range 0.9-1.8
                  $ remission edit profile --target CD19+BCMA
                """)

        @OptionGroup var options: JournalOptions
        @Argument(help: "The record's id or the start of it; 'profile' for the profile.")
        var id: String

        // One option per field the table (RecordKind+Fields.swift) lets `edit` change: its
        // name and help come from there; `given` below hands each to RecordEditor.
        @Option(name: .edit(.date), parsing: .unconditional, help: .edit(.date)) var date: String?
        @Option(name: .edit(.time), help: .edit(.time)) var time: String?
        @Option(name: .edit(.analyte), help: .edit(.analyte)) var analyte: String?
        @Option(name: .edit(.value), parsing: .unconditional, help: .edit(.value)) var value: String?
        @Option(name: .edit(.unit), help: .edit(.unit)) var unit: String?
        @Option(name: .edit(.range), help: .edit(.range)) var range: String?
        @Option(name: .edit(.lab), help: .edit(.lab)) var lab: String?
        @Option(name: .edit(.note), help: .edit(.note)) var note: String?
        @Option(name: .edit(.wellbeing), parsing: .unconditional, help: .edit(.wellbeing)) var wellbeing: String?
        @Option(name: .edit(.tags), help: .edit(.tags)) var tags: [String] = []
        @Option(name: .edit(.name), help: .edit(.name)) var name: String?
        @Option(name: .edit(.severity), parsing: .unconditional, help: .edit(.severity)) var severity: String?
        @Option(name: .edit(.dose), parsing: .unconditional, help: .edit(.dose)) var dose: String?
        @Option(name: .edit(.frequency), help: .edit(.frequency)) var frequency: String?
        @Option(name: .edit(.route), help: .edit(.route)) var route: String?
        @Option(name: .edit(.startDate), parsing: .unconditional, help: .edit(.startDate)) var startDate: String?
        @Option(name: .edit(.endDate), parsing: .unconditional, help: .edit(.endDate)) var endDate: String?
        @Option(name: .edit(.reason), help: .edit(.reason)) var reason: String?
        @Option(name: .edit(.stopReason), help: .edit(.stopReason)) var stopReason: String?
        @Option(name: .edit(.type), help: .edit(.type)) var type: String?
        @Option(name: .edit(.grade), parsing: .unconditional, help: .edit(.grade)) var grade: String?
        @Option(name: .edit(.sledai), parsing: .unconditional, help: .edit(.sledai)) var sledai: String?
        @Option(name: .edit(.clinicalSledai), parsing: .unconditional, help: .edit(.clinicalSledai)) var clinicalSledai: String?
        @Option(name: .edit(.pga), parsing: .unconditional, help: .edit(.pga)) var pga: String?
        @Option(name: .edit(.diagnosis), help: .edit(.diagnosis)) var diagnosis: String?
        @Option(name: .edit(.product), help: .edit(.product)) var product: String?
        @Option(name: .edit(.target), help: .edit(.target)) var target: String?
        @Option(name: .edit(.lymphodepletion), help: .edit(.lymphodepletion)) var lymphodepletion: String?
        @OptionGroup var newSymptoms: NewSymptomOptions

        /// The value of each option above, by the field it changes.
        func given() throws -> [(Field, String?)] {
            [
                (.date, date), (.time, time), (.analyte, analyte), (.value, value), (.unit, unit), (.range, range),
                (.lab, lab), (.note, try NoteInput.resolve(note, edit: false)), (.wellbeing, wellbeing),
                (.tags, tags.isEmpty ? nil : tags.joined(separator: ",")), (.name, name), (.severity, severity),
                (.dose, dose), (.frequency, frequency), (.route, route), (.startDate, startDate), (.endDate, endDate),
                (.reason, reason), (.stopReason, stopReason), (.type, type), (.grade, grade), (.sledai, sledai),
                (.clinicalSledai, clinicalSledai), (.pga, pga), (.diagnosis, diagnosis), (.product, product),
                (.target, target), (.lymphodepletion, lymphodepletion)
            ]
        }

        func run() throws {
            let context = try CommandContext(options)
            let journal = try context.openJournal()
            let recordID = id.lowercased() == "profile" ? Journal.profileID : try journal.resolve(id)
            let current = try journal.snapshot(recordID)
            let kind = current?.kind ?? .profile
            var changes: [String: String] = [:]
            for case (let field, let value?) in try given() {
                guard let option = field.editOption else { continue }
                changes[option] = value
            }
            if let current, current.deleted {
                throw JournalError.invalidChange(
                    "record \(recordID) is deleted; `remission restore \(RecordFormatter.shortID(recordID))` brings it back before it can be edited")
            }
            let fields = try RecordEditor.edit(
                kind: kind, current: current?.fields ?? [:], changes: changes, context: try context.entryContext(journal))
            var newNames: [String] = []
            if kind == .symptom, let renamed = fields[.name]?.text {
                newNames = try newSymptoms.newNames([.init(name: renamed, typed: name ?? renamed, field: "--name")], journal: journal)
            }
            guard !fields.isEmpty else {
                if !context.json { print("Nothing changed: the record already has these values.") }
                return
            }
            let change: RecordChange =
                current == nil
                ? .create(.profile, fields, id: Journal.profileID) : .update(recordID, kind: kind, fields)
            let operations = try context.write([change], to: journal)
            try context.printRecords(try context.snapshots(operations, in: journal), journal: journal, verb: "edited")
            NewSymptomOptions.report(newNames, json: context.json)
        }
    }
}

extension NameSpecification {
    /// The long name the field table gives the field's `edit` option.
    fileprivate static func edit(_ field: Field) -> NameSpecification {
        .customLong(field.editOption ?? field.snakeCaseName)
    }
}

extension ArgumentHelp {
    /// The help the field table gives the field's `edit` option, with the kinds it is for.
    fileprivate static func edit(_ field: Field) -> ArgumentHelp {
        ArgumentHelp(RecordKind.editHelp(forOption: field.editOption ?? field.snakeCaseName))
    }
}
