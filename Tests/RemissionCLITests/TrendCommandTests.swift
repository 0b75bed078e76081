import Foundation
import RemissionTestSupport
import Testing

/// `remission trend`: every statistic of known series, worked out by hand.
@Suite struct TrendCommandTests {
    /// Infusion 2026-03-02; today 2026-11-20.
    static func journal() throws -> CLI {
        let cli = try CLI.withJournal()
        // C3 0.8, 0.9, 1.0 at days 0, 30, 60: slope exactly +0.1 per 30 days, mean 0.9.
        try cli.ok("lab", "c3", "0.8", "g/L", "--date", "2026-03-02")
        try cli.ok("lab", "c3", "90", "mg/dL", "--date", "2026-04-01")
        try cli.ok("lab", "c3", "1.0", "g/L", "--date", "2026-05-01")
        // anti-dsDNA 90, 60, 30 against <30: falling by 30 per 30 days, two high.
        try cli.ok("lab", "anti-dsdna", "90", "IU/mL", "--range", "<30", "--date", "2026-03-02")
        try cli.ok("lab", "anti-dsdna", "60", "IU/mL", "--range", "<30", "--date", "2026-04-01")
        try cli.ok("lab", "anti-dsdna", "30", "IU/mL", "--range", "<30", "--date", "2026-05-01")
        // CD19 <1, 4, 250 at days 14, 44, 74.
        try cli.ok("lab", "cd19", "<1", "cells/uL", "--date", "2026-03-16")
        try cli.ok("lab", "cd19", "4", "cells/uL", "--date", "2026-04-15")
        try cli.ok("lab", "cd19", "250", "cells/uL", "--date", "2026-05-15")
        // Prednisone 20 mg, 10 mg from the infusion day, stopped on 2026-04-01.
        try cli.ok("med", "start", "prednisone", "--dose", "20 mg", "--frequency", "daily", "--date", "2026-01-01")
        try cli.ok("med", "change", "prednisone", "--dose", "10 mg", "--date", "2026-03-02")
        try cli.ok("med", "stop", "prednisone", "--date", "2026-04-01")
        // Well-being 7 three times: stable. Fatigue 6, 4 a week apart.
        for (date, fatigue) in [("2026-11-01", "6"), ("2026-11-08", "4"), ("2026-11-15", nil)] as [(String, String?)] {
            var arguments = ["log", "--date", date, "--wellbeing", "7"]
            if let fatigue { arguments += ["--symptom", "fatigue=\(fatigue)"] }
            try cli.run(arguments)
        }
        return cli
    }

    static func metrics(_ cli: CLI, _ arguments: String...) throws -> [String: [String: Any]] {
        let result = try cli.run(["trend"] + arguments + ["--json"])
        #expect(result.status == 0, "\(result)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let metrics = try #require(document["metrics"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: metrics.map { ($0["metric"] as! String, $0) })
    }

