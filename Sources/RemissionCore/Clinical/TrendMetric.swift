#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A series `remission trend` can follow: a lab analyte, a symptom, well-being, the daily
/// symptom burden, or the prednisone-equivalent dose.
public enum TrendMetric: Sendable, Hashable, Comparable {
    case lab(String)
    case prednisoneEquivalent
    case wellbeing
    case symptomBurden
    case symptom(String)

    /// The word the user types and the JSON `metric` key: "cd19", "prednisone-equivalent",
    /// "wellbeing", "symptom-burden", or the symptom's name.
    public var id: String {
        switch self {
        case .lab(let analyte): return analyte
        case .prednisoneEquivalent: return "prednisone-equivalent"
        case .wellbeing: return "wellbeing"
        case .symptomBurden: return "symptom-burden"
        case .symptom(let name): return name
        }
    }

    /// `lab`, `medication`, `entry`, or `symptom`, as the JSON `kind` key.
    public var kind: String {
        switch self {
        case .lab: return "lab"
        case .prednisoneEquivalent: return "medication"
        case .wellbeing, .symptomBurden: return "entry"
        case .symptom: return "symptom"
        }
    }

    public var label: String {
        switch self {
        case .lab(let analyte): return AnalyteCatalogue.analyte(id: analyte)?.name ?? analyte
        case .prednisoneEquivalent: return "Prednisone equivalent"
        case .wellbeing: return "Well-being"
        case .symptomBurden: return "Symptom burden"
        case .symptom(let name): return SymptomCatalogue.definition(id: name)?.name ?? name
        }
    }

    /// The unit of the values: the analyte's canonical unit for labs.
    public var unit: String {
        switch self {
        case .lab(let analyte): return AnalyteCatalogue.analyte(id: analyte)?.canonicalUnit.display ?? ""
        case .prednisoneEquivalent: return "mg/day"
        case .wellbeing, .symptom: return "score 0-10"
        case .symptomBurden: return "daily sum of symptom scores, each symptom's highest"
        }
    }

    /// Whether the values come from symptom scores (which are most of a journal's rows).
    public var readsSymptoms: Bool {
        switch self {
        case .symptom, .symptomBurden: return true
        case .lab, .prednisoneEquivalent, .wellbeing: return false
        }
    }

    /// Labs in catalogue order, then the dose, well-being, burden, and symptoms by name.
    public static func < (lhs: TrendMetric, rhs: TrendMetric) -> Bool {
        func rank(_ m: TrendMetric) -> (Int, Int, String) {
            switch m {
            case .lab(let a): return (0, AnalyteCatalogue.all.firstIndex { $0.id == a } ?? Int.max, a)
            case .prednisoneEquivalent: return (1, 0, "")
            case .wellbeing: return (2, 0, "")
            case .symptomBurden: return (3, 0, "")
            case .symptom(let name): return (4, 0, name)
            }
        }
        return rank(lhs) < rank(rhs)
    }

    /// Reads what the user typed: an analyte (id or alias), a fixed metric name, or the name of
    /// a symptom the timeline holds.
    ///
    /// - Throws: ``InputError`` naming the metrics that exist.
    public static func resolve(_ text: String, in timeline: ClinicalTimeline) throws(InputError) -> TrendMetric {
        let key = TextKey.lookup(text)
        switch key {
        case "prednisoneequivalent", "prednisone", "steroid", "steroids", "pred": return .prednisoneEquivalent
        case "wellbeing": return .wellbeing
        case "symptomburden", "burden": return .symptomBurden
        default: break
        }
        if let analyte = try? AnalyteCatalogue.analyte(named: text) { return .lab(analyte.id) }
        if let name = timeline.symptoms.first(where: { TextKey.lookup($0.name) == key })?.name { return .symptom(name) }
        if let name = try? SymptomCatalogue.normalizedName(text), SymptomCatalogue.definition(id: name) != nil { return .symptom(name) }
        throw InputError(
            field: "METRIC", value: text, reason: "is not an analyte, a symptom or a metric",
            accepted: "an analyte (cd19, anti-dsdna, c3 …), a symptom name, wellbeing, symptom-burden, prednisone-equivalent")
    }

