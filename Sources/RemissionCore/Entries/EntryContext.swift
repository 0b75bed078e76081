/// What parsing a user's entry needs to know beyond the text: today, and day 0.
public struct EntryContext: Sendable, Hashable {
    public var today: CalendarDate
    public var infusion: CalendarDate?

    public init(today: CalendarDate, infusion: CalendarDate?) {
        self.today = today
        self.infusion = infusion
    }

    public func date(_ text: String?, field: String = "--date") throws(InputError) -> CalendarDate {
        guard let text else { return today }
        return try DateExpression.parse(text, field: field, today: today, infusion: infusion)
    }

    /// A date that may lie ahead, up to `horizon` days: a planned infusion.
    public func plannedDate(_ text: String?, field: String = "--date", horizon: Int) throws(InputError) -> CalendarDate {
        guard let text else { return today }
        return try DateExpression.parse(text, field: field, today: today, infusion: infusion, planned: today.adding(days: horizon))
    }
}

/// Checks shared by every kind of entry.
public enum EntryText {
    /// Notes can be long (a clinic letter pasted in), but not unbounded: a megabyte of text
    /// is a mistake, and refusing it beats truncating it.
    public static let maximumNoteLength = 20_000

    /// A free-text note, or nil for an empty one.
    public static func note(_ text: String?, field: String = "--note") throws(InputError) -> String? {
        guard let text else { return nil }
        // Line ends as Windows writes them are line ends; a lone CR would rewrite the line.
        let trimmed = text.replacingCRLF().trimming(" \n\r\t")
        if trimmed.isEmpty { return nil }
        guard trimmed.count <= maximumNoteLength else {
            throw InputError(
                field: field, value: String(trimmed.prefix(20)) + "…",
                reason: "is \(trimmed.count) characters long", accepted: "at most \(maximumNoteLength) characters")
        }
        if trimmed.unicodeScalars.contains(where: { $0.isTerminalControl && $0 != "\n" && $0 != "\t" }) {
            throw InputError(
                field: field, value: Self.visible(String(trimmed.prefix(20))), reason: "contains control characters",
                accepted: "plain text, with line breaks")
        }
        return trimmed
    }

    /// A short single-line name (a lab, a product): trimmed, at most 100 characters.
    public static func label(_ text: String?, field: String) throws(InputError) -> String? {
        guard let text else { return nil }
        let trimmed = text.trimming(" \t")
        if trimmed.isEmpty { return nil }
        guard trimmed.count <= 100, !trimmed.unicodeScalars.contains(where: \.isTerminalControl) else {
            throw InputError(
                field: field, value: Self.visible(String(trimmed.prefix(30))), reason: "is not a short one-line name",
                accepted: "one line of at most 100 characters")
        }
        return trimmed
    }

    /// Text with every terminal control character shown as `\u{…}` instead of acting: for
    /// text from elsewhere (a synced note, a typed value in an error message) on a terminal,
    /// where ESC sequences, C1 controls such as U+009B, CR or DEL could rewrite the screen.
    ///
    /// - Parameter keepingLineBreaks: keep `\n` (and tabs), for multi-line notes.
    public static func visible(_ text: String, keepingLineBreaks: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: \.isTerminalControl) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if scalar.isTerminalControl && !(keepingLineBreaks && (scalar == "\n" || scalar == "\t")) {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A whole number within `range`.
    public static func integer(_ text: String, field: String, in range: ClosedRange<Int>) throws(InputError) -> Int {
        let trimmed = text.trimming(" ")
        guard let value = Int(trimmed), range.contains(value) else {
            let reason = Int(trimmed).map { $0 < 0 ? "is negative" : "is out of range" } ?? "is not a whole number"
            throw InputError(
                field: field, value: text, reason: reason,
                accepted: "a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }
}

extension Unicode.Scalar {
    /// C0 controls (ESC, CR, …), DEL and the C1 controls (U+0080–U+009F, CSI among them):
    /// what a terminal acts on instead of showing.
    public var isTerminalControl: Bool {
        value < 0x20 || (0x7F...0x9F).contains(value)
    }
}

extension String {
    func replacingCRLF() -> String {
        contains("\r\n") ? split(separator: "\r\n", omittingEmptySubsequences: false).joined(separator: "\n") : self
    }

    func trimming(_ set: String) -> String {
        let characters = Set(set)
        var slice = Substring(self)
        while let first = slice.first, characters.contains(first) { slice.removeFirst() }
        while let last = slice.last, characters.contains(last) { slice.removeLast() }
        return String(slice)
    }
}
