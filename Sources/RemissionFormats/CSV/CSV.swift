import Foundation

/// Comma-separated values as RFC 4180 describes them, and as spreadsheets write them.
///
/// Written: a header row, CRLF after every row, a field quoted only when it holds the
/// delimiter, a quote, CR or LF, quotes doubled. Read: the same, plus what real files bring:
/// a UTF-8 byte order mark, LF or CR line ends, a semicolon or tab delimiter, rows shorter
/// than the header. Parsing works on Unicode scalars, not characters, because Swift joins
/// "\r\n" into one character.
public enum CSV {
    /// One record as read: its fields, and the line it starts on (1-based, counting the
    /// lines of the file, so a quoted field with line breaks moves the next record down),
    /// so that errors can name the line a spreadsheet shows.
    public struct Record: Sendable, Hashable {
        public let line: Int
        public let fields: [String]

        public init(line: Int, fields: [String]) {
            self.line = line
            self.fields = fields
        }

        /// Whether every field is empty: a blank line, or a row of empty cells.
        public var isBlank: Bool { fields.allSatisfy(\.isEmpty) }
    }

    /// The UTF-8 byte order mark, which lets Excel on Windows recognise a UTF-8 file.
    public static let byteOrderMark = Data([0xEF, 0xBB, 0xBF])

    // MARK: Writing

    /// The rows as CSV text, each ending in CRLF.
    public static func encode(_ rows: [[String]], delimiter: Unicode.Scalar = ",") -> String {
        var text = ""
        for row in rows {
            text += row.map { field($0, delimiter: delimiter) }.joined(separator: String(delimiter))
            text += "\r\n"
        }
        return text
    }

