import Foundation
import RemissionCore
import RemissionFormats
import RemissionReports
import RemissionStore

/// What a command needs around the journal: where it is, today, day 0, and how to print.
struct CommandContext {
    let location: JournalLocation
    let json: Bool
    let style: TerminalStyle
    let today: CalendarDate

    init(_ options: JournalOptions) throws {
        try self.init(directory: options.directory, json: options.json)
    }

    /// The context from the values of ``JournalOptions``, for the `log` fast path that
    /// never builds ArgumentParser's options (``LogFastPath``).
    init(directory: String?, json: Bool) throws {
        let environment = ProcessInfo.processInfo.environment
        location = JournalLocation.resolve(explicit: directory, environment: environment)
        self.json = json
        style = json ? .plain : TerminalStyle.detect(environment: environment)
        // Today as the user's calendar shows it (TZ applies), unless REMISSION_TODAY pins it.
        today =
            try CalendarDate.todayOverride(from: environment[CalendarDate.todayOverrideVariable])
            ?? CalendarDate.local(atUnixTime: Int(time(nil)))
    }

    func openJournal() throws -> Journal {
        try Journal.open(at: location)
    }

    func entryContext(_ journal: Journal) throws -> EntryContext {
        EntryContext(today: today, infusion: try journal.infusionDate())
    }

    /// Prints records the way every writing and listing command does.
    func printRecords(_ records: [RecordSnapshot], journal: Journal, verb: String? = nil) throws {
        let infusion = try journal.infusionDate()
        if json {
            let names = try journal.deviceNames()
            print(try JSONOutput.encode(records.map { RecordJSON($0, infusion: infusion, deviceNames: names) }))
            return
        }
        let formatter = RecordFormatter(infusion: infusion, style: style)
        for record in records {
            let date = record.date.map { formatter.dateLabel($0) + "  " } ?? ""
            let prefix = verb.map { "\($0) " } ?? ""
            print("\(prefix)\(record.kind.rawValue) \(style.dim(RecordFormatter.shortID(record.id)))  \(date)\(formatter.summary(record))")
        }
    }

    /// Deletes or restores the record an id (or id prefix) names, and prints it.
    @discardableResult
    func changeWholeRecord(_ id: String, verb: String, _ change: (String, RecordKind) -> RecordChange) throws -> String {
        let journal = try openJournal()
        let recordID = try journal.resolve(id)
        guard let record = try journal.snapshot(recordID) else { throw JournalError.unknownRecord(id) }
        try write([change(recordID, record.kind)], to: journal)
        try printRecords([try journal.snapshot(recordID)].compactMap { $0 }, journal: journal, verb: verb)
        return recordID
    }

    /// Writes changes and says, on standard error, where day 0 went if they moved it.
    @discardableResult
    func write(_ changes: [RecordChange], to journal: Journal) throws -> [JournalOperation] {
        let written = try journal.writeNotingDayZero(changes, today: today)
        say(written.dayZero)
        return written.operations
    }

    /// "Note: day 0 moves from … to …", on standard error beside any output.
    func say(_ moved: DayZeroChange?, from source: String = "") {
        guard let moved else { return }
        printError("Note: " + source + moved.description)
    }

    func snapshots(_ operations: [JournalOperation], in journal: Journal) throws -> [RecordSnapshot] {
        var seen: Set<String> = []
        return try journal.snapshots(operations.map(\.record).filter { seen.insert($0).inserted })
    }
}

/// Writes to standard error, for messages that must not mix with JSON on standard output.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
