#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Mean daily symptom burden: the `symptoms` block (`mean_7d`, `mean_30d`, `mean_90d`) of
/// `remission summary`.
///
/// The burden of a day is the **sum of the severities (0–10) of every symptom scored that day**,
/// so three mild symptoms weigh like one moderate one. A symptom scored more than once in a day
/// (morning and evening) counts once, with its highest score: fatigue 3 then 4 is a burden of
/// 4, not 7, since it is one symptom on one day, and its worst is what the day was like. The mean over a window is taken over
/// the days *the patient wrote something*: a day with a symptom score or a day entry (a
/// day logged with well-being or a note but no symptom is a symptom-free day, burden 0). A day
/// without any entry is left out: the patient may simply not have written, so counting it as
/// 0 would flatter the mean.
/// A window of N days ends on, and includes, the "as of" day. Means are rounded half up to
/// 2 decimal places; a window without entries gives nil.
public struct SymptomBurden: Sendable, Hashable {
    /// Window length in days → mean burden (nil when the window has no entries).
    public var means: [Int: Decimal?]

    public init(means: [Int: Decimal?]) { self.means = means }

    public var mean7d: Decimal? { means[7] ?? nil }
    public var mean30d: Decimal? { means[30] ?? nil }
    public var mean90d: Decimal? { means[90] ?? nil }

    public static func means(
        points: [SymptomPoint], asOf: CalendarDate, settings: ClinicalSettings = .defaults, loggedDays: [CalendarDate] = []
    ) -> SymptomBurden {
        // Day → symptom → its highest score that day.
        var perDay: [CalendarDate: [String: Int]] = [:]
        let longest = settings.symptomWindowDays.max() ?? 0
        let earliest = asOf.adding(days: -(longest - 1))
        for day in loggedDays where day <= asOf && day >= earliest { perDay[day] = perDay[day] ?? [:] }
        for point in points where point.date <= asOf && point.date >= earliest {
            perDay[point.date, default: [:]][point.name] = max(perDay[point.date]?[point.name] ?? 0, point.severity)
        }
        var result: [Int: Decimal?] = [:]
        for window in settings.symptomWindowDays {
            let first = asOf.adding(days: -(window - 1))
            var total = 0, days = 0
            for (date, worst) in perDay where date >= first {
                total += worst.values.reduce(0, +)
                days += 1
            }
            result[window] = days == 0 ? nil : DecimalText.rounded(Decimal(total) / Decimal(days), scale: 2)
        }
        return SymptomBurden(means: result)
    }
}