    /// Every metric the timeline has at least one value for.
    public static func available(in timeline: ClinicalTimeline) -> [TrendMetric] {
        var metrics: Set<TrendMetric> = []
        for lab in timeline.labs { metrics.insert(.lab(lab.analyte)) }
        if timeline.medications.contains(where: { $0.drugClass == .glucocorticoid }) { metrics.insert(.prednisoneEquivalent) }
        if !timeline.wellbeing.isEmpty { metrics.insert(.wellbeing) }
        if !timeline.symptoms.isEmpty { metrics.insert(.symptomBurden) }
        // Names first: hashing a String is cheaper than hashing the enum, 40,000 times.
        var names: Set<String> = []
        for symptom in timeline.symptoms { names.insert(symptom.name) }
        for name in names { metrics.insert(.symptom(name)) }
        return metrics.sorted()
    }
}

/// One value of a series.
public struct TrendPoint: Sendable, Hashable {
    public var date: CalendarDate
    public var value: Decimal
    /// "<5": the value is a bound; statistics use the bound's number.
    public var qualifier: Qualifier?
    /// Against the result's own range (else the analyte's default); labs only.
    public var flag: RangeFlag?
    public var range: ReferenceRange?
    /// The value as an integer over a power of ten when the reader had it (a score, a stored
    /// lab value), which spares the statistics from reading the decimal's digits.
    var fixed: FixedPoint?
    /// For a dose: the number of days it was taken from `date` on (to the next change, or 1 for
    /// the last day). Mean and slope of a series with these count every day, not every change.
    public var holdDays: Int?

    public init(
        date: CalendarDate, value: Decimal, qualifier: Qualifier? = nil, flag: RangeFlag? = nil, range: ReferenceRange? = nil,
        holdDays: Int? = nil
    ) {
        self.date = date
        self.value = value
        self.qualifier = qualifier
        self.flag = flag
        self.range = range
        self.holdDays = holdDays
    }

    init(date: CalendarDate, score: Int) {
        self.init(date: date, value: Decimal(score))
        fixed = FixedPoint(mantissa: Int64(score), scale: 0)
    }
}

/// One metric over a window: its values and ``TrendStatistics``.
public struct MetricTrend: Sendable, Hashable {
    public var metric: TrendMetric
    /// Oldest first.
    public var points: [TrendPoint]
    public var statistics: TrendStatistics
    /// Values below / above their range.
    public var lowCount: Int
    public var highCount: Int
    /// Values given as a bound ("<1"), counted at the bound's number.
    public var boundedCount: Int
    /// The bound of the smallest / largest value when one of the values at that number was a
    /// bound: a minimum of "<1" must not read as a measured 1.
    public var minQualifier: Qualifier?
    public var maxQualifier: Qualifier?
    public var sparkline: String

    public init(metric: TrendMetric, points: [TrendPoint], settings: ClinicalSettings = .defaults) {
        self.metric = metric
        self.points = points
        let values = points.map(\.value)
        let fixed = points.compactMap(\.fixed)
        let scaled = (fixed.count == points.count ? ScaledIntegers(fixed: fixed) : nil) ?? ScaledIntegers(values)
        statistics = TrendStatistics.compute(values: points.map { ($0.date, $0.value) }, scaled: scaled, settings: settings)
        // A dose of 20 mg for a week then 5 mg for a year averages near 5 mg/day, not 12.5:
        // mean, slope and direction are those of the daily doses.
        if !points.isEmpty, points.allSatisfy({ $0.holdDays != nil }) {
            let daily = points.flatMap { point in (0..<max(1, point.holdDays!)).map { (point.date.adding(days: $0), point.value) } }
            let perDay = TrendStatistics.compute(values: daily, settings: settings)
            statistics.mean = perDay.mean
            statistics.slopePer30Days = perDay.slopePer30Days
            statistics.direction = perDay.direction
        }
        // "<1" then "<5" is not a rise of 4: a change involving a bound is not a number.
        if points.count >= 2, points[points.count - 1].qualifier != nil || points[points.count - 2].qualifier != nil {
            statistics.changeFromPrevious = nil
        }
        lowCount = points.count { $0.flag == .low }
        highCount = points.count { $0.flag == .high }
        boundedCount = points.count { $0.qualifier != nil }
        if boundedCount > 0 {
            let s = statistics
            minQualifier = points.first { $0.qualifier != nil && $0.value == s.min }?.qualifier
            maxQualifier = points.first { $0.qualifier != nil && $0.value == s.max }?.qualifier
        }
        sparkline = Sparkline.render(values, scaled: scaled)
    }
}

