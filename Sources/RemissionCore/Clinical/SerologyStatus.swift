#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A change of laboratory between two consecutive results of one analyte.
///
/// Anti-dsDNA positivity is assay-specific (CLINICAL.md: one ELISA calls < 30 IU/mL negative,
/// others 10–15), so values from two assays must not be read as a trend.
public struct AssayChange: Sendable, Hashable {
    public var date: CalendarDate
    public var fromLab: String
    public var toLab: String

    public init(date: CalendarDate, fromLab: String, toLab: String) {
        self.date = date
        self.fromLab = fromLab
        self.toLab = toLab
    }
}

/// Anti-dsDNA: the `anti_dsdna` block of `remission summary`.
public struct AntiDsDNAStatus: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable, Codable {
        case positive, negative, unknown
    }

    /// `status`: of the latest result.
    public var status: Status
    /// `last_value` (IU/mL)
    public var lastValue: Decimal?
    public var lastQualifier: Qualifier?
    /// `last_date`
    public var lastDate: CalendarDate?
    /// The first date of the current unbroken run of negative results.
    public var negativeSince: CalendarDate?
    /// `negative_since_day`: ``negativeSince`` in days after infusion (nil without infusion).
    public var negativeSinceDay: Int?
    /// The first date of the current unbroken run of positive results.
    public var positiveSince: CalendarDate?
    /// The latest result is positive and an earlier one was negative: the alert "anti-dsDNA
    /// positive again after being negative".
    public var positiveAfterNegative: Bool
    /// Every change of lab between consecutive results (both named and different), oldest first.
    public var assayChanges: [AssayChange]

    /// Whether the two latest results come from different labs, so the latest value must not be
    /// compared with the one before it.
    public var assayChangedAtLast: Bool {
        guard let lastDate, let change = assayChanges.last else { return false }
        return change.date == lastDate
    }

    public init(
        status: Status, lastValue: Decimal?, lastQualifier: Qualifier? = nil, lastDate: CalendarDate?,
        negativeSince: CalendarDate?, positiveSince: CalendarDate? = nil, negativeSinceDay: Int?, positiveAfterNegative: Bool,
        assayChanges: [AssayChange]
    ) {
        self.positiveSince = positiveSince
        self.status = status
        self.lastValue = lastValue
        self.lastQualifier = lastQualifier
        self.lastDate = lastDate
        self.negativeSince = negativeSince
        self.negativeSinceDay = negativeSinceDay
        self.positiveAfterNegative = positiveAfterNegative
        self.assayChanges = assayChanges
    }

    /// Positive means above the high end of the result's own range (else the catalogue default,
    /// < 30 IU/mL); a "borderline" band is therefore positive. Negative means within or below it.
    /// A qualified result the range cannot place ("<50" against < 30) is unknown and breaks a
    /// negative run, since the run must be unbroken.
    public static func evaluate(
        points: [LabPoint], infusion: CalendarDate?, asOf: CalendarDate, analyte: String = "anti-dsdna"
    ) -> AntiDsDNAStatus {
        let series = ThresholdComparison.series(points, analyte: analyte, asOf: asOf)
        // Positivity is judged against the high end only: "<10" against 0–30 is negative.
        let states: [Status] = series.map { point in
            guard let high = point.effectiveRange?.high else { return .unknown }
            switch RangeFlag.above(value: point.value, qualifier: point.qualifier, high: high) {
            case true?: return .positive
            case false?: return .negative
            case nil: return .unknown
            }
        }
        var changes: [AssayChange] = []
        for index in series.indices.dropFirst() {
            if let from = series[index - 1].lab, let to = series[index].lab,
                TextKey.lookup(from) != TextKey.lookup(to)
            {
                changes.append(AssayChange(date: series[index].date, fromLab: from, toLab: to))
            }
        }
        let status = states.last ?? .unknown
        var negativeSince: CalendarDate?
        if status == .negative {
            var start = series.count - 1
            while start > 0, states[start - 1] == .negative { start -= 1 }
            negativeSince = series[start].date
        }
        var positiveSince: CalendarDate?
        if status == .positive {
            var start = series.count - 1
            while start > 0, states[start - 1] == .positive { start -= 1 }
            positiveSince = series[start].date
        }
        let positiveAgain = status == .positive && states.dropLast().contains(.negative)
        return AntiDsDNAStatus(
            status: status, lastValue: series.last?.value, lastQualifier: series.last?.qualifier,
            lastDate: series.last?.date, negativeSince: negativeSince, positiveSince: positiveSince,
            negativeSinceDay: negativeSince.flatMap { StudyDay.number(for: $0, infusion: infusion) },
            positiveAfterNegative: positiveAgain, assayChanges: changes)
    }
}

/// Complement C3 and C4: the `complement` block of `remission summary`.
public struct ComplementStatus: Sendable, Hashable {
    public enum Level: String, Sendable, Hashable, Codable {
        case low, normal, unknown
    }

    /// `c3_status`: of the latest C3, against its own range (else the default 0.9–1.8 g/L).
    public var c3Status: Level
    /// `c4_status`: of the latest C4, against its own range (else the default 0.1–0.4 g/L).
    public var c4Status: Level
    public var c3LastValue: Decimal?
    public var c4LastValue: Decimal?
    /// First date of the current unbroken run of not-low C3 / C4 results.
    public var c3NormalSince: CalendarDate?
    public var c4NormalSince: CalendarDate?
    /// When both are normal: the later of the two run starts, the first day from which both
    /// have been normal ever since.
    public var normalSince: CalendarDate?
    /// `normal_since_day`: ``normalSince`` in days after infusion.
    public var normalSinceDay: Int?
    /// The latest C3 / C4 is low and the result before it was not: the alert "complement
    /// falling below range".
    public var c3FellBelowRange: Bool { c3Fall != nil }
    public var c4FellBelowRange: Bool { c4Fall != nil }
    /// The first low C3 / C4 of the current run of lows that followed a normal result.
    public var c3Fall: LabPoint?
    public var c4Fall: LabPoint?

