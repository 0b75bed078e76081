import Foundation
import RemissionCore
import RemissionReports
import RemissionStore

/// Lab results read from a CSV file (a lab portal's download, a spreadsheet, remission's own
/// CSV export), checked row by row exactly as `remission lab` checks one result.
///
/// Reading is all or nothing: every bad row is reported with its line, column and reason,
/// and then nothing is imported. A row that repeats a result the journal already holds, or
/// an earlier row of the file (same date, analyte, qualifier, value and unit), is a
/// duplicate and is skipped, so importing a file twice adds nothing.
public struct LabCSVImport: Sendable {
    /// What a column can hold.
    public enum Field: String, CaseIterable, Sendable, Hashable {
        case date, time, analyte, qualifier, value, unit, range, lab, note
        /// Rows whose kind is given and is not "lab" are skipped, so that remission's own
        /// CSV export, which holds every kind, can be imported.
        case kind

        /// Headers that name this field when no `--column` does, in order of preference,
        /// compared as ``headerKey(_:)``.
        public var defaultHeaders: [String] {
            switch self {
            case .date: return ["date", "collection date", "collected", "sample date", "date collected"]
            case .time: return ["time", "collection time"]
            case .analyte: return ["analyte", "test", "test name", "parameter", "name"]
            case .qualifier: return ["qualifier", "comparator"]
            case .value: return ["value", "result"]
            case .unit: return ["unit", "units"]
            case .range: return ["range", "reference range", "ref range", "reference interval", "normal range"]
            case .lab: return ["lab", "laboratory", "assay"]
            case .note: return ["note", "notes", "comment", "comments"]
            case .kind: return ["kind"]
            }
        }

        var isRequired: Bool { [.date, .analyte, .value, .unit].contains(self) }
    }

    public struct Options: Sendable {
        /// Headers named with `--column FIELD=HEADER`.
        public var columns: [Field: String]
        /// Nil: detected from the header line.
        public var delimiter: Unicode.Scalar?
        /// Read "0,82" in values and ranges as 0.82, for files from spreadsheets set to a
        /// language that writes decimal commas. Off unless asked: a comma is never guessed.
        public var decimalComma: Bool

        public init(columns: [Field: String] = [:], delimiter: Unicode.Scalar? = nil, decimalComma: Bool = false) {
            self.columns = columns
            self.delimiter = delimiter
            self.decimalComma = decimalComma
        }
    }

    /// One lab result of the file.
    public struct Row: Sendable {
        public enum Status: Sendable, Hashable {
            case new
            case duplicateOfRecord(String)
            case duplicateOfLine(Int)
        }

        public let line: Int
        /// The id the new record gets.
        public let id: String
        public let fields: [String: FieldValue]
        public let status: Status
    }

    public let path: String
    /// The lab rows, in the order of the file.
    public let rows: [Row]
    /// Rows skipped because their kind is not "lab".
    public let otherKinds: Int

    /// The records to create, for one `Journal.write`.
    public var changes: [RecordChange] {
        rows.filter { $0.status == .new }.map { RecordChange.create(.lab, $0.fields, id: $0.id) }
    }

    /// Reads and checks the whole file.
    ///
    /// - Parameter existing: the journal's lab results, to find duplicates.
    /// - Throws: ``CSVError`` when the file is not readable CSV, ``LabImportError`` when a
    ///   column is missing or a row is bad.
    public init(data: Data, path: String, options: Options, context: EntryContext, existing: [RecordSnapshot]) throws {
        self.path = path
        let text = try CSV.text(data, path: path)
        let records = try CSV.parse(text, delimiter: options.delimiter ?? CSV.detectDelimiter(text), path: path)
            .filter { !$0.isBlank }
        guard let header = records.first else {
            throw LabImportError.mapping("\(path) holds no header row and no results; nothing was imported.")
        }
        let columns = try Self.columns(header: header.fields, options: options, path: path)
        func headerName(_ field: Field) -> String { header.fields[columns[field]!] }

        var seen: [String: Row.Status] = [:]
        for record in existing where record.kind == .lab && !record.deleted {
            if let key = Self.duplicateKey(record.fields) { seen[key] = .duplicateOfRecord(record.id) }
        }
        var rows: [Row] = []
        var problems: [String] = []
        var otherKinds = 0
        for record in records.dropFirst() {
            func cell(_ field: Field) -> String? {
                guard let index = columns[field], index < record.fields.count else { return nil }
                let value = CSV.unprotectFormula(record.fields[index]).trimmingCharacters(in: .whitespacesAndNewlines)
                return value.isEmpty ? nil : value
            }
            func problem(_ field: Field, _ value: String, _ reason: String) {
                problems.append("\(path):\(record.line): column '\(headerName(field))' (\(field.rawValue)) '\(value)': \(reason)")
            }
            if record.fields.count > header.fields.count, record.fields[header.fields.count...].contains(where: { !$0.isEmpty }) {
                problems.append(
                    "\(path):\(record.line): has \(record.fields.count) fields, but the header has \(header.fields.count); a field with the delimiter in it must be quoted"
                )
                continue
            }
            if let kind = cell(.kind), kind.lowercased() != RecordKind.lab.rawValue {
                otherKinds += 1
                continue
            }
            guard let date = cell(.date) else {
                problem(.date, "", "is empty. Accepted: the collection date, YYYY-MM-DD")
                continue
            }
            var value = cell(.value) ?? ""
            if let qualifier = cell(.qualifier) {
                guard Qualifier.allCases.contains(where: { $0.rawValue == qualifier }) || qualifier == "\u{2264}" || qualifier == "\u{2265}" else {
                    problem(.qualifier, qualifier, "is not a qualifier. Accepted: <, >, <=, >= or empty")
                    continue
                }
                if !value.hasPrefix("<") && !value.hasPrefix(">") && !value.hasPrefix("\u{2264}") && !value.hasPrefix("\u{2265}") {
                    value = qualifier + value
                }
            }
            var range = cell(.range)
            if options.decimalComma {
                value = value.replacingOccurrences(of: ",", with: ".")
                range = range?.replacingOccurrences(of: ",", with: ".")
            }
            let entry = LabResultEntry(
                analyte: cell(.analyte) ?? "", value: value, unit: cell(.unit) ?? "", date: date, time: cell(.time),
                range: range, lab: cell(.lab), note: cell(.note))
            let fields: [String: FieldValue]
            do {
                fields = try entry.fields(context)
            } catch {
                let field = Self.field(of: error)
                var reason = error.reason
                if let accepted = error.accepted { reason += ". Accepted: \(accepted)" }
                if field == .value || field == .range, !options.decimalComma, error.value.contains(",") {
                    reason += " (for a file with decimal commas, add --decimal-comma)"
                }
                problem(field, error.value, reason)
                continue
            }
            let id = newRecordID()
            let key = Self.duplicateKey(fields)
            if let key, let earlier = seen[key] {
                rows.append(Row(line: record.line, id: id, fields: fields, status: earlier))
            } else {
                if let key { seen[key] = .duplicateOfLine(record.line) }
                rows.append(Row(line: record.line, id: id, fields: fields, status: .new))
            }
        }
        if !problems.isEmpty { throw LabImportError.rows(path: path, problems: problems) }
        self.rows = rows
        self.otherKinds = otherKinds
    }

