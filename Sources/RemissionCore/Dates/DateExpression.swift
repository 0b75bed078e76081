/// The ways a user may type a date on the command line.
///
/// Patients log after the fact ("yesterday", "3 days ago") and clinicians count from the
/// infusion ("d+30"), so all of these resolve against an explicit `today`, which keeps
/// the parser pure and testable.
public enum DateExpression {
    /// The forms named in every error, so that the user sees what to type instead.
    public static let acceptedForms = "YYYY-MM-DD, today, yesterday, -3d, d+30"

    /// The earliest date the journal accepts; earlier ones are typing mistakes.
    public static let earliest = CalendarDate(year: 1900, month: 1, day: 1)!

    /// Parses an ISO date `2026-11-20`, `today`, `yesterday`, `tomorrow`, `-Nd` (N days ago), or a day
    /// relative to the infusion (day 0): `d+30`, `d-7`, `d0`, also written `day +30`.
    ///
    /// Keywords are case-insensitive and surrounding whitespace is ignored. One day after
    /// `today` is tolerated, because the user's clinic may be in another time zone.
    ///
    /// - Parameters:
    ///   - field: the option the text came from, named in errors.
    ///   - infusion: day 0, needed only for the `d±N` forms.
    ///   - planned: the latest day a planned date may fall on (a planned infusion); nil for
    ///     what has happened, which is at most one day ahead.
    /// - Throws: ``InputError`` for malformed text, a day that does not exist, a `d±N` form
    ///   without an infusion date, a date before 1900-01-01 or more than one day after today
    ///   (after `planned` for a planned date).
    public static func parse(
        _ text: String, field: String = "--date", today: CalendarDate, infusion: CalendarDate?,
        planned: CalendarDate? = nil
    ) throws(InputError) -> CalendarDate {
        let trimmed = TextKey.trimmed(text)
        let lowered = trimmed.lowercased()
        let date: CalendarDate

        if lowered == "today" {
            date = today
        } else if lowered == "yesterday" {
            date = today.adding(days: -1)
        } else if lowered == "tomorrow" {
            date = today.adding(days: 1)  // the one day ahead tolerated below, by its name
        } else if let daysAgo = daysAgo(lowered) {
            date = today.adding(days: -daysAgo)
        } else if let offset = infusionOffset(lowered) {
            guard let infusion else {
                throw InputError(
                    field: field, value: text,
                    reason: "counts days from the infusion (day 0), but no infusion date is recorded; "
                        + "record it first with `remission event infusion --date …` "
                        + "or `remission init --infusion-date …`",
                    accepted: "YYYY-MM-DD, today, yesterday, -3d")
            }
            date = infusion.adding(days: offset)
        } else if looksLikeISO(trimmed) {
            guard let parsed = CalendarDate(iso: trimmed) else {
                throw InputError(
                    field: field, value: text, reason: "no such day in the calendar", accepted: acceptedForms)
            }
            date = parsed
        } else {
            throw InputError(field: field, value: text, reason: "is not a date", accepted: acceptedForms)
        }

        let latest = max(planned ?? today, today.adding(days: 1))
        if date < earliest {
            throw InputError(
                field: field, value: text, reason: "is before \(earliest.iso)",
                accepted: "a date from \(earliest.iso) to \(latest.iso)")
        }
        if date > latest, planned != nil {
            throw InputError(
                field: field, value: text, reason: "is too far ahead to be planned",
                accepted: "a date no later than \(latest.iso)")
        }
        if date > latest {
            throw InputError(
                field: field, value: text, reason: "is more than a day after today (\(today.iso))",
                accepted: "a date no later than \(latest.iso), tomorrow, which a clinic in another time zone may already have")
        }
        return date
    }

    /// The first day of a `--since` window: "90d" is the last 90 days, today and the 89 days
    /// before it, as the summary's means count them; anything else is a date expression
    /// (-90d is the day 90 days ago).
    public static func windowStart(_ text: String, field: String = "--since", today: CalendarDate, infusion: CalendarDate?) throws(InputError) -> CalendarDate {
        let trimmed = TextKey.trimmed(text).lowercased()
        if trimmed.hasSuffix("d"), let days = Int(trimmed.dropLast()), days > 0, !trimmed.hasPrefix("+") {
            return today.adding(days: 1 - days)
        }
        do {
            return try parse(text, field: field, today: today, infusion: infusion)
        } catch {
            var error = error
            if error.accepted == acceptedForms { error.accepted = acceptedForms + ", 90d (the last 90 days)" }
            throw error
        }
    }

    /// Offsets larger than this are certainly out of range; capping them avoids overflow.
    private static let offsetCap = 1_000_000

    /// `-3d` → 3.
    private static func daysAgo(_ text: String) -> Int? {
        guard text.hasPrefix("-"), text.hasSuffix("d"), text.count >= 3 else { return nil }
        return count(text.dropFirst().dropLast())
    }

    /// `d+30` → 30, `d-7` → -7, `d0` / `d30` / `day +30` → 0 / 30 / 30.
    private static func infusionOffset(_ text: String) -> Int? {
        var rest: Substring
        if text.hasPrefix("day") {
            rest = text.dropFirst(3)
        } else if text.hasPrefix("d") {
            rest = text.dropFirst()
        } else {
            return nil
        }
        rest = rest.drop(while: { $0 == " " })
        var sign = 1
        if rest.hasPrefix("+") {
            rest = rest.dropFirst()
        } else if rest.hasPrefix("-") {
            sign = -1
            rest = rest.dropFirst()
        }
        guard let days = count(rest) else { return nil }
        return sign * days
    }

    /// ASCII digits as a count of days, capped; nil if anything else is present.
    private static func count(_ digits: Substring) -> Int? {
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(digits).map { min($0, offsetCap) } ?? offsetCap
    }

    /// The `dddd-dd-dd` shape, so that 2026-02-30 gets "no such day" rather than "not a date".
    private static func looksLikeISO(_ text: String) -> Bool {
        let characters = Array(text)
        guard characters.count == 10 else { return false }
        for (index, character) in characters.enumerated() {
            if index == 4 || index == 7 {
                if character != "-" { return false }
            } else if !(character.isASCII && character.isNumber) {
                return false
            }
        }
        return true
    }
}
