import GRDB
import RemissionCore

/// Day 0 is the first infusion recorded: an event, a deletion or a restore can move it, and
/// every "day +N", B-cell aplasia and reconstitution and the follow-up plan move with it.
/// Whoever changes it is told.
public struct DayZeroChange: Sendable, Hashable, CustomStringConvertible {
    public let from: CalendarDate?
    public let to: CalendarDate?
    /// Today, to say whether the new day 0 is still planned.
    public let today: CalendarDate

    public var description: String {
        let counts = "every \"day +N\", B-cell aplasia and reconstitution, and the follow-up plan count from it"
        guard let to else {
            return "day 0 is gone: no infusion is left (it was \(from?.iso ?? "?")); nothing is counted from an infusion "
                + "until one is recorded (`remission event infusion --date …`)."
        }
        let planned = to > today ? " (planned, in \(counted(to.days(since: today), "day")))" : ""
        guard let from else { return "day 0 is now \(to.iso), the infusion\(planned); \(counts)." }
        return to < from
            ? "day 0 is now \(to.iso), the first infusion (it was \(from.iso))\(planned); \(counts)."
            : "day 0 moves from \(from.iso) to \(to.iso), the first infusion left\(planned); \(counts)."
    }
}

extension Journal {
    /// Writes `changes` and says how they moved day 0, if they did.
    public func writeNotingDayZero(_ changes: [RecordChange], today: CalendarDate) throws -> (operations: [JournalOperation], dayZero: DayZeroChange?) {
        let before = try infusionDate()
        let operations = try write(changes)
        return (operations, try dayZeroChange(since: before, today: today))
    }

    /// How day 0 moved since it was `before` (a write, or a sync that brought another
    /// device's change); nil when it did not.
    public func dayZeroChange(since before: CalendarDate?, today: CalendarDate) throws -> DayZeroChange? {
        let after = try infusionDate()
        return before == after ? nil : DayZeroChange(from: before, to: after, today: today)
    }

    /// Records a clinical event. An identical one on the same day (type and grade) is most
    /// likely typed twice, so a second needs `again`; a second infusion on day 0 is refused.
    public func recordEvent(_ entry: EventEntry, again: Bool, context: EntryContext) throws -> (operations: [JournalOperation], dayZero: DayZeroChange?) {
        let fields = try entry.fields(context)
        let type = fields[.type]?.text ?? entry.type
        let date = fields[.date]?.text ?? ""
        if type == EventKind.infusion.rawValue, date == context.infusion?.iso {
            throw JournalError.invalidChange("an infusion on \(date) is already recorded (day 0); nothing was written.")
        }
        if !again,
            let twin = try read({ db in
                try String.fetchOne(
                    db,
                    sql: "SELECT id FROM clinicalEvent WHERE type = ? AND date = ? AND grade IS ? ORDER BY id LIMIT 1",
                    arguments: [type, date, fields[.grade]?.integer])
            })
        {
            let kind = EventKind(rawValue: type)?.displayName ?? type
            let grade = fields[.grade]?.integer.map { " grade \($0)" } ?? ""
            throw JournalError.invalidChange(
                "\(kind)\(grade) on \(date) is already recorded (\(twin.prefix(8))); `--again` records a second one. Nothing was written.")
        }
        return try writeNotingDayZero([.create(.event, fields)], today: context.today)
    }
}