    /// One field, quoted when it must be.
    public static func field(_ text: String, delimiter: Unicode.Scalar = ",") -> String {
        let mustQuote = text.unicodeScalars.contains { $0 == delimiter || $0 == "\"" || $0 == "\r" || $0 == "\n" }
        guard mustQuote else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Text a spreadsheet would run as a formula starts with one of these (OWASP, "CSV
    /// Injection"); tab and CR are there because some spreadsheets skip them first.
    static let formulaTriggers: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// Keeps a spreadsheet from running text as a formula: text that starts with = + - @,
    /// tab or CR, after any apostrophes, gets one more apostrophe in front, which
    /// spreadsheets show and never evaluate. Plain numbers ("-3", "+1.5") are left alone.
    ///
    /// Adding an apostrophe also to text that already starts with apostrophes before a
    /// trigger makes the change reversible: ``unprotectFormula(_:)`` removes exactly one.
    public static func protectFormula(_ text: String) -> String {
        guard startsWithTrigger(afterApostrophes: text), !isPlainNumber(text) else { return text }
        return "'" + text
    }

    /// Undoes ``protectFormula(_:)``.
    public static func unprotectFormula(_ text: String) -> String {
        guard text.hasPrefix("'"), startsWithTrigger(afterApostrophes: text) else { return text }
        return String(text.dropFirst())
    }

    private static func startsWithTrigger(afterApostrophes text: String) -> Bool {
        guard let first = text.unicodeScalars.first(where: { $0 != "'" }) else { return false }
        return formulaTriggers.contains(first)
    }

    /// An optional sign, digits, and an optional fraction: "-3", "+1.5", "0.82".
    static func isPlainNumber(_ text: String) -> Bool {
        var scalars = Substring(text).unicodeScalars[...]
        if let first = scalars.first, first == "-" || first == "+" { scalars = scalars.dropFirst() }
        var digits = 0, dots = 0
        for scalar in scalars {
            if ("0"..."9").contains(scalar) {
                digits += 1
            } else if scalar == ".", dots == 0 {
                dots += 1
            } else {
                return false
            }
        }
        return digits > 0 && scalars.last != "."
    }

    // MARK: Reading

    /// The text of a CSV file: UTF-8, without its byte order mark.
    ///
    /// - Throws: ``CSVError`` for bytes that are not UTF-8 (a file saved as "CSV (Windows)"
    ///   or Latin-1), naming the line of the first bad byte.
    public static func text(_ data: Data, path: String) throws(CSVError) -> String {
        var bytes = data
        if bytes.starts(with: byteOrderMark) { bytes = bytes.dropFirst(byteOrderMark.count) }
        if let text = String(data: bytes, encoding: .utf8) { return text }
        // Find the line of the first invalid sequence, for the message.
        var line = 1
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let end = bytes[index...].firstIndex(of: 0x0A).map { bytes.index(after: $0) } ?? bytes.endIndex
            if String(data: bytes[index..<end], encoding: .utf8) == nil { break }
            line += 1
            index = end
        }
        throw CSVError(
            path: path, line: line,
            reason: "is not UTF-8 text; save it as \"CSV UTF-8\" (Excel) or with the character set Unicode (UTF-8) (LibreOffice)")
    }

    /// The delimiter of a file: the one of comma, semicolon and tab that occurs most often
    /// outside quotes on its first line; a comma when none does.
    public static func detectDelimiter(_ text: String) -> Unicode.Scalar {
        let candidates: [Unicode.Scalar] = [",", ";", "\t"]
        var counts = Array(repeating: 0, count: candidates.count)
        var quoted = false
        for scalar in text.unicodeScalars {
            if scalar == "\"" {
                quoted.toggle()
            } else if !quoted && (scalar == "\n" || scalar == "\r") {
                break
            } else if !quoted, let index = candidates.firstIndex(of: scalar) {
                counts[index] += 1
            }
        }
        guard let most = counts.max(), most > 0, let index = counts.firstIndex(of: most) else { return "," }
        return candidates[index]
    }

    /// Splits CSV text into records.
    ///
    /// A quote opens a quoted field only at the start of a field; elsewhere it is kept as
    /// text, as spreadsheets do. After a closing quote only the delimiter or a line end
    /// may follow. Line ends inside quoted fields are kept as they are.
    ///
    /// - Throws: ``CSVError`` for a quoted field that is never closed, or text after a
    ///   closing quote, with the line.
    public static func parse(_ text: String, delimiter: Unicode.Scalar = ",", path: String) throws(CSVError) -> [Record] {
        enum State { case fieldStart, unquoted, quoted, afterQuote }
        let scalars = Array(text.unicodeScalars)
        var records: [Record] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var state = State.fieldStart
        var line = 1
        var recordLine = 1
        var quoteLine = 1

        func endField() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
            state = .fieldStart
        }
        func endRecord() {
            endField()
            records.append(Record(line: recordLine, fields: fields))
            fields = []
        }

        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            // CRLF, LF or CR: one line end.
            var lineEnd = 0
            if scalar == "\n" {
                lineEnd = 1
            } else if scalar == "\r" {
                lineEnd = index + 1 < scalars.count && scalars[index + 1] == "\n" ? 2 : 1
            }
            switch state {
            case .fieldStart, .unquoted:
                if scalar == delimiter {
                    endField()
                } else if lineEnd > 0 {
                    endRecord()
                    line += 1
                    recordLine = line
                } else if scalar == "\"" && state == .fieldStart {
                    state = .quoted
                    quoteLine = line
                } else {
                    field.append(scalar)
                    state = .unquoted
                }
            case .quoted:
                if scalar == "\"" {
                    state = .afterQuote
                } else if lineEnd > 0 {
                    field.append(contentsOf: scalars[index..<index + lineEnd])
                    line += 1
                } else {
                    field.append(scalar)
                }
            case .afterQuote:
                if scalar == "\"" {
                    field.append(scalar)
                    state = .quoted
                } else if scalar == delimiter {
                    endField()
                } else if lineEnd > 0 {
                    endRecord()
                    line += 1
                    recordLine = line
                } else {
                    throw CSVError(
                        path: path, line: line,
                        reason: "has text after the closing quote of field \(fields.count + 1); a quote inside a quoted field is written twice (\"\")")
                }
            }
            index += max(lineEnd, 1)
        }
        if state == .quoted {
            throw CSVError(path: path, line: quoteLine, reason: "has a quoted field that is never closed")
        }
        if state != .fieldStart || !fields.isEmpty {
            endRecord()
        }
        return records
    }
}

/// A file that cannot be read as CSV.
public struct CSVError: Error, Sendable, Hashable, CustomStringConvertible {
    public let path: String
    public let line: Int
    public let reason: String

    public init(path: String, line: Int, reason: String) {
        self.path = path
        self.line = line
        self.reason = reason
    }

    public var description: String { "\(path):\(line): \(reason); nothing was imported." }
}
