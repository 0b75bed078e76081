import Foundation
import RemissionCore
import RemissionReports
import RemissionStore

/// The CSV export: the journal in long format, one row per value, for spreadsheets and R.
///
/// Every field of every visible record appears in some column, so nothing is lost on the
/// way to a spreadsheet; deleted records are left out, history and conflicts are only in
/// the JSON export. The rows are:
/// - profile: one row per field given (diagnosis, product, target, lymphodepletion), no date;
/// - entry: one "wellbeing" row (value empty when only a note or tags were logged);
/// - symptom: one row, severity as the value;
/// - lab: one row, the value and unit as printed, the canonical value and unit, the range as
///   printed and its ends in the canonical unit, the flag against it (or the catalogue's
///   adult default when the lab gave no range), and the LOINC code of the canonical value;
/// - medication: a "start" row on the first day and, once stopped, an "end" row on the first
///   day without it, both with the dose, frequency, route and ATC code, the start with the
///   reason it was started or changed for, the end with the reason it was stopped for;
/// - event: one row, the grade as the value;
/// - assessment: one row each for sledai, clinical_sledai and pga.
/// A symptom's link to its day entry (`entryId`) is not a column: both rows share the date.
///
/// The bytes are deterministic: rows sorted by date (undated first), kind, name, then
/// record id; CRLF line ends; UTF-8, with a byte order mark unless asked not to.
public struct CSVExport: Sendable {
    public static let columns = [
        "date", "day", "kind", "name", "value", "qualifier", "unit", "canonical_value", "canonical_unit",
        "range", "range_low", "range_high", "flag", "code_system", "code", "category", "lab", "time",
        "period", "frequency", "route", "reason", "tags", "note", "record_id"
    ]

    /// The data rows, without the header, in export order.
    public let rows: [[String]]

    public init(journal: Journal) throws {
        self.init(records: try journal.records(), infusion: try journal.infusionDate())
    }

    public init(records: [RecordSnapshot], infusion: CalendarDate?) {
        var rows: [Row] = []
        for record in records where !record.deleted {
            rows += Self.rows(for: record, infusion: infusion)
        }
        rows.sort { $0.sortKey.lexicographicallyPrecedes($1.sortKey) }
        self.rows = rows.map { row in Self.columns.map { CSV.protectFormula(row.cells[$0] ?? "") } }
    }

    /// Header and rows as CSV bytes.
    ///
    /// - Parameter byteOrderMark: whether to start with the UTF-8 byte order mark, without
    ///   which Excel on Windows reads the file as the system's code page ("Âµ" for "µ");
    ///   LibreOffice, Numbers, Python's `utf-8-sig` and R's `readr` accept it.
    public func encoded(byteOrderMark: Bool) -> Data {
        (byteOrderMark ? CSV.byteOrderMark : Data()) + Data(CSV.encode([Self.columns] + rows).utf8)
    }

    // MARK: Rows

    private struct Row {
        var cells: [String: String]
        var sortKey: [String]
    }

