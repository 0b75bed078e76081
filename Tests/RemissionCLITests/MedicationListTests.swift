import Foundation
import RemissionTestSupport
import Testing

/// `med list`, medication periods in `list --since`, and the frequency of a glucocorticoid.
@Suite struct MedicationListTests {
    /// A drug taken for years, one changed this autumn, one stopped: the journal of a visit.
    private func journalWithPeriods() throws -> CLI {
        let cli = try CLI.withJournal()
        try cli.ok("med", "start", "hydroxychloroquine", "--dose", "200 mg", "--frequency", "twice-daily", "--date", "2019-04-01")
        try cli.ok("med", "start", "prednisone", "--dose", "10 mg", "--frequency", "daily", "--date", "2026-01-05")
        try cli.ok("med", "change", "prednisone", "--dose", "5 mg", "--date", "2026-10-01")
        try cli.ok("med", "start", "mycophenolate", "--dose", "1000 mg", "--frequency", "twice-daily", "--date", "2025-06-01")
        try cli.ok("med", "stop", "mycophenolate", "--date", "2026-02-15")
        return cli
    }

    @Test func listsWhatIsTakenToday() throws {
        let cli = try journalWithPeriods()
        let output = try cli.ok("med", "list")
        #expect(output.contains("Medications on 2026-11-20 (day +263)"))
        let rows = output.split(separator: "\n").filter { $0.contains("Prednisone") || $0.contains("Hydroxychloroquine") }
        #expect(rows.count == 2, "\(output)")
        #expect(output.contains("5 mg") && !output.contains("10 mg"), "only the current prednisone period: \(output)")
        #expect(output.contains("twice daily"))
        #expect(output.contains("2019-04-01"), "since when: \(output)")
        #expect(!output.contains("Mycophenolate"), "stopped in February: \(output)")
    }

    @Test func listsWhatWasTakenOnADate() throws {
        let cli = try journalWithPeriods()
        // The stop date is the first day without the drug.
        let before = try cli.ok("med", "list", "--date", "2026-02-14")
        #expect(before.contains("Mycophenolate") && before.contains("10 mg"), "\(before)")
        let after = try cli.ok("med", "list", "--date", "2026-02-15")
        #expect(!after.contains("Mycophenolate"), "\(after)")
        let none = try cli.ok("med", "list", "--date", "2019-01-01")
        #expect(none.contains("No medication taken on 2019-01-01"))
    }

    @Test func listsEveryPeriodWithAll() throws {
        let cli = try journalWithPeriods()
        let output = try cli.ok("med", "list", "--all")
        #expect(output.contains("STOPPED"))
        #expect(output.contains("10 mg") && output.contains("5 mg") && output.contains("Mycophenolate"), "\(output)")
        #expect(output.contains("2026-02-15"), "mycophenolate's stop: \(output)")
        let periods = try #require(try cli.json("med", "list", "--all") as? [[String: Any]])
        #expect(periods.count == 4)
        let current = try #require(try cli.json("med", "list") as? [[String: Any]])
        let drugs = current.compactMap { ($0["fields"] as? [String: Any])?["drug"] as? String }.sorted()
        #expect(drugs == ["hydroxychloroquine", "prednisone"])
    }

