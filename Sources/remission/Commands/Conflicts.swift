import ArgumentParser
import RemissionCore
import RemissionReports
import RemissionStore

extension Remission {
    struct Conflicts: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "conflicts",
            abstract: "List fields edited at the same time on two devices, and settle them.",
            discussion: """
                When two devices change the same field before syncing, both values are kept: \
                one is shown (the later edit), the others wait here. Settle a conflict by \
                choosing a value by its number, or by editing the field.

                Examples:
                  $ remission conflicts
                  $ remission conflicts settle 3f2a9c1e severity 2
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
                        print("  deleted on one device while edited on another: `remission delete \(RecordFormatter.shortID(record.id))` deletes it, `remission restore \(RecordFormatter.shortID(record.id))` keeps it.")
                    }
                    for conflict in record.conflicts {
                        print("  \(conflict.field):")
                        for (index, candidate) in ([conflict.winner] + conflict.others).enumerated() {
                            let device = names[candidate.operation.device] ?? String(candidate.operation.device.prefix(8))
                            print("    \(index + 1). \(candidate.value.description)  (\(device), \(candidate.clock.iso8601))\(index == 0 ? "  shown" : "")")
                        }
                    }
                }
                print("`remission conflicts settle ID FIELD N` keeps value N.")
            }
        }

        struct Settle: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "settle", abstract: "Keep one of a conflict's values.",
                discussion: """
                    Example:
                      $ remission conflicts settle 3f2a9c1e severity 2
                    """)
            @OptionGroup var options: JournalOptions
            @Argument(help: "The record's id or the start of it.") var id: String
            @Argument(help: "The field in conflict.") var field: String
            @Argument(help: "The number of the value to keep, as `remission conflicts` lists it.") var choice: Int

            func run() throws {
                let context = try CommandContext(options)
                let journal = try context.openJournal()
                let recordID = try journal.resolve(id)
                guard let record = try journal.snapshot(recordID) else { throw JournalError.unknownRecord(id) }
                guard let conflict = record.conflicts.first(where: { $0.field == field || JSONOutput.snakeCase($0.field) == field }) else {
                    throw InputError(field: "FIELD", value: field, reason: "has no open conflict on this record",
                                     accepted: record.conflicts.map(\.field).joined(separator: ", ").ifEmpty("no field: the record has no conflict"))
                }
                let candidates = [conflict.winner] + conflict.others
                guard (1...candidates.count).contains(choice) else {
                    throw InputError(field: "N", value: String(choice), reason: "is not one of the values",
                                     accepted: "a number from 1 to \(candidates.count)")
                }
                let operations = try journal.write([.update(recordID, kind: record.kind, [conflict.field: candidates[choice - 1].value])])
                try context.printRecords(try context.snapshots(operations, in: journal), journal: journal, verb: "settled")
            }
        }
    }
}

extension String {
    func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }
}