    @Test func statisticsOfEverySeries() throws {
        let cli = try Self.journal()
        let m = try Self.metrics(cli)
        #expect(Array(m.keys).sorted() == ["anti-dsdna", "c3", "cd19", "fatigue", "prednisone-equivalent", "symptom-burden", "wellbeing"])

        let c3 = try #require(m["c3"])
        #expect(c3["count"] as? Int == 3)
        #expect(c3["unit"] as? String == "g/L")
        #expect(c3["change_from_previous"] as? Double == 0.1)
        #expect(c3["min"] as? Double == 0.8 && c3["max"] as? Int == 1 && c3["mean"] as? Double == 0.9)
        #expect(c3["slope_per_30_days"] as? Double == 0.1)
        #expect(c3["direction"] as? String == "rising")
        #expect(c3["low_count"] as? Int == 1 && c3["high_count"] as? Int == 0 && c3["bounded_count"] as? Int == 0)
        #expect(c3["sparkline"] as? String == "▁▅█")
        let latest = try #require(c3["latest"] as? [String: Any])
        #expect(latest["date"] as? String == "2026-05-01" && latest["day"] as? Int == 60 && latest["value"] as? Int == 1)
        #expect(latest["flag"] as? String == "normal" && latest["range_low"] as? Double == 0.9 && latest["range_high"] as? Double == 1.8)
        // 90 mg/dL is 0.9 g/L: the series is in the canonical unit.
        #expect((c3["values"] as? [[String: Any]])?.map { $0["value"] as? Double } == [0.8, 0.9, 1])

        let anti = try #require(m["anti-dsdna"])
        #expect(anti["slope_per_30_days"] as? Int == -30 && anti["direction"] as? String == "falling")
        #expect(anti["mean"] as? Int == 60 && anti["change_from_previous"] as? Int == -30)
        #expect(anti["high_count"] as? Int == 2 && anti["sparkline"] as? String == "█▅▁")

        // CD19: <1 counts as 1. Mean 255/3 = 85; slope Σ(x−x̄)(y−ȳ)/Σ(x−x̄)² = 7470/1800 per day = 124.5 per 30 days.
        let cd19 = try #require(m["cd19"])
        #expect(cd19["mean"] as? Int == 85 && cd19["slope_per_30_days"] as? Double == 124.5)
        #expect(cd19["bounded_count"] as? Int == 1 && cd19["low_count"] as? Int == 2)
        #expect(cd19["min"] as? Int == 1 && cd19["change_from_previous"] as? Int == 246)
        #expect((cd19["values"] as? [[String: Any]])?.first?["qualifier"] as? String == "<")
        #expect(cd19["sparkline"] as? String == "▁▁█")

        // The dose on each day it changed (20 from 01-01, 10 from the infusion day, 0 from 04-01)
        // and on the as-of day, so that "latest" is today's dose rather than the last change.
        let steroid = try #require(m["prednisone-equivalent"])
        #expect(
            (steroid["values"] as? [[String: Any]])?.map { $0["date"] as? String }
                == ["2026-01-01", "2026-03-02", "2026-04-01", "2026-11-20"])
        #expect((steroid["values"] as? [[String: Any]])?.map { $0["value"] as? Int } == [20, 10, 0, 0])
        #expect(steroid["unit"] as? String == "mg/day" && steroid["change_from_previous"] as? Int == 0)
        #expect(steroid["min"] as? Int == 0 && steroid["max"] as? Int == 20)
        // Mean and slope of the daily doses, not of the four change points (which average 7.5):
        // 60 days of 20, 30 of 10, 234 of 0 → 1500/324 = 4.6296; the least-squares slope of
        // those 324 daily values is −0.0650949 per day, −1.9528 per 30 days.
        #expect(steroid["mean"] as? Double == 4.6296 && steroid["slope_per_30_days"] as? Double == -1.9528)
        #expect(steroid["direction"] as? String == "falling")
        #expect((steroid["latest"] as? [String: Any])?["date"] as? String == "2026-11-20")

        let wellbeing = try #require(m["wellbeing"])
        #expect(wellbeing["direction"] as? String == "stable" && wellbeing["slope_per_30_days"] as? Int == 0)
        #expect(wellbeing["sparkline"] as? String == "▄▄▄")

        // Fatigue 6 → 4 in 7 days: −2/7 per day = −8.5714 per 30 days (rounded half up to 4 places).
        let fatigue = try #require(m["fatigue"])
        #expect(fatigue["slope_per_30_days"] as? Double == -8.5714 && fatigue["direction"] as? String == "falling")
        #expect(fatigue["low_count"] as? Int == 0 && fatigue["latest"].flatMap { $0 as? [String: Any] }?["flag"] is NSNull)

