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
}

/// Checks shared by every kind of entry.
public enum EntryText {
    /// Notes can be long (a clinic letter pasted in), but not unbounded: a megabyte of text
    /// is a mistake, and refusing it beats truncating it.
    public static let maximumNoteLength = 20_000

    /// A free-text note, or nil for an empty one.
    public static func note(_ text: String?, field: String = "--note") throws(InputError) -> String? {
        guard let text else { return nil }
        let trimmed = text.trimming(" \n\r\t")
        if trimmed.isEmpty { return nil }
        guard trimmed.count <= maximumNoteLength else {
            throw InputError(
                field: field, value: String(trimmed.prefix(20)) + "…",
                reason: "is \(trimmed.count) characters long", accepted: "at most \(maximumNoteLength) characters")
        }
        if trimmed.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" && $0 != "\t" && $0 != "\r" }) {
            throw InputError(field: field, value: String(trimmed.prefix(20)), reason: "contains control characters",
                             accepted: "plain text, with line breaks")
        }
        return trimmed
    }

    /// A short single-line name (a lab, a product): trimmed, at most 100 characters.
    public static func label(_ text: String?, field: String) throws(InputError) -> String? {
        guard let text else { return nil }
        let trimmed = text.trimming(" \t")
        if trimmed.isEmpty { return nil }
        guard trimmed.count <= 100, !trimmed.unicodeScalars.contains(where: { $0.value < 0x20 }) else {
            throw InputError(field: field, value: String(trimmed.prefix(30)), reason: "is not a short one-line name",
                             accepted: "one line of at most 100 characters")
        }
        return trimmed
    }

    /// A whole number within `range`.
    public static func integer(_ text: String, field: String, in range: ClosedRange<Int>) throws(InputError) -> Int {
        let trimmed = text.trimming(" ")
        guard let value = Int(trimmed), range.contains(value) else {
            throw InputError(field: field, value: text, reason: Int(trimmed) == nil ? "is not a whole number" : "is out of range",
                             accepted: "a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }
}

extension String {
    func trimming(_ set: String) -> String {
        let characters = Set(set)
        var slice = Substring(self)
        while let first = slice.first, characters.contains(first) { slice.removeFirst() }
        while let last = slice.last, characters.contains(last) { slice.removeLast() }
        return String(slice)
    }
}
