import Foundation
import RemissionTestSupport
import Testing

/// One score per symptom per day (issue 10, item 5): refused twice in one command; logged
/// morning and evening, both kept, and the day counts once with its worst value.
@Suite struct SymptomDayCommandTests {
    /// Infusion 2026-03-02, today 2026-11-20. Each day worked out by hand:
    ///
    /// | day   | logged                                   | worst of the day          | burden |
    /// |-------|------------------------------------------|---------------------------|--------|
    /// | 11-18 | fatigue 3, joint pain 2, wb 7; fatigue 4, wb 4 | fatigue 4, joint 2, wb 4 | 6 |
    /// | 11-19 | fatigue 1, wb 8                          | fatigue 1, wb 8           | 1      |
    /// | 11-20 | fatigue 5, wb 6; fatigue 2, wb 9         | fatigue 5, wb 6           | 5      |
    ///
    /// Summing every entry would give burdens 9, 1, 7 (mean 5.67), fatigue 3, 4, 1, 5, 2
    /// (latest 2) and well-being 7, 4, 8, 6, 9 (latest 9).
    static func journal() throws -> CLI {
        let cli = try CLI.withJournal()
        try cli.ok("log", "--date", "2026-11-18", "--symptom", "fatigue=3", "--symptom", "joint-pain=2", "--wellbeing", "7")
        try cli.ok("log", "--date", "2026-11-18", "--symptom", "fatigue=4", "--wellbeing", "4")
        try cli.ok("log", "--date", "2026-11-19", "--symptom", "fatigue=1", "--wellbeing", "8")
        try cli.ok("log", "--symptom", "fatigue=5", "--wellbeing", "6")
        try cli.ok("log", "--symptom", "tired=2", "--wellbeing", "9")  // an alias of fatigue
        return cli
    }

    @Test func theSameSymptomTwiceInOneCommandIsRefused() throws {
        let cli = try Self.journal()
        let before = try cli.export()
        for arguments in [
            ["log", "--symptom", "fatigue=3", "--symptom", "fatigue=4"],
            ["log", "--symptom", "fatigue=3", "--symptom", "Tiredness=3", "--wellbeing", "5"]
        ] {
            let result = try cli.run(arguments)
            #expect(result.status == 64, "\(result)")
            #expect(
                result.stderr.contains("--symptom '\(arguments[4])': scores fatigue a second time in this command (first 'fatigue=3')"),
                "\(result.stderr)")
            #expect(result.stderr.contains("log it again then (the day counts its highest score)"), "\(result.stderr)")
        }
        #expect(try cli.export() == before)
    }

    @Test func bothEntriesAreKept() throws {
        let cli = try Self.journal()
        let symptoms = try #require(try cli.json("list", "--kind", "symptom") as? [[String: Any]])
        #expect(symptoms.count == 6)
        let entries = try #require(try cli.json("list", "--kind", "entry") as? [[String: Any]])
        #expect(entries.count == 5)
    }

    @Test func summaryCountsTheDayOnceAtItsWorst() throws {
        let cli = try Self.journal()
        let summary = try #require(try cli.json("summary") as? [String: Any])
        let symptoms = try #require(summary["symptoms"] as? [String: Any])
        // (6 + 1 + 5) / 3 = 4 in every window.
        #expect(symptoms["mean_7d"] as? Int == 4, "\(symptoms)")
        #expect(symptoms["mean_30d"] as? Int == 4 && symptoms["mean_90d"] as? Int == 4)
        #expect(try cli.ok("summary").contains("mean daily burden 4 (7 days), 4 (30 days), 4 (90 days)"))
        // As of 11-18, that day alone: fatigue max(3, 4) + joint pain 2 = 6, not 3 + 2 + 4 = 9.
        let morning = try #require((try cli.json("summary", "--as-of", "2026-11-18") as? [String: Any])?["symptoms"] as? [String: Any])
        #expect(morning["mean_7d"] as? Int == 6)
    }

    @Test func trendHasOneValuePerDay() throws {
        let cli = try Self.journal()
        let m = try TrendCommandTests.metrics(cli)
        func check(_ metric: String, count: Int, latest: Int, change: Int?, values: [Int], sourceLocation: SourceLocation = #_sourceLocation) throws {
            let series = try #require(m[metric], sourceLocation: sourceLocation)
            #expect(series["count"] as? Int == count, "\(metric)", sourceLocation: sourceLocation)
            #expect((series["latest"] as? [String: Any])?["value"] as? Int == latest, "\(metric)", sourceLocation: sourceLocation)
            #expect(series["change_from_previous"] as? Int == change, "\(metric)", sourceLocation: sourceLocation)
            let one = try TrendCommandTests.metrics(cli, metric)
            let listed = (one[metric]?["values"] as? [[String: Any]])?.map { $0["value"] as? Int }
            #expect(listed == values, "\(metric)", sourceLocation: sourceLocation)
        }
        try check("fatigue", count: 3, latest: 5, change: 4, values: [4, 1, 5])
        try check("joint-pain", count: 1, latest: 2, change: nil, values: [2])
        try check("wellbeing", count: 3, latest: 6, change: -2, values: [4, 8, 6])
        try check("symptom-burden", count: 3, latest: 5, change: 4, values: [6, 1, 5])
    }

    @Test func reportUsesTheSameBurden() throws {
        let cli = try Self.journal()
        let path = cli.home.appendingPathComponent("clinic.html").path
        try cli.ok("report", "--output", path)
        let html = try String(contentsOfFile: path, encoding: .utf8)
        #expect(html.contains("Mean daily burden over the last 30 days: 4."), "\(html.count) characters")
    }

    @Test func helpAndReadmeSaySo() throws {
        let cli = try CLI()
        func words(_ text: String) -> String { text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        #expect(
            words(try cli.ok("log", "--help")).contains("the day counts once with its worst value: the highest score of each symptom and the lowest well-being")
        )
        #expect(words(try cli.ok("trend", "--help")).contains("a symptom logged twice in a day (morning and evening) counts once with its highest score"))
        let readme = try String(contentsOf: Repository.root.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(words(readme).contains("counts once with its worst value — the highest score of a symptom, the lowest well-being"))
    }
}
