import RemissionCore
import RemissionReports

/// `remission due --json`, as documented by `Schema/json/due.schema.json`.
public enum DueJSON {
    public static func document(_ schedule: DueSchedule, items: [DueItem], infusion: CalendarDate?) -> JSONValue {
        [
            "as_of": .date(schedule.asOf),
            "infusion_date": .date(infusion.flatMap { $0 <= schedule.asOf ? $0 : nil }),
            "horizon_days": .integer(schedule.horizonDays),
            "items": .array(items.map(item))
        ]
    }

    public static func item(_ item: DueItem) -> JSONValue {
        [
            "id": .string(item.id),
            "series": .string(item.series),
            "kind": .string(item.kind.rawValue),
            "what": .string(item.what),
            "analyte": .string(item.analyte),
            "analytes": .strings(item.analytes),
            "due_date": .date(item.dueDate),
            "window_start": .date(item.windowStart),
            "window_end": .date(item.windowEnd),
            "status": .string(item.status.rawValue),
            "satisfied_by": .string(item.satisfiedBy),
            "closed_by_series_end": .bool(item.closedBySeriesEnd)
        ]
    }
}
