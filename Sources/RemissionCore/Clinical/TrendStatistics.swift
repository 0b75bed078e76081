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
        compute(values: values, scaled: nil, settings: settings)
    }

    /// `scaled`, when given, holds the same values as integers (in the same order).
    static func compute(values: [(CalendarDate, Decimal)], scaled: ScaledIntegers?, settings: ClinicalSettings) -> TrendStatistics {
        let order = values.indices.sorted { (values[$0].0, $0) < (values[$1].0, $1) }
        let sorted = order.map { values[$0] }
        let sortedScaled = scaled.map { s in ScaledIntegers(values: order.map { s.values[$0] }, scale: s.scale) }
        guard let last = sorted.last else {
            return TrendStatistics(
                count: 0, latestDate: nil, latest: nil, changeFromPrevious: nil, min: nil, max: nil,
                mean: nil, slopePer30Days: nil, direction: nil)
        }
        let exactMean: Decimal, exactSlope: Decimal?, low: Decimal, high: Decimal
        if let fast = fastStatistics(sorted, scaled: sortedScaled) {
            (exactMean, exactSlope) = (fast.mean, fast.slope)
            (low, high) = (sorted[fast.minIndex].1, sorted[fast.maxIndex].1)
        } else {
            (exactMean, exactSlope) = decimalMeanAndSlope(sorted)
            (low, high) = (sorted.map(\.1).min()!, sorted.map(\.1).max()!)
        }
        var slope: Decimal?
        var direction: Direction?
        if let exactSlope {
            slope = DecimalText.rounded(exactSlope, scale: 4)
            let tolerance = abs(exactMean) * settings.trendStableFraction
            if abs(exactSlope) <= tolerance { direction = .stable } else { direction = exactSlope > 0 ? .rising : .falling }
        }
        return TrendStatistics(
            count: sorted.count, latestDate: last.0, latest: last.1,
            changeFromPrevious: sorted.count >= 2 ? last.1 - sorted[sorted.count - 2].1 : nil,
            min: low, max: high, mean: DecimalText.rounded(exactMean, scale: 4),
            slopePer30Days: slope, direction: direction)
    }
}

extension TrendStatistics {
    /// Mean, slope per 30 days and the places of min and max from exact integer sums; nil when
    /// a value has too many digits or a sum would overflow.
    static func fastStatistics(
        _ sorted: [(CalendarDate, Decimal)], scaled given: ScaledIntegers? = nil
    ) -> (mean: Decimal, slope: Decimal?, minIndex: Int, maxIndex: Int)? {
        guard let first = sorted.first, let scaled = given ?? ScaledIntegers(sorted.map(\.1)) else { return nil }
        var sums = CheckedSums()
        var minIndex = sorted.count - 1, maxIndex = sorted.count - 1
        for (index, (date, _)) in sorted.enumerated() {
            guard sums.add(x: Int64(date.days(since: first.0)), y: scaled.values[index]) else { return nil }
            if scaled.values[index] < scaled.values[minIndex] { minIndex = index }
            if scaled.values[index] > scaled.values[maxIndex] { maxIndex = index }
        }
        let mean = scaled.decimal(sums.sumY, over: sums.n)
        guard let nxx = CheckedSums.multiply(sums.n, sums.sumXX), let xx = CheckedSums.multiply(sums.sumX, sums.sumX),
            let denominator = CheckedSums.subtract(nxx, xx),
            let nxy = CheckedSums.multiply(sums.n, sums.sumXY), let xy = CheckedSums.multiply(sums.sumX, sums.sumY),
            let difference = CheckedSums.subtract(nxy, xy), let numerator = CheckedSums.multiply(difference, 30)
        else { return nil }
        return (mean, denominator == 0 ? nil : scaled.decimal(numerator, over: denominator), minIndex, maxIndex)
    }

    static func decimalMeanAndSlope(_ sorted: [(CalendarDate, Decimal)]) -> (Decimal, Decimal?) {
        let first = sorted[0].0
        let n = Decimal(sorted.count)
        var sum: Decimal = 0, sumX: Decimal = 0, sumXX: Decimal = 0, sumXY: Decimal = 0
        for (date, value) in sorted {
            let x = Decimal(date.days(since: first))
            sum += value
            sumX += x
            sumXX += x * x
            sumXY += x * value
        }
        let denominator = n * sumXX - sumX * sumX
        return (sum / n, denominator == 0 ? nil : (n * sumXY - sumX * sum) * 30 / denominator)
    }
}