        // Burden 6, 4, and 0 on 11-15 (logged, no symptom): mean 10/3; slope −42/98 per day.
        let burden = try #require(m["symptom-burden"])
        #expect((burden["values"] as? [[String: Any]])?.map { $0["value"] as? Int } == [6, 4, 0])
        #expect(burden["mean"] as? Double == 3.3333 && burden["slope_per_30_days"] as? Double == -12.8571)
        #expect(burden["min"] as? Int == 0 && burden["max"] as? Int == 6 && burden["change_from_previous"] as? Int == -4)
        #expect(burden["direction"] as? String == "falling" && burden["sparkline"] as? String == "█▆▁")
    }

    @Test func symptomBurdenAlone() throws {
        let cli = try Self.journal()
        let m = try Self.metrics(cli, "symptom-burden")
        #expect(Array(m.keys) == ["symptom-burden"])
        #expect(m["symptom-burden"]?["count"] as? Int == 3)
        let text = try cli.ok("trend", "symptom-burden")
        #expect(text.contains("symptom-burden  3  0       2026-11-15"), "\(text)")
        #expect(text.contains("2026-11-15"), "one metric prints its values as a table: \(text)")
    }

    @Test func windowsAndSingleValues() throws {
        let cli = try Self.journal()
        // Since the infusion: CD19, C3 and anti-dsDNA unchanged; the dose series opens with 10 on day 0.
        let since = try Self.metrics(cli, "prednisone", "c3", "--since", "d+0")
        #expect(since.count == 2)
        #expect((since["prednisone-equivalent"]?["values"] as? [[String: Any]])?.map { $0["value"] as? Int } == [10, 0, 0])
        // A window opening mid-period starts with the dose of its first day.
        let mid = try Self.metrics(cli, "prednisone", "--since", "2026-02-01")
        #expect(
            (mid["prednisone-equivalent"]?["values"] as? [[String: Any]])?.map { $0["date"] as? String }
                == ["2026-02-01", "2026-03-02", "2026-04-01", "2026-11-20"])
        // "30d" is the last 30 days: only the well-being and fatigue of November.
        let recent = try Self.metrics(cli, "c3", "wellbeing", "--since", "30d")
        #expect(recent["c3"]?["count"] as? Int == 0)
        #expect(recent["c3"]?["latest"] is NSNull && recent["c3"]?["mean"] is NSNull && recent["c3"]?["direction"] is NSNull)
        #expect(recent["wellbeing"]?["count"] as? Int == 3)
        // One value: no change, no slope, no direction.
        let one = try Self.metrics(cli, "c3", "--since", "2026-05-01")
        #expect(one["c3"]?["count"] as? Int == 1 && one["c3"]?["change_from_previous"] is NSNull)
        #expect(one["c3"]?["slope_per_30_days"] is NSNull && one["c3"]?["sparkline"] as? String == "▄")
    }

    @Test func oneMetricListsItsValues() throws {
        let cli = try Self.journal()
        let text = try cli.ok("trend", "C3")
        #expect(text.contains("c3      3  1 g/L   2026-05-01  day +60  +0.1    0.8  1    0.9   +0.1      rising  1 low         ▁▅█"))
        #expect(text.contains("2026-03-02  day 0    0.8    g/L   0.9–1.8  low"))
        #expect(text.contains("2026-04-01  day +30  0.9    g/L   0.9–1.8"))
        let all = try cli.ok("trend")
        #expect(all.contains("fatigue"))
        #expect(!all.contains("2026-03-02  day 0"))  // values only for a single metric
    }

    /// A bound stays a bound on screen, numbers have 2 decimals, and no line ends in spaces.
    @Test func boundsAndRoundingOnScreen() throws {
        let cli = try Self.journal()
        let cd19 = try cli.ok("trend", "cd19")
        // min "<1", not a measured 1; the mean 85 is marked as counting the bound as 1.
        #expect(cd19.contains("cd19    3  250 cells/µL  2026-05-15  day +74  +246    <1   250  85*   +124.5"), "\(cd19)")
        #expect(cd19.contains("* with values given as a bound (such as <1), counted as their number in the mean and the trend"))
        #expect(cd19.contains("2026-03-16  day +14  <1"))
        let fatigue = try cli.ok("trend", "fatigue", "prednisone-equivalent")
        #expect(fatigue.contains("  -8.57  "), "\(fatigue)")  // −8.5714 per 30 days on screen
        #expect(fatigue.contains("  4.63  "), "\(fatigue)")  // the daily mean dose, 4.6296
        #expect(!fatigue.contains("*"))
        for text in [cd19, fatigue, try cli.ok("trend")] {
            #expect(!text.split(separator: "\n").contains { $0.hasSuffix(" ") }, "\(text)")
        }
        let json = try Self.metrics(cli, "cd19", "c3")
        #expect(json["cd19"]?["min_qualifier"] as? String == "<" && json["cd19"]?["max_qualifier"] is NSNull)
        #expect(json["c3"]?["min_qualifier"] is NSNull)
    }

    @Test func unknownMetricsAndBadWindowsAreRefused() throws {
        let cli = try Self.journal()
        let unknown = try cli.run(["trend", "c5"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("METRIC 'c5': is not an analyte, a symptom or a metric"))
        let window = try cli.run(["trend", "--since", "last week"])
        #expect(window.status == 64)
        #expect(
            window.stderr.contains("--since 'last week': is not a date. Accepted: YYYY-MM-DD, today, yesterday, -3d, d+30, 90d (the last 90 days)."),
            "\(window.stderr)")
        let none = try cli.ok("trend", "crp")
        #expect(none == "No values for crp.\n")
    }
}
