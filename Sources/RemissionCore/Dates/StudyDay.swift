/// Days counted from the CAR-T infusion, the clock every trial and clinic uses.
public enum StudyDay {
    /// The signed number of days since the infusion (day 0), nil without an infusion date.
    public static func number(for date: CalendarDate, infusion: CalendarDate?) -> Int? {
        infusion.map { date.days(since: $0) }
    }

    /// "day +12", "day 0" or "day -3"; nil without an infusion date, so callers print nothing
    /// rather than a misleading count.
    public static func label(for date: CalendarDate, infusion: CalendarDate?) -> String? {
        guard let days = number(for: date, infusion: infusion) else { return nil }
        return days > 0 ? "day +\(days)" : "day \(days)"
    }
}
