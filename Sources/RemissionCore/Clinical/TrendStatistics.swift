#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The statistics of one series for `remission trend`: count, latest, change, min, max, mean,
/// slope per 30 days with a direction word.
///
/// Decimal throughout, so that the numbers a test expects are exact. Mean and slope are rounded
/// half up to 4 decimal places.
public struct TrendStatistics: Sendable, Hashable {
    public enum Direction: String, Sendable, Hashable, Codable {
        case rising, falling, stable
    }

    public var count: Int
    public var latestDate: CalendarDate?
    public var latest: Decimal?
    /// Latest minus the value before it (by date); nil with fewer than two values.
    public var changeFromPrevious: Decimal?
    public var min: Decimal?
    public var max: Decimal?
    public var mean: Decimal?
    /// Least-squares slope of value over day, × 30; nil with fewer than two distinct dates.
    public var slopePer30Days: Decimal?
    /// `stable` while |slope per 30 days| ≤ ``ClinicalSettings/trendStableFraction`` × |mean|
    /// (with a mean of 0, only a slope of 0 is stable); nil without a slope.
    public var direction: Direction?

    public init(
        count: Int, latestDate: CalendarDate?, latest: Decimal?, changeFromPrevious: Decimal?,
        min: Decimal?, max: Decimal?, mean: Decimal?, slopePer30Days: Decimal?, direction: Direction?
    ) {
        self.count = count
        self.latestDate = latestDate
        self.latest = latest
        self.changeFromPrevious = changeFromPrevious
        self.min = min
        self.max = max
        self.mean = mean
        self.slopePer30Days = slopePer30Days
        self.direction = direction
    }

    /// Values are ordered by date (a stable sort keeps same-day values in the given order).
    public static func compute(values: [(CalendarDate, Decimal)], settings: ClinicalSettings = .defaults) -> TrendStatistics {
        let sorted = values.enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }.map(\.element)
        guard let last = sorted.last, let first = sorted.first else {
            return TrendStatistics(
                count: 0, latestDate: nil, latest: nil, changeFromPrevious: nil, min: nil, max: nil,
                mean: nil, slopePer30Days: nil, direction: nil)
        }
        let n = Decimal(sorted.count)
        var sum: Decimal = 0, sumX: Decimal = 0, sumXX: Decimal = 0, sumXY: Decimal = 0
        var low = last.1, high = last.1
        for (date, value) in sorted {
            let x = Decimal(date.days(since: first.0))
            sum += value
            sumX += x
            sumXX += x * x
            sumXY += x * value
            low = Swift.min(low, value)
            high = Swift.max(high, value)
        }
        let exactMean = sum / n
        let denominator = n * sumXX - sumX * sumX
        var slope: Decimal?
        var direction: Direction?
        if denominator != 0 {
            let exactSlope = (n * sumXY - sumX * sum) * 30 / denominator
            slope = DecimalText.rounded(exactSlope, scale: 4)
            let tolerance = abs(exactMean) * settings.trendStableFraction
            if abs(exactSlope) <= tolerance { direction = .stable }
            else { direction = exactSlope > 0 ? .rising : .falling }
        }
        return TrendStatistics(
            count: sorted.count, latestDate: last.0, latest: last.1,
            changeFromPrevious: sorted.count >= 2 ? last.1 - sorted[sorted.count - 2].1 : nil,
            min: low, max: high, mean: DecimalText.rounded(exactMean, scale: 4),
            slopePer30Days: slope, direction: direction)
    }
}

/// A one-line Unicode chart of a series for the terminal: ▁▂▃▄▅▆▇█.
public enum Sparkline {
    public static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// Scales linearly from the minimum (▁) to the maximum (█), each value to the nearest of the
    /// eight levels; a flat series is drawn at the middle (▄) so it does not read as "all low".
    /// Exact Decimal comparisons, so equal values always draw alike.
    public static func render(_ values: [Decimal]) -> String {
        guard let low = values.min(), let high = values.max() else { return "" }
        let span = high - low
        if span == 0 { return String(repeating: levels[3], count: values.count) }
        var line = ""
        for value in values {
            // Level k (0…7) is nearest when 14·(v − low) ≥ (2k − 1)·span for each step passed.
            let scaled = (value - low) * 14
            var level = 0
            for k in 1...7 where scaled >= Decimal(2 * k - 1) * span { level = k }
            line.append(levels[level])
        }
        return line
    }
}
