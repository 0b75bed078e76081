import Foundation
import RemissionCore
import RemissionReports

/// `remission trend --json`, as documented by `Schema/json/trend.schema.json`.
public enum TrendJSON {
    public static func document(
        _ trends: [MetricTrend], asOf: CalendarDate, since: CalendarDate?, infusion: CalendarDate?, settings: ClinicalSettings
    ) -> JSONValue {
        [
            "as_of": .date(asOf),
            "since": .date(since),
            "infusion_date": .date(infusion),
            "trend_stable_fraction": .number(settings.trendStableFraction),
            "metrics": .array(trends.map { metric($0, infusion: infusion) })
        ]
    }

    static func metric(_ t: MetricTrend, infusion: CalendarDate?) -> JSONValue {
        let s = t.statistics
        let last = t.points.last
        return [
            "metric": .string(t.metric.id),
            "kind": .string(t.metric.kind),
            "label": .string(t.metric.label),
            "unit": .string(t.metric.unit),
            "count": .integer(s.count),
            "latest": last.map { point($0, infusion: infusion) } ?? .null,
            "change_from_previous": .number(s.changeFromPrevious),
            "min": .number(s.min),
            "min_qualifier": .string(t.minQualifier?.rawValue),
            "max": .number(s.max),
            "max_qualifier": .string(t.maxQualifier?.rawValue),
            "mean": .number(s.mean),
            "slope_per_30_days": .number(s.slopePer30Days),
            "direction": .string(s.direction?.rawValue),
            "low_count": .integer(t.lowCount),
            "high_count": .integer(t.highCount),
            "bounded_count": .integer(t.boundedCount),
            "sparkline": .string(t.sparkline),
            "values": .array(t.points.map { point($0, infusion: infusion) })
        ]
    }

    static func point(_ p: TrendPoint, infusion: CalendarDate?) -> JSONValue {
        [
            "date": .date(p.date),
            "day": .integer(StudyDay.number(for: p.date, infusion: infusion)),
            "value": .number(p.value),
            "qualifier": .string(p.qualifier?.rawValue),
            "flag": .string(p.flag?.rawValue),
            "range_low": .number(p.range?.low),
            "range_high": .number(p.range?.high)
        ]
    }
}
