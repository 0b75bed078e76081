import ArgumentParser
import RemissionCore
import RemissionFormats
import RemissionReports
import RemissionStore

extension Remission {
    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "history",
            abstract: "Every value a record ever had, with time and device.",
            discussion: """
                Nothing written to a journal is lost: edits and deletes are new operations, and \
                this lists them all, oldest first.

                Example:
                  $ remission history 3f2a9c1e
                """)

        @OptionGroup var options: JournalOptions
        @Argument(help: "The record's id or the start of it.")
        var id: String

        struct Change: Encodable {
            struct Write: Encodable {
                let field: String
                let value: FieldValue
                let previous: [FieldValue]
            }

            let operation: String
            let device: String
            let deviceName: String
            let at: String
            let action: String
            let writes: [Write]

            enum CodingKeys: String, CodingKey {
                case operation, device, at, action, writes
                case deviceName = "device_name"
            }
        }

        func run() throws {
            let context = try CommandContext(options)
            let journal = try context.openJournal()
            let recordID = try journal.resolve(id)
            let operations = try journal.history(of: recordID)
            let names = try journal.deviceNames()
            var values: [OperationID: [String: FieldValue]] = [:]
            var changes: [Change] = []
            for (index, operation) in operations.enumerated() {
                var writes: [Change.Write] = []
                for write in operation.recordWrites {
                    let previous = write.replaces.compactMap { values[$0]?[write.field] }
                    writes.append(.init(field: Field.snakeCase(write.field), value: write.value, previous: previous))
                    values[operation.id, default: [:]][write.field] = write.value
                }
                let action: String
                if let deleted = operation.writes.first(where: { $0.field == JournalOperation.deletedField }) {
                    action = deleted.value == .bool(true) ? "deleted" : "restored"
                } else {
                    action = index == 0 ? "created" : "edited"
                }
                changes.append(
                    .init(
                        operation: operation.id.description, device: operation.id.device,
                        deviceName: names[operation.id.device] ?? operation.id.device,
                        at: operation.clock.iso8601, action: action, writes: writes))
            }
            if context.json {
                print(try JSONOutput.encode(changes))
                return
            }
            let kind = operations.first?.kind.rawValue ?? "record"
            print(context.style.bold("History of \(kind) \(recordID)"))
            for change in changes {
                print("\(change.at)  \(change.action) on \(EntryText.visible(change.deviceName))")
                // A group is written whole: its unchanged fields are not news.
                for write in change.writes
                where write.field != JournalOperation.deletedField
                    && (write.previous.isEmpty ? !write.value.isNull : write.previous.contains { $0 != write.value })
                {
                    let before = write.previous.isEmpty ? "" : write.previous.map(\.description).joined(separator: " | ") + " → "
                    print("    \(write.field): " + EntryText.visible(before + write.value.description, keepingLineBreaks: true))
                }
            }
        }
    }
}
