import Foundation
import RemissionCore
import RemissionReports
import RemissionStore

/// What `remission import FILE.csv` did, or with `--dry-run` would do: a table for people,
/// JSON for programs (Schema/json/lab-import.schema.json).
public struct LabImportReport: Encodable, Sendable {
    struct Row: Encodable, Sendable {
        let line: Int
        let status: String
        let id: String?
        let duplicateOfRecord: String?
        let duplicateOfLine: Int?
        let date: String?
        let day: Int?
        let analyte: String?
        let qualifier: String?
        let value: String?
        let unit: String?
        let canonicalValue: String?
        let canonicalUnit: String?
        let range: String?
        let lab: String?
        let time: String?
        let note: String?

        enum CodingKeys: String, CodingKey {
            case line, status, id, date, day, analyte, qualifier, value, unit, range, lab, time, note
            case duplicateOfRecord = "duplicate_of_record", duplicateOfLine = "duplicate_of_line"
            case canonicalValue = "canonical_value", canonicalUnit = "canonical_unit"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(line, forKey: .line)
            try container.encode(status, forKey: .status)
            try container.encode(id, forKey: .id)
            try container.encode(duplicateOfRecord, forKey: .duplicateOfRecord)
            try container.encode(duplicateOfLine, forKey: .duplicateOfLine)
            try container.encode(date, forKey: .date)
            try container.encode(day, forKey: .day)
            try container.encode(analyte, forKey: .analyte)
            try container.encode(qualifier, forKey: .qualifier)
            try container.encode(value, forKey: .value)
            try container.encode(unit, forKey: .unit)
            try container.encode(canonicalValue, forKey: .canonicalValue)
            try container.encode(canonicalUnit, forKey: .canonicalUnit)
            try container.encode(range, forKey: .range)
            try container.encode(lab, forKey: .lab)
            try container.encode(time, forKey: .time)
            try container.encode(note, forKey: .note)
        }
    }

    let file: String
    let dryRun: Bool
    let new: Int
    let duplicates: Int
    let otherKinds: Int
    let rows: [Row]

    enum CodingKeys: String, CodingKey {
        case file, new, duplicates, rows
        case dryRun = "dry_run", otherKinds = "other_kinds"
    }

    public init(_ plan: LabCSVImport, dryRun: Bool, infusion: CalendarDate?) {
        file = plan.path
        self.dryRun = dryRun
        new = plan.rows.filter { $0.status == .new }.count
        duplicates = plan.rows.count - new
        otherKinds = plan.otherKinds
        rows = plan.rows.map { row in
            func text(_ field: Field) -> String? { row.fields[field]?.text }
            let status: String
            var record: String?, line: Int?
            switch row.status {
            case .new: status = "new"
            case .duplicateOfRecord(let id): status = "duplicate"; record = id
            case .duplicateOfLine(let earlier): status = "duplicate"; line = earlier
            }
            let isTitre = text(.canonicalUnit) == LabUnit.titre.display
            return Row(
                line: row.line, status: status, id: row.status == .new && !dryRun ? row.id : nil,
                duplicateOfRecord: record, duplicateOfLine: line, date: text(.date),
                day: text(.date).flatMap(CalendarDate.init(iso:)).flatMap { StudyDay.number(for: $0, infusion: infusion) },
                analyte: text(.analyte), qualifier: text(.qualifier),
                value: text(.value).map { isTitre ? "1:" + $0 : $0 }, unit: text(.unit),
                canonicalValue: text(.canonicalValue), canonicalUnit: text(.canonicalUnit), range: text(.range),
                lab: text(.lab), time: text(.time), note: text(.note))
        }
    }

    /// One sentence, then a table of the rows.
    public func text(style: TerminalStyle) -> String {
        let verb = dryRun ? "Would import" : "Imported"
        var parts = ["\(verb) \(new) lab result\(new == 1 ? "" : "s") from \(file)"]
        if duplicates > 0 { parts.append("skipped \(duplicates) duplicate\(duplicates == 1 ? "" : "s")") }
        if otherKinds > 0 { parts.append("skipped \(otherKinds) row\(otherKinds == 1 ? "" : "s") of other kinds") }
        var text = parts.joined(separator: "; ") + (dryRun ? ". Dry run: nothing was written." : ".")
        guard !rows.isEmpty else { return text }
        var table = TextTable(header: ["LINE", "DATE", "DAY", "ANALYTE", "VALUE", "UNIT", "RANGE", "LAB", "STATUS"])
        for row in rows {
            let status: String
            if let record = row.duplicateOfRecord {
                status = "duplicate of " + RecordFormatter.shortID(record)
            } else if let line = row.duplicateOfLine {
                status = "duplicate of line \(line)"
            } else {
                status = dryRun ? "new" : "added " + RecordFormatter.shortID(row.id ?? "")
            }
            table.append([
                String(row.line), row.date ?? "", row.day.map { $0 > 0 ? "+\($0)" : String($0) } ?? "", row.analyte ?? "",
                (row.qualifier ?? "") + (row.value ?? ""), row.unit ?? "", row.range ?? "", row.lab ?? "", status
            ])
        }
        text += "\n\n" + table.render { rowIndex, _, cell in rowIndex == 0 ? style.bold(cell) : cell }
        return text
    }
}