extension ClinicalTimeline {
    /// The values of several metrics, reading the symptoms once for all of them.
    public func points(for metrics: [TrendMetric], since: CalendarDate? = nil, asOf: CalendarDate) -> [[TrendPoint]] {
        var bySymptom: [String: [(offset: Int, point: SymptomPoint)]] = [:]
        for metric in metrics {
            if case .symptom(let name) = metric { bySymptom[name] = [] }
        }
        if !bySymptom.isEmpty {
            // One hash per symptom: the index found is also where to append.
            for (offset, symptom) in symptoms.enumerated() where symptom.date <= asOf && (since.map { symptom.date >= $0 } ?? true) {
                if let index = bySymptom.index(forKey: symptom.name) { bySymptom.values[index].append((offset, symptom)) }
            }
        }
        return metrics.map { metric in
            guard case .symptom(let name) = metric else { return points(for: metric, since: since, asOf: asOf) }
            var chosen = bySymptom[name] ?? []
            if !chosen.indices.dropFirst().allSatisfy({ chosen[$0 - 1].point.date <= chosen[$0].point.date }) {
                chosen.sort { ($0.point.date, $0.offset) < ($1.point.date, $1.offset) }
            }
            return TrendPoint.worstPerDay(chosen.map { TrendPoint(date: $0.point.date, score: $0.point.severity) }, highest: true)
        }
    }