    /// The column of each field: `--column` first, then the default headers.
    static func columns(header: [String], options: Options, path: String) throws -> [Field: Int] {
        let keys = header.map(headerKey)
        let listing = header.map { "'\($0)'" }.joined(separator: ", ")
        var columns: [Field: Int] = [:]
        for (field, name) in options.columns {
            guard let index = keys.firstIndex(of: headerKey(name)) else {
                throw LabImportError.mapping(
                    "--column \(field.rawValue)=\(name): \(path) has no column '\(name)'. Its columns: \(listing). Nothing was imported.")
            }
            columns[field] = index
        }
        for field in Field.allCases where columns[field] == nil {
            let taken = Set(columns.values)
            if let index = field.defaultHeaders.lazy.compactMap({ name in
                keys.indices.first { keys[$0] == headerKey(name) && !taken.contains($0) }
            }).first {
                columns[field] = index
            }
        }
        let missing = Field.allCases.filter { $0.isRequired && columns[$0] == nil }
        if !missing.isEmpty {
            let lines = missing.map { field in
                "no column for the \(field.rawValue) (looked for \(field.defaultHeaders.map { "'\($0)'" }.joined(separator: ", "))); name it with --column \(field.rawValue)=HEADER"
            }
            throw LabImportError.mapping(
                "\(path): " + lines.joined(separator: "; ") + ". Its columns: \(listing). Nothing was imported.")
        }
        return columns
    }

    /// A header compared without case, spaces, underscores, hyphens or dots.
    static func headerKey(_ text: String) -> String {
        String(text.lowercased().filter { !" _-.\t".contains($0) })
    }

    /// Which column an entry's error is about.
    static func field(of error: InputError) -> Field {
        switch error.field {
        case "ANALYTE": return .analyte
        case "UNIT": return .unit
        case "--range": return .range
        case "--date": return .date
        case "--time": return .time
        case "--lab": return .lab
        case "--note": return .note
        default: return .value
        }
    }

    /// Date, analyte, qualifier, the value as a number and the unit as the catalogue knows it,
    /// so that "5.0 mg/dl" repeats "5 mg/dL".
    static func duplicateKey(_ fields: [String: FieldValue]) -> String? {
        guard let date = fields[.date]?.text, let analyteID = fields[.analyte]?.text,
            let value = fields[.value]?.text, let unit = fields[.unit]?.text
        else { return nil }
        let number = Decimal(string: value).map { "\($0)" } ?? value
        let analyte = AnalyteCatalogue.analyte(id: analyteID)
        let unitName = (try? analyte?.conversion(for: unit).unit.display) ?? unit
        return [date, analyteID, fields[.qualifier]?.text ?? "", number, unitName].joined(separator: "\u{1F}")
    }
}

/// Why a CSV file of lab results was not imported.
public enum LabImportError: Error, Sendable, CustomStringConvertible {
    /// The columns cannot be matched to fields: a usage problem, fixed with `--column`.
    case mapping(String)
    /// Rows the journal cannot accept, each with its line, column and reason.
    case rows(path: String, problems: [String])

    public var description: String {
        switch self {
        case .mapping(let message):
            return message
        case .rows(let path, let problems):
            let count = problems.count == 1 ? "1 row" : "\(problems.count) rows"
            return "\(path): \(count) cannot be imported; nothing was imported.\n" + problems.map { "  " + $0 }.joined(separator: "\n")
        }
    }
}