    @Test func dateAndAllTogetherAreRefused() throws {
        let cli = try journalWithPeriods()
        let result = try cli.run(["med", "list", "--all", "--date", "today"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("Give --date or --all, not both."))
    }

    @Test func aWindowIncludesPeriodsThatOverlapIt() throws {
        let cli = try journalWithPeriods()
        let records = try #require(try cli.json("list", "--kind", "medication", "--since", "-30d") as? [[String: Any]])
        let drugs = records.compactMap { ($0["fields"] as? [String: Any])?["drug"] as? String }
        // Hydroxychloroquine started in 2019 and is still taken: current, not absent.
        #expect(drugs.contains("hydroxychloroquine"), "\(records)")
        #expect(drugs.filter { $0 == "prednisone" }.count == 1, "only the period still taken: \(drugs)")
        #expect(!drugs.contains("mycophenolate"))
        // A window that ends before a period starts leaves it out.
        let early = try #require(try cli.json("list", "--kind", "medication", "--since", "2019-01-01", "--until", "2019-03-31") as? [[String: Any]])
        #expect(early.isEmpty)
    }

    @Test func aPrednisoneDoseWithoutFrequencyIsTakenAsDailyAndSaysSo() throws {
        let cli = try CLI.withJournal()
        let output = try cli.ok("med", "start", "prednisone", "--dose", "5 mg", "--date", "2026-09-01")
        #expect(output.contains("Prednisone 5 mg daily"), "\(output)")
        #expect(output.contains("frequency daily assumed"), "the output says so: \(output)")
        let summary = try cli.ok("summary")
        #expect(summary.contains("5 mg/day prednisone equivalent"), "\(summary)")
        #expect(!summary.contains("missing: clinical SLEDAI-2K, PGA, prednisone-equivalent dose"), "\(summary)")
        // A change of the dose alone keeps the daily frequency and assumes nothing.
        let changed = try cli.ok("med", "change", "prednisone", "--dose", "2.5 mg", "--date", "2026-10-01")
        #expect(changed.contains("2.5 mg daily") && !changed.contains("assumed"), "\(changed)")
        // Beside JSON the note goes to standard error.
        let json = try cli.run(["med", "start", "dexamethasone", "--dose", "0.5 mg", "--json"])
        #expect(json.status == 0)
        #expect(json.stderr.contains("frequency daily assumed"))
        #expect(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) is [Any])
    }

    @Test func aGlucocorticoidWithoutAUsualScheduleNeedsAFrequency() throws {
        let cli = try CLI.withJournal()
        let before = try cli.export()
        let pulse = try cli.run(["med", "start", "methylprednisolone", "--route", "iv", "--dose", "500 mg"])
        #expect(pulse.status == 64)
        #expect(pulse.stderr.contains("--dose '500 mg': needs --frequency"), "\(pulse)")
        #expect(pulse.stderr.contains("a single pulse is `once`"))
        let split = try cli.run(["med", "start", "hydrocortisone", "--dose", "20 mg"])
        #expect(split.status == 64)
        #expect(split.stderr.contains("needs --frequency"))
        #expect(try cli.export() == before)
        try cli.ok("med", "start", "methylprednisolone", "--route", "iv", "--dose", "500 mg", "--frequency", "once")
        // A cream is not a systemic dose, and other drugs may leave the frequency out.
        let cream = try cli.ok("med", "start", "hydrocortisone", "--route", "topical", "--dose", "1 %")
        #expect(!cream.contains("assumed"))
        let other = try cli.ok("med", "start", "belimumab", "--dose", "200 mg")
        #expect(!other.contains("assumed"))
    }
}

/// Two devices change one dose at once: both periods are kept, and the day's dose is unknown
/// rather than their sum, which nobody takes.
@Suite struct ConcurrentDoseChangeTests {
    @Test func twoDevicesChangingADoseAtOnceDoNotAddUp() throws {
        let pair = try SyncCommandTests.Pair()
        try pair.run(["med", "start", "prednisone", "--dose", "10 mg", "--frequency", "daily", "--date", "2026-06-01", "--journal", pair.laptop])
        try pair.run(["sync", "--journal", pair.laptop])
        try pair.run(["sync", "--journal", pair.desktop])
        try pair.run(["med", "change", "prednisone", "--dose", "5 mg", "--date", "2026-09-01", "--journal", pair.laptop])
        try pair.run(["med", "change", "prednisone", "--dose", "7.5 mg", "--date", "2026-08-15", "--journal", pair.desktop])
        for journal in [pair.laptop, pair.desktop, pair.laptop] { try pair.run(["sync", "--journal", journal]) }
        for journal in [pair.laptop, pair.desktop] {
            let summary = try pair.run(["summary", "--journal", journal]).stdout
            #expect(!summary.contains("12.5 mg/day"), "a sum nobody takes: \(summary)")
            #expect(summary.contains("current dose unknown"), "\(summary)")
            let list = try pair.run(["med", "list", "--journal", journal]).stdout
            #expect(list.contains("prednisone is in 2 periods on this day"), "\(list)")
            // Both doses entered are kept, and the period they both ended is a conflict.
            #expect(list.contains("5 mg") && list.contains("7.5 mg"))
            #expect(try pair.run(["conflicts", "--journal", journal]).stdout.contains("period (start_date, end_date"))
        }
    }
}