    /// The values of `metric` from `since` to `asOf` (both included), oldest first; values of
    /// one day keep the order in which they were recorded.
    ///
    /// A symptom and well-being have one value per day, the worst: the highest score of a
    /// symptom logged twice that day, the lowest well-being; the burden adds up each symptom's
    /// highest score. A lab keeps every result (two labs on one day are two measurements).
    ///
    /// The prednisone-equivalent series has a value on each day the dose changed (a period
    /// starting or ending), including 0 when the last one ended, and on the "as of" day; days
    /// whose dose cannot be computed (a period without a dose) are left out rather than guessed.
    public func points(for metric: TrendMetric, since: CalendarDate? = nil, asOf: CalendarDate) -> [TrendPoint] {
        func inWindow(_ date: CalendarDate) -> Bool { date <= asOf && (since.map { date >= $0 } ?? true) }
        var points: [TrendPoint] = []
        switch metric {
        case .lab(let analyte):
            for lab in ThresholdComparison.series(labs, analyte: analyte, asOf: asOf) where inWindow(lab.date) {
                var point = TrendPoint(
                    date: lab.date, value: lab.value, qualifier: lab.qualifier, flag: lab.rangeFlag, range: lab.effectiveRange)
                point.fixed = lab.fixedValue
                points.append(point)
            }
        case .prednisoneEquivalent:
            let steroids = medications.filter { $0.drugClass == .glucocorticoid && $0.isSystemic }
            var days: Set<CalendarDate> = []
            for period in steroids {
                days.insert(period.start)
                if let end = period.effectiveEnd { days.insert(end) }
            }
            // The window opens with the dose taken on its first day, and closes with the dose of
            // the "as of" day, so "latest" is today's dose, not the last change.
            if let since, steroids.contains(where: { $0.start < since }) { days.insert(since) }
            if steroids.contains(where: { $0.start <= asOf }) { days.insert(asOf) }
            // Each dose holds to the next change, known or not: a stretch of unknown dose is left
            // out of the daily mean rather than filled with the dose before it.
            let changes = days.sorted().filter(inWindow)
            for (index, day) in changes.enumerated() {
                if let dose = Glucocorticoid.prednisoneEquivalent(on: day, periods: steroids) {
                    let next = index + 1 < changes.count ? changes[index + 1] : day.adding(days: 1)
                    points.append(TrendPoint(date: day, value: dose, holdDays: next.days(since: day)))
                }
            }
        case .wellbeing:
            points = wellbeing.enumerated()
                .filter { inWindow($0.element.date) }
                .sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }
                .map { TrendPoint(date: $0.element.date, score: $0.element.score) }
            points = TrendPoint.worstPerDay(points, highest: false)
        case .symptomBurden:
            // As in the summary's means: a logged day without symptoms is a day of burden 0.
            func sorted<T>(_ items: [T], _ date: (T) -> CalendarDate) -> Bool {
                items.indices.dropFirst().allSatisfy { date(items[$0 - 1]) <= date(items[$0]) }
            }
            if sorted(symptoms, \.date), sorted(loggedDays, { $0 }) {
                // The journal reads both in date order: one merge, no dictionary of 4,000 days.
                var s = symptoms.startIndex, l = loggedDays.startIndex
                // The day's symptoms with their highest score: about ten a day, so a list is quicker than a dictionary.
                var worst: [(name: String, severity: Int)] = []
                while s < symptoms.endIndex || l < loggedDays.endIndex {
                    let day =
                        s == symptoms.endIndex
                        ? loggedDays[l]
                        : l == loggedDays.endIndex ? symptoms[s].date : min(symptoms[s].date, loggedDays[l])
                    worst.removeAll(keepingCapacity: true)
                    while s < symptoms.endIndex, symptoms[s].date == day {
                        let symptom = symptoms[s]
                        if let index = worst.firstIndex(where: { $0.name == symptom.name }) {
                            worst[index].severity = max(worst[index].severity, symptom.severity)
                        } else {
                            worst.append((symptom.name, symptom.severity))
                        }
                        s += 1
                    }
                    while l < loggedDays.endIndex, loggedDays[l] == day { l += 1 }
                    if inWindow(day) { points.append(TrendPoint(date: day, score: worst.reduce(0) { $0 + $1.severity })) }
                }
            } else {
                var perDay: [CalendarDate: [String: Int]] = [:]
                for day in loggedDays where inWindow(day) { perDay[day] = perDay[day] ?? [:] }
                for symptom in symptoms where inWindow(symptom.date) {
                    perDay[symptom.date, default: [:]][symptom.name] = max(perDay[symptom.date]?[symptom.name] ?? 0, symptom.severity)
                }
                points = perDay.keys.sorted().map { TrendPoint(date: $0, score: perDay[$0]!.values.reduce(0, +)) }
            }
        case .symptom(let name):
            points = symptoms.enumerated()
                .filter { $0.element.name == name && inWindow($0.element.date) }
                .sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }
                .map { TrendPoint(date: $0.element.date, score: $0.element.severity) }
            points = TrendPoint.worstPerDay(points, highest: true)
        }
        return points
    }
}

extension TrendPoint {
    /// One point per day from points in date order: the highest value of the day (a symptom's
    /// score) or the lowest (well-being), at the place of the day's first point.
    static func worstPerDay(_ points: [TrendPoint], highest: Bool) -> [TrendPoint] {
        guard points.indices.dropFirst().contains(where: { points[$0 - 1].date == points[$0].date }) else { return points }
        var result: [TrendPoint] = []
        result.reserveCapacity(points.count)
        for point in points {
            if let last = result.last, last.date == point.date {
                if highest ? point.value > last.value : point.value < last.value { result[result.count - 1] = point }
            } else {
                result.append(point)
            }
        }
        return result
    }
}