/// A one-line Unicode chart of a series for the terminal: ▁▂▃▄▅▆▇█.
public enum Sparkline {
    public static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// At most this many characters: a longer series is drawn as the means of consecutive
    /// groups of values, so ten years of daily scores still fit a terminal line.
    public static let maximumWidth = 30

    /// Scales linearly from the minimum (▁) to the maximum (█), each value to the nearest of the
    /// eight levels; a flat series is drawn at the middle (▄) so it does not read as "all low".
    /// Exact comparisons on the decimal digits, so equal values always draw alike.
    public static func render(_ values: [Decimal]) -> String {
        render(values, scaled: nil)
    }

    /// `scaled`, when given, holds the same values as integers.
    static func render(_ values: [Decimal], scaled given: ScaledIntegers?) -> String {
        guard !values.isEmpty else { return "" }
        let scaledValues = given ?? ScaledIntegers(values)
        if values.count > maximumWidth, let scaled = scaledValues, let means = groupMeans(scaled.values),
            let line = levels(means)
        {
            return line
        }
        if values.count > maximumWidth {
            // Too large for exact integers: group means in Decimal.
            let means = (0..<maximumWidth).map { index -> Decimal in
                let group = values[(index * values.count / maximumWidth)..<((index + 1) * values.count / maximumWidth)]
                return group.reduce(0, +) / Decimal(group.count)
            }
            return decimalLevels(means)
        }
        if let scaled = scaledValues, let line = levels(scaled.values) { return line }
        return decimalLevels(values)
    }

    /// Means of `maximumWidth` consecutive groups, all scaled by one common multiple of the group
    /// sizes so that they compare exactly; nil when a sum or product would overflow.
    static func groupMeans(_ values: [Int64]) -> [Int64]? {
        var groups: [(sum: Int64, count: Int64)] = []
        for index in 0..<maximumWidth {
            let start = index * values.count / maximumWidth, end = (index + 1) * values.count / maximumWidth
            var sum: Int64 = 0
            for value in values[start..<end] {
                guard let next = CheckedSums.add(sum, value) else { return nil }
                sum = next
            }
            groups.append((sum, Int64(end - start)))
        }
        let common = groups.reduce(Int64(1)) { lcm($0, $1.count) }
        var means: [Int64] = []
        for group in groups {
            guard let mean = CheckedSums.multiply(group.sum, common / group.count) else { return nil }
            means.append(mean)
        }
        return means
    }

    static func lcm(_ a: Int64, _ b: Int64) -> Int64 {
        func gcd(_ a: Int64, _ b: Int64) -> Int64 { b == 0 ? a : gcd(b, a % b) }
        return a / gcd(a, b) * b
    }

    /// Nil when a product would overflow.
    static func levels(_ values: [Int64]) -> String? {
        guard let low = values.min(), let high = values.max() else { return "" }
        guard let span = CheckedSums.subtract(high, low), CheckedSums.multiply(span, 14) != nil else { return nil }
        if span == 0 { return String(repeating: levels[3], count: values.count) }
        var line = ""
        for value in values {
            // Level k (0…7) is nearest when 14·(v − low) ≥ (2k − 1)·span for each step passed.
            let scaled = (value - low) * 14
            var level = 0
            for k in 1...7 where scaled >= Int64(2 * k - 1) * span { level = k }
            line.append(levels[level])
        }
        return line
    }

    static func decimalLevels(_ values: [Decimal]) -> String {
        guard let low = values.min(), let high = values.max() else { return "" }
        let span = high - low
        if span == 0 { return String(repeating: levels[3], count: values.count) }
        var line = ""
        for value in values {
            let scaled = (value - low) * 14
            var level = 0
            for k in 1...7 where scaled >= Decimal(2 * k - 1) * span { level = k }
            line.append(levels[level])
        }
        return line
    }
}
