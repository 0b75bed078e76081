#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A day in the proleptic Gregorian calendar, without time or time zone.
///
/// Journal entries belong to the day the user lived them, so dates are kept as plain
/// year, month and day; arithmetic goes through a Julian day number computed with integer
/// formulas (Hinnant's `days_from_civil`), which is fast and gives the same answer on
/// every machine, unlike a time-zone-aware calendar.
public struct CalendarDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Returns nil for a day that does not exist, such as 2026-02-30 or 2025-02-29.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1,
            day <= CalendarDate.daysInMonth(year: year, month: month)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Accepts only the strict ISO 8601 form `YYYY-MM-DD`, so that what is stored is unambiguous.
    public init?(iso: String) {
        // Read in place: this runs once per row when a ten-year journal is loaded.
        let parsed: (Int, Int, Int)?? = iso.utf8.withContiguousStorageIfAvailable { Self.parse($0) }
        guard let fields = parsed ?? Self.parse(Array(iso.utf8)) else { return nil }
        self.init(year: fields.0, month: fields.1, day: fields.2)
    }

    private static func parse<C: RandomAccessCollection>(_ bytes: C) -> (Int, Int, Int)? where C.Element == UInt8, C.Index == Int {
        guard bytes.count == 10 else { return nil }
        let base = bytes.startIndex
        guard bytes[base + 4] == UInt8(ascii: "-"), bytes[base + 7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for offset in range {
                let byte = bytes[base + offset]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
        return (year, month, day)
    }

    /// The date as `YYYY-MM-DD`, the only form the journal stores and exports.
    public var iso: String {
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(abs(value))
            let zeros = String(repeating: "0", count: max(0, width - digits.count))
            return (value < 0 ? "-" : "") + zeros + digits
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }

    public var description: String { iso }

    /// The Julian day number (2000-01-01 is 2 451 545), so that differences are plain subtraction.
    public var julianDay: Int {
        CalendarDate.daysFromCivil(year: year, month: month, day: day) + CalendarDate.julianDayOfUnixEpoch
    }

    public init(julianDay: Int) {
        let civil = CalendarDate.civilFromDays(julianDay - CalendarDate.julianDayOfUnixEpoch)
        self.year = civil.year
        self.month = civil.month
        self.day = civil.day
    }

    public func adding(days: Int) -> CalendarDate {
        CalendarDate(julianDay: julianDay + days)
    }

    /// Days from `other` to `self`: positive when `self` is later.
    public func days(since other: CalendarDate) -> Int {
        julianDay - other.julianDay
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    // MARK: Codable as the ISO string

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = CalendarDate(iso: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not a date in the form YYYY-MM-DD")
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }

    // MARK: Today

    /// The environment variable that pins "today", so that tests and demos are reproducible.
    /// Core reads neither the environment nor the clock: the command line passes "today" in
    /// (``todayOverride(from:)``, else ``local(atUnixTime:)`` of the clock).
    public static let todayOverrideVariable = "REMISSION_TODAY"

    /// Reads a value of `REMISSION_TODAY`; nil or empty means "not pinned".
    public static func todayOverride(from value: String?) throws(InputError) -> CalendarDate? {
        guard let value, !value.isEmpty else { return nil }
        guard let date = CalendarDate(iso: value) else {
            throw InputError(
                field: todayOverrideVariable, value: value,
                reason: "is not a date", accepted: "a date in the form YYYY-MM-DD, or unset")
        }
        return date
    }

    /// The local calendar date at a Unix time, through the C library's time-zone rules.
    public static func local(atUnixTime seconds: Int) -> CalendarDate {
        var time = time_t(seconds)
        var parts = tm()
        guard localtime_r(&time, &parts) != nil else {
            // Only possible for times far outside any journal's range: fall back to UTC.
            return CalendarDate(julianDay: julianDayOfUnixEpoch + seconds.floorDivided(by: 86_400))
        }
        return CalendarDate(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))
            ?? CalendarDate(julianDay: julianDayOfUnixEpoch + seconds.floorDivided(by: 86_400))
    }

    // MARK: Calendar arithmetic

    static let julianDayOfUnixEpoch = 2_440_588

    static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms").
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = y.floorDivided(by: 400)
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = z.floorDivided(by: 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

extension Int {
    /// Division rounding towards minus infinity, which calendar formulas need for dates before the epoch.
    fileprivate func floorDivided(by divisor: Int) -> Int {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
