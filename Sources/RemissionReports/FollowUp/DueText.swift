import RemissionCore

/// `remission due` for the terminal, and the follow-up lines of the summary and the report.
public struct DueText {
    let schedule: DueSchedule
    let infusion: CalendarDate?
    /// An infusion after the as-of date: planned. The plan counts from it once it has come.
    let plannedInfusion: CalendarDate?
    let style: TerminalStyle

    public init(_ schedule: DueSchedule, infusion: CalendarDate?, style: TerminalStyle) {
        self.schedule = schedule
        self.infusion = infusion.flatMap { $0 <= schedule.asOf ? $0 : nil }
        self.plannedInfusion = infusion.flatMap { $0 > schedule.asOf ? $0 : nil }
        self.style = style
    }

    /// "2026-04-02 (day +31)", or the date alone without an infusion.
    func date(_ date: CalendarDate) -> String {
        StudyDay.label(for: date, infusion: infusion).map { "\(date.iso) (\($0))" } ?? date.iso
    }

    /// "2026-03-25 to 2026-04-08", "from 2026-06-02" for information, "today" for the daily entry.
    public static func window(_ item: DueItem) -> String {
        guard let end = item.windowEnd else { return "from \(item.windowStart.iso), no end" }
        if item.windowStart == end { return item.windowStart.iso }
        return "\(item.windowStart.iso) to \(end.iso)"
    }

    /// The rows of the listing: the open labs of one visit (same month, status and window) are
    /// one row naming their analytes as `remission lab` takes them, so that a visit is two
    /// lines, not nine; everything else is a row of its own.
    static func grouped(_ items: [DueItem]) -> [(item: DueItem, what: String)] {
        var rows: [(item: DueItem, what: String, names: [String])] = []
        for item in items {
            let groupable = item.kind == .lab && item.satisfiedBy == nil && (item.timePoint?.hasPrefix("month") ?? false)
            let name = item.analyte ?? "blood count"
            if groupable, let last = rows.last, last.item.kind == .lab, last.item.satisfiedBy == nil,
                last.item.timePoint == item.timePoint, last.item.status == item.status, last.item.dueDate == item.dueDate,
                last.item.windowStart == item.windowStart, last.item.windowEnd == item.windowEnd, !last.names.isEmpty
            {
                rows[rows.count - 1].names.append(name)
            } else {
                rows.append((item, item.what, groupable ? [name] : []))
            }
        }
        return rows.map { row in
            guard row.names.count > 1, let point = row.item.timePoint else { return (row.item, row.what) }
            return (row.item, "Labs, \(point): " + row.names.joined(separator: ", "))
        }
    }

    /// One line for scripts (`due --check`) and notifications: "overdue 2026-04-01 IgG (monthly), day 30".
    public static func line(_ item: DueItem) -> String {
        "\(item.status.rawValue) \(item.dueDate.iso) \(item.what) (window \(window(item)))"
    }

    /// The listing: a heading, then one row per item, by due date.
    public func render(_ items: [DueItem], all: Bool) -> String {
        var heading = "Follow-up as of \(schedule.asOf.iso)"
        if let infusion {
            heading += ", day +\(schedule.asOf.days(since: infusion)) after the infusion on \(infusion.iso)"
        } else if let planned = plannedInfusion {
            heading +=
                ", \(counted(planned.days(since: schedule.asOf), "day")) before the infusion on \(planned.iso)"
                + " (only the daily entry is planned until then; the follow-up counts from day 0)"
        } else {
            heading += " (no infusion recorded: only the daily entry is planned; `remission event infusion --date …` adds the rest)"
        }
        var lines = [style.bold(heading), ""]
        if items.isEmpty {
            lines.append("Nothing is due, overdue or coming in the next \(counted(schedule.horizonDays, "day")).")
            return lines.joined(separator: "\n")
        }
        var table = TextTable(header: ["STATUS", "DUE", "WHAT", "WINDOW"] + (all ? ["DONE BY"] : []))
        let rows = Self.grouped(items)
        for (item, what) in rows {
            var row = [item.status.rawValue, date(item.dueDate), what, Self.window(item)]
            if all {
                let by = item.satisfiedBy.map { RecordFormatter.shortID($0) } ?? ""
                row.append(item.closedBySeriesEnd ? "series ended (\(by))" : by)
            }
            table.append(row)
        }
        lines.append(
            table.render { row, column, cell in
                guard row > 0 else { return style.bold(cell) }
                guard column == 0 else { return cell }
                switch rows[row - 1].item.status {
                case .overdue: return style.red(cell)
                case .due: return style.yellow(cell)
                case .done: return style.green(cell)
                case .upcoming, .missed, .info: return style.dim(cell)
                }
            })
        lines.append("")
        lines.append(style.dim("Record what was done with `remission lab`, `remission assess` or `remission event visit`."))
        lines.append(style.dim("The plan is an editable default, not a medical order: `remission plan` shows it with its sources."))
        return lines.joined(separator: "\n")
    }

    /// The follow-up lines of the summary and the clinic report: what is overdue, what is due
    /// now, and the next item coming; the daily entry is left out (it is about the journal,
    /// not the clinic).
    public static func summaryRows(_ schedule: DueSchedule) -> [(label: String, text: String, overdue: Bool)] {
        let clinical = schedule.items.filter { $0.kind != .log }
        var rows: [(label: String, text: String, overdue: Bool)] = []
        let overdue = clinical.filter { $0.status == .overdue }
        let due = clinical.filter { $0.status == .due }
        // Items of one date and time point are one group: "2026-04-02 (month 1): Clinic visit…, IgG".
        func list(_ items: [DueItem]) -> String {
            var groups: [(key: String, names: [String])] = []
            for item in items {
                let key = item.dueDate.iso + (item.timePoint.map { " (\($0))" } ?? "")
                if let index = groups.firstIndex(where: { $0.key == key }) {
                    groups[index].names.append(item.name)
                } else {
                    groups.append((key, [item.name]))
                }
            }
            return groups.map { "\($0.key): \($0.names.joined(separator: ", "))" }.joined(separator: "; ")
        }
        if !overdue.isEmpty { rows.append(("Overdue", list(overdue), true)) }
        if !due.isEmpty { rows.append(("Due now", list(due), false)) }
        if let next = clinical.first(where: { $0.status == .upcoming }) {
            let sameDay = clinical.filter { $0.status == .upcoming && $0.dueDate == next.dueDate }
            rows.append(("Next", list(sameDay), false))
        }
        if rows.isEmpty { rows.append(("Follow-up", "nothing due or overdue, nothing planned in the next \(counted(schedule.horizonDays, "day"))", false)) }
        return rows
    }

    /// The follow-up block of `remission summary`.
    public static func summarySection(_ schedule: DueSchedule, style: TerminalStyle) -> String {
        var table = TextTable()
        let rows = summaryRows(schedule)
        for row in rows { table.append([row.label, row.text]) }
        let body = table.render { row, column, cell in
            column == 0 ? style.bold(cell) : rows[row].overdue ? style.red(cell) : cell
        }
        return style.bold("Follow-up") + style.dim(" (`remission due` lists every item; `remission plan` shows the plan)") + "\n" + body
    }
}