    public init(
        c3Status: Level, c4Status: Level, c3LastValue: Decimal?, c4LastValue: Decimal?,
        c3NormalSince: CalendarDate?, c4NormalSince: CalendarDate?, normalSince: CalendarDate?,
        normalSinceDay: Int?, c3Fall: LabPoint?, c4Fall: LabPoint?
    ) {
        self.c3Status = c3Status
        self.c4Status = c4Status
        self.c3LastValue = c3LastValue
        self.c4LastValue = c4LastValue
        self.c3NormalSince = c3NormalSince
        self.c4NormalSince = c4NormalSince
        self.normalSince = normalSince
        self.normalSinceDay = normalSinceDay
        self.c3Fall = c3Fall
        self.c4Fall = c4Fall
    }

    /// Low complement is a SLEDAI-2K item; only "low" matters, so a result above the range
    /// counts as normal here.
    public static func evaluate(points: [LabPoint], infusion: CalendarDate?, asOf: CalendarDate) -> ComplementStatus {
        func levels(_ analyte: String) -> (series: [LabPoint], levels: [Level]) {
            let series = ThresholdComparison.series(points, analyte: analyte, asOf: asOf)
            // "Low" is judged against the low end only: ">0.95" against 0.9–1.8 is not low.
            return (
                series,
                series.map { point in
                    guard let low = point.effectiveRange?.low, low > 0 else { return .unknown }
                    switch RangeFlag.below(value: point.value, qualifier: point.qualifier, low: low) {
                    case true?: return .low
                    case false?: return .normal
                    case nil: return .unknown
                    }
                }
            )
        }
        func normalSince(_ s: (series: [LabPoint], levels: [Level])) -> CalendarDate? {
            guard s.levels.last == .normal else { return nil }
            var start = s.levels.count - 1
            while start > 0, s.levels[start - 1] == .normal { start -= 1 }
            return s.series[start].date
        }
        /// The first low result of the current run of lows, when a normal result came before it.
        func fell(_ s: (series: [LabPoint], levels: [Level])) -> LabPoint? {
            guard s.levels.last == .low else { return nil }
            var start = s.levels.count - 1
            while start > 0, s.levels[start - 1] == .low { start -= 1 }
            return start > 0 && s.levels[start - 1] == .normal ? s.series[start] : nil
        }
        let c3 = levels("c3"), c4 = levels("c4")
        let c3Since = normalSince(c3), c4Since = normalSince(c4)
        var both: CalendarDate?
        if let c3Since, let c4Since { both = max(c3Since, c4Since) }
        return ComplementStatus(
            c3Status: c3.levels.last ?? .unknown, c4Status: c4.levels.last ?? .unknown,
            c3LastValue: c3.series.last?.value, c4LastValue: c4.series.last?.value,
            c3NormalSince: c3Since, c4NormalSince: c4Since, normalSince: both,
            normalSinceDay: both.flatMap { StudyDay.number(for: $0, infusion: infusion) },
            c3Fall: fell(c3), c4Fall: fell(c4))
    }
}

/// IgG: the `igg` block of `remission summary`.
public struct IgGStatus: Sendable, Hashable {
    public enum Level: String, Sendable, Hashable, Codable {
        case low, normal, unknown
    }

    /// `status`: "low" when the latest IgG is below its own reference range (else the default
    /// 7–16 g/L), as for complement. A moderate fall below the range is expected after CAR-T
    /// (Müller 2024); the alert waits for ``atOrBelowThreshold``.
    public var status: Level
    /// `last_g_per_l`
    public var lastGPerL: Decimal?
    public var lastQualifier: Qualifier?
    public var lastDate: CalendarDate?
    /// `at_or_below_threshold`: the latest IgG is at or below ``ClinicalSettings/iggLowGPerL``
    /// (4 g/L, the replacement trigger of Hill et al. 2019), which raises the `igg_low` alert.
    public var atOrBelowThreshold: Bool?
    public var threshold: Decimal

    public init(
        status: Level, lastGPerL: Decimal?, lastQualifier: Qualifier? = nil, lastDate: CalendarDate?,
        atOrBelowThreshold: Bool?, threshold: Decimal
    ) {
        self.status = status
        self.lastGPerL = lastGPerL
        self.lastQualifier = lastQualifier
        self.lastDate = lastDate
        self.atOrBelowThreshold = atOrBelowThreshold
        self.threshold = threshold
    }

    public static func evaluate(points: [LabPoint], asOf: CalendarDate, settings: ClinicalSettings = .defaults) -> IgGStatus {
        let series = ThresholdComparison.series(points, analyte: "igg", asOf: asOf)
        guard let last = series.last else {
            return IgGStatus(status: .unknown, lastGPerL: nil, lastDate: nil, atOrBelowThreshold: nil, threshold: settings.iggLowGPerL)
        }
        let status: Level = last.rangeFlag.map { $0 == .low ? .low : .normal } ?? .unknown
        return IgGStatus(
            status: status, lastGPerL: last.value, lastQualifier: last.qualifier, lastDate: last.date,
            atOrBelowThreshold: ThresholdComparison.atOrBelow(last.value, last.qualifier, settings.iggLowGPerL),
            threshold: settings.iggLowGPerL)
    }
}
