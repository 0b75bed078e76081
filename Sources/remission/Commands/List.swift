import ArgumentParser
import RemissionCore
import RemissionFormats
import RemissionReports
import RemissionStore

extension RecordKind: ExpressibleByArgument {}

extension Remission {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List records on the timeline.",
            discussion: """
                Kinds: \(RecordKind.allCases.map(\.rawValue).joined(separator: ", ")).

                Examples:
                  $ remission list --since -30d
                  $ remission list --kind lab --since d+0 --json
                """)

        @OptionGroup var options: JournalOptions
        @Option(help: "Only records of this kind.")
        var kind: RecordKind?
        @Option(parsing: .unconditional, help: "From this date on.")
        var since: String?
        @Option(parsing: .unconditional, help: "Up to this date.")
        var until: String?
        @Flag(name: .customLong("include-deleted"), help: "Show deleted records too.")
        var includeDeleted = false

        func run() throws {
            let context = try CommandContext(options)
            let journal = try context.openJournal()
            let entryContext = try context.entryContext(journal)
            let since = try self.since.map { text throws(InputError) in try entryContext.date(text, field: "--since") }
            let until = try self.until.map { text throws(InputError) in try entryContext.date(text, field: "--until") }
            if let since, let until, until < since {
                throw InputError(
                    field: "--until", value: until.iso, reason: "is before --since (\(since.iso))",
                    accepted: "a date on or after \(since.iso)")
            }
            var records = try journal.records(.init(kind: kind, since: since, until: until, includeDeleted: includeDeleted))
            if since != nil || until != nil { records.removeAll { $0.date == nil } }
            if context.json {
                try context.printRecords(records, journal: journal)
                return
            }
            guard !records.isEmpty else {
                print("No records\(kind.map { " of kind \($0.rawValue)" } ?? "")\(since != nil || until != nil ? " in that period" : "").")
                return
            }
            let infusion = entryContext.infusion
            let formatter = RecordFormatter(infusion: infusion, style: context.style)
            var table = TextTable(header: ["ID", "DATE", "DAY", "KIND", "WHAT"])
            for record in records {
                let day = record.date.flatMap { StudyDay.number(for: $0, infusion: infusion) }
                table.append([
                    RecordFormatter.shortID(record.id), record.date?.iso ?? "", day.map { $0 >= 0 ? "+\($0)" : "\($0)" } ?? "",
                    record.kind.rawValue, formatter.summary(record)
                ])
            }
            print(
                table.render { row, column, cell in
                    row == 0 ? context.style.bold(cell) : column == 0 ? context.style.dim(cell) : cell
                })
        }
    }
}