    private static func rows(for record: RecordSnapshot, infusion: CalendarDate?) -> [Row] {
        func text(_ field: Field) -> String { record[field].text ?? "" }
        func integer(_ field: Field) -> String { record[field].integer.map { String($0) } ?? "" }
        func row(date: String, name: String, part: Int = 0, _ cells: [String: String]) -> Row {
            let day = CalendarDate(iso: date).flatMap { StudyDay.number(for: $0, infusion: infusion) }
            var all = cells.filter { !$0.value.isEmpty }
            all["date"] = date
            all["day"] = day.map { String($0) } ?? ""
            all["kind"] = record.kind.rawValue
            all["name"] = name
            all["record_id"] = record.id
            let kindOrder = RecordKind.allCases.firstIndex(of: record.kind) ?? 0
            // Single digits both, so the order of the text is the order of the numbers.
            let order = String(kindOrder) + "." + String(part)
            return Row(cells: all, sortKey: [date, order, name, cells["time"] ?? "", record.id])
        }
        let note = text(.note)
        let score = "score 0-10"

        switch record.kind {
        case .profile:
            // One row per field of the table but the note, which goes with every row.
            let present = record.kind.fields.map(\.field).filter { $0 != .note && !text($0).isEmpty }
            if present.isEmpty { return [row(date: "", name: "profile", ["note": note])] }
            return present.enumerated().map { part, field in
                row(date: "", name: field.snakeCaseName, part: part, ["value": text(field), "note": note])
            }
        case .entry:
            let wellbeing = integer(.wellbeing)
            // A day with only a note or tags is not a well-being row without a value.
            return [
                row(
                    date: text(.date), name: wellbeing.isEmpty ? "day" : "wellbeing",
                    [
                        "value": wellbeing, "unit": wellbeing.isEmpty ? "" : score,
                        "tags": (record[.tags].list ?? []).joined(separator: " "), "note": note
                    ])
            ]
        case .symptom:
            return [row(date: text(.date), name: text(.name), ["value": integer(.severity), "unit": score])]
        case .lab:
            let analyte = AnalyteCatalogue.analyte(id: text(.analyte))
            return [
                row(
                    date: text(.date), name: text(.analyte),
                    [
                        "value": record.reportedLabValue, "qualifier": text(.qualifier), "unit": text(.unit),
                        "canonical_value": text(.canonicalValue), "canonical_unit": text(.canonicalUnit),
                        "range": text(.range), "range_low": text(.rangeLow), "range_high": text(.rangeHigh),
                        "flag": record.labFlag?.rawValue ?? "",
                        "code_system": analyte == nil ? "" : "LOINC", "code": analyte?.loinc ?? "",
                        "category": analyte?.group.rawValue ?? "", "lab": text(.lab), "time": text(.time), "note": note
                    ])
            ]
        case .medication:
            let drug = record[.custom].bool == true ? nil : DrugCatalogue.drug(id: text(.drug))
            let atc = drug?.atc(route: record[.route].text)
            // The amount as typed ("2.50" of "2.50 mg"), which `doseAmount` normalises.
            let unit = text(.doseUnit)
            let dose = text(.dose)
            let amount = !unit.isEmpty && dose.hasSuffix(" " + unit) ? String(dose.dropLast(unit.count + 1)) : text(.doseAmount)
            var cells = [
                "value": amount, "unit": unit, "code_system": atc == nil ? "" : "ATC", "code": atc ?? "",
                "category": text(.drugClass), "frequency": text(.frequency), "route": text(.route),
                "reason": text(.reason), "note": note
            ]
            if amount.isEmpty { cells["value"] = dose }  // a dose the journal could not split: kept whole
            cells["period"] = "start"
            var rows = [row(date: text(.startDate), name: text(.drug), cells)]
            if !text(.endDate).isEmpty {
                cells["period"] = "end"
                cells["reason"] = text(.stopReason)
                rows.append(row(date: text(.endDate), name: text(.drug), part: 1, cells))
            }
            return rows
        case .event:
            let grade = integer(.grade)
            return [
                row(
                    date: text(.date), name: text(.type),
                    [
                        "value": grade, "unit": grade.isEmpty ? "" : "grade", "note": note
                    ])
            ]
        case .assessment:
            let scores = [
                (Field.sledai, integer(.sledai), "score 0-105"), (.clinicalSledai, integer(.clinicalSledai), "score 0-105"),
                (.pga, text(.pga), "score 0-3")
            ].filter { !$0.1.isEmpty }
            if scores.isEmpty { return [row(date: text(.date), name: "assessment", ["note": note])] }
            return scores.enumerated().map { part, item in
                row(date: text(.date), name: item.0.snakeCaseName, part: part, ["value": item.1, "unit": item.2, "note": note])
            }
        }
    }
}
