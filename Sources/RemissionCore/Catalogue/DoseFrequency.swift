#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// How often a dose is taken, for the medication list and daily-dose totals.
public enum DoseFrequency: String, Sendable, Codable, CaseIterable {
    case once
    case daily
    case twiceDaily = "twice-daily"
    case threeTimesDaily = "three-times-daily"
    case alternateDays = "alternate-days"
    case weekly
    case everyTwoWeeks = "every-2-weeks"
    case everyFourWeeks = "every-4-weeks"
    case monthly
    case asNeeded = "as-needed"

    /// Prescription shorthand and plain phrases, as lookup keys (lowercase, words joined by "-").
    static let aliases: [String: DoseFrequency] = [
        "single": .once, "single-dose": .once, "one-off": .once, "stat": .once,
        "qd": .daily, "od": .daily, "once-daily": .daily, "once-a-day": .daily, "1x-daily": .daily,
        "every-day": .daily, "1x/day": .daily,
        "bid": .twiceDaily, "bd": .twiceDaily, "2x-daily": .twiceDaily, "twice-a-day": .twiceDaily,
        "2x/day": .twiceDaily,
        "tid": .threeTimesDaily, "tds": .threeTimesDaily, "3x-daily": .threeTimesDaily,
        "three-times-a-day": .threeTimesDaily, "3x/day": .threeTimesDaily,
        "qod": .alternateDays, "eod": .alternateDays, "every-other-day": .alternateDays,
        "alternate-day": .alternateDays, "every-2-days": .alternateDays,
        "qw": .weekly, "once-weekly": .weekly, "once-a-week": .weekly, "every-week": .weekly,
        "1x-weekly": .weekly,
        "q2w": .everyTwoWeeks, "every-two-weeks": .everyTwoWeeks, "fortnightly": .everyTwoWeeks,
        "q4w": .everyFourWeeks, "every-four-weeks": .everyFourWeeks,
        "every-month": .monthly, "once-a-month": .monthly, "once-monthly": .monthly,
        "prn": .asNeeded, "when-needed": .asNeeded, "as-required": .asNeeded, "on-demand": .asNeeded
    ]

    /// Reads a frequency by name or common alias ("bid", "every other day", "2x daily").
    ///
    /// - Throws: ``InputError`` listing the accepted names.
    public static func parse(_ text: String, field: String = "--frequency") throws(InputError) -> DoseFrequency {
        let words = TextKey.trimmed(text).lowercased()
            .split(whereSeparator: { $0 == " " || $0 == "_" || $0 == "-" || $0 == "\t" })
        let key = words.joined(separator: "-")
        if let frequency = DoseFrequency(rawValue: key) ?? aliases[key] { return frequency }
        throw InputError(
            field: field, value: text, reason: key.isEmpty ? "is empty" : "is not a known frequency",
            accepted: allCases.map(\.rawValue).joined(separator: ", ") + " (or qd, bid, tid, qod, qw, prn)")
    }

    /// "twice daily": the name for printed lists.
    public var displayName: String {
        switch self {
        case .once: return "once"
        case .daily: return "daily"
        case .twiceDaily: return "twice daily"
        case .threeTimesDaily: return "three times daily"
        case .alternateDays: return "every other day"
        case .weekly: return "weekly"
        case .everyTwoWeeks: return "every 2 weeks"
        case .everyFourWeeks: return "every 4 weeks"
        case .monthly: return "monthly"
        case .asNeeded: return "as needed"
        }
    }

    /// The average amount per day of a dose taken at this frequency, for totals such as
    /// the daily prednisone equivalent.
    ///
    /// Exact for daily (×1), twice (×2), three times daily (×3) and alternate days (÷2).
    /// Weekly (÷7), every 2 weeks (÷14), every 4 weeks (÷28) and monthly (÷30, a 30-day
    /// month) are rounded half up to 4 decimal places. Nil for a single dose and for
    /// as-needed use, which have no daily rate.
    public func dailyAmount(_ amount: Decimal) -> Decimal? {
        switch self {
        case .daily: return amount
        case .twiceDaily: return amount * 2
        case .threeTimesDaily: return amount * 3
        case .alternateDays: return amount / 2
        case .weekly: return DecimalText.rounded(amount / 7, scale: 4)
        case .everyTwoWeeks: return DecimalText.rounded(amount / 14, scale: 4)
        case .everyFourWeeks: return DecimalText.rounded(amount / 28, scale: 4)
        case .monthly: return DecimalText.rounded(amount / 30, scale: 4)
        case .once, .asNeeded: return nil
        }
    }

    /// Doses per day, as ``dailyAmount(_:)`` of one dose.
    public var dosesPerDay: Decimal? { dailyAmount(1) }
}
