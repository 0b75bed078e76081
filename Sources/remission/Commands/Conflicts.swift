import ArgumentParser
import RemissionCore
import RemissionFormats
import RemissionReports
import RemissionStore

extension Remission {
    struct Conflicts: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "conflicts",
            abstract: "List entries edited at the same time on two devices, and settle them.",
            discussion: """
                When two devices change the same field before syncing, both values are kept: \
                one is shown (the later edit), the others wait here. Fields that belong \
                together are one unit: a lab result's measurement (analyte, value, qualifier, \
                unit, range), a medication's dosing (dose, frequency, route), and so on. Each \
                choice is one device's whole entry, never a mix of two. Settle a conflict by \
                keeping choice N (its number in the list; 1 is the one shown), or by editing.

                Examples:
                  $ remission conflicts
                  $ remission conflicts settle 3f2a9c1e measurement 2
                """,
            subcommands: [ListConflicts.self, Settle.self],
            defaultSubcommand: ListConflicts.self)

        struct ListConflicts: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "list", abstract: "List open conflicts.",
                discussion: """
                    Example:
                      $ remission conflicts list
                    """)
            @OptionGroup var options: JournalOptions

            func run() throws {
                let context = try CommandContext(options)
                let journal = try context.openJournal()
                let records = try journal.records().filter { !$0.conflicts.isEmpty || $0.editedAfterDelete }
                if context.json {
                    try context.printRecords(records, journal: journal)
                    return
                }
                guard !records.isEmpty else {
                    print("No conflicts.")
                    return
                }
                let names = try journal.deviceNames()
                let formatter = RecordFormatter(infusion: try journal.infusionDate(), style: context.style)
                for record in records {
                    print(context.style.bold("\(record.kind.rawValue) \(RecordFormatter.shortID(record.id))") + "  " + formatter.summary(record))
                    if record.editedAfterDelete {
                        print(
                            "  deleted on one device while edited on another: `remission delete \(RecordFormatter.shortID(record.id))` deletes it, `remission restore \(RecordFormatter.shortID(record.id))` keeps it."
                        )
                    }
                    for conflict in record.conflicts {
                        let fields = conflict.fields.map(Field.snakeCase)
                        print(
                            "  \(Field.snakeCase(conflict.register))\(conflict.fields.count > 1 ? " (\(fields.joined(separator: ", ")), settled together)" : ""):"
                        )
                        for (index, candidate) in conflict.candidates.enumerated() {
                            let device = names[candidate.operation.device] ?? String(candidate.operation.device.prefix(8))
                            print(
                                "    \(index + 1). \(RecordFormatter.describe(candidate, of: conflict))  (\(device), \(candidate.clock.iso8601))\(index == 0 ? "  shown" : "")"
                            )
                        }
                    }
                }
                print("`remission conflicts settle ID NAME N` keeps choice N of NAME as listed above, all its fields together.")
            }
        }

        struct Settle: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "settle", abstract: "Keep one alternative of a conflict, whole.",
                discussion: """
                    N is the number of a choice as `remission conflicts` lists them under NAME \
                    (1 is the value shown now); that choice is kept with all the fields of its \
                    group, and the others are settled.

                    Example:
                      $ remission conflicts settle 3f2a9c1e measurement 2
                    """)
            @OptionGroup var options: JournalOptions
            @Argument(help: "The record's id or the start of it.") var id: String
            @Argument(
                help: ArgumentHelp(
                    "The name in conflict, as `remission conflicts` lists it: a group such as measurement or dosing, or one of its fields.", valueName: "name"))
            var field: String
            @Argument(help: ArgumentHelp("The number of the choice to keep, as `remission conflicts` lists it (1 is the one shown).", valueName: "n"))
            var choice: String

            func run() throws {
                let context = try CommandContext(options)
                let journal = try context.openJournal()
                let recordID = try journal.resolve(id)
                guard let record = try journal.snapshot(recordID) else { throw JournalError.unknownRecord(id) }
                guard !record.conflicts.isEmpty else {
                    throw InputError(
                        field: "ID", value: id, reason: "has no open conflict",
                        accepted: "the id of a record `remission conflicts` lists")
                }
                // A group by its name, or by any of its fields: `value` settles the measurement.
                let register =
                    record.kind.register(of: field) ?? Field(snakeCaseName: field).flatMap { record.kind.register(of: $0.rawValue) }
                    ?? record.kind.register(named: field)
                guard let conflict = record.conflicts.first(where: { $0.register == register?.name }) else {
                    throw InputError(
                        field: "NAME", value: field, reason: "has no open conflict on this record",
                        accepted: record.conflicts.map { Field.snakeCase($0.register) }.joined(separator: ", ")
                            .ifEmpty("no name: the record has no conflict"))
                }
                let candidates = conflict.candidates
                guard let choice = Int(choice), (1...candidates.count).contains(choice) else {
                    throw InputError(
                        field: "N", value: choice, reason: "is not the number of a listed choice",
                        accepted: "a number from 1 to \(candidates.count), as `remission conflicts` lists them")
                }
                let operations = try context.write([.update(recordID, kind: record.kind, candidates[choice - 1].values)], to: journal)
                try context.printRecords(try context.snapshots(operations, in: journal), journal: journal, verb: "settled")
            }
        }
    }
}

extension String {
    func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }
}
