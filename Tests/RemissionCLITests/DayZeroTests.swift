import Foundation
import RemissionTestSupport
import Testing

/// Day 0: a planned infusion, events typed twice, and what moving day 0 tells the user.
@Suite struct DayZeroTests {
    @Test func aPlannedInfusionCountsDownAndCountsNothingAfterIt() throws {
        let cli = try CLI()  // today is 2026-11-20
        let created = try cli.ok("init", "--infusion-date", "2026-12-20", "--device-name", "laptop")
        #expect(created.contains("Planned infusion (day 0): 2026-12-20, in 30 days."), "\(created)")
        try cli.ok("lab", "cd19", "120", "cells/uL")
        try cli.ok("log", "--symptom", "fatigue=4")
        let summary = try cli.ok("summary")
        #expect(summary.contains("day -30, 30 days before the infusion on 2026-12-20"), "\(summary)")
        #expect(summary.contains("nothing is counted after day 0 yet"))
        #expect(!summary.contains("day +"), "no day after the infusion is counted: \(summary)")
        let listed = try cli.ok("list")
        #expect(listed.contains("-30"), "the days before count down: \(listed)")
        let due = try cli.ok("due")
        #expect(due.contains("30 days before the infusion on 2026-12-20"), "\(due)")
        let items = try #require(try cli.json("due", "--all") as? [String: Any])
        let planned = try #require(items["items"] as? [[String: Any]])
        #expect(planned.allSatisfy { ($0["id"] as? String) == "daily-log" || ($0["kind"] as? String) == "log" }, "\(planned)")
        // Once the day has come, the follow-up counts from it.
        let later = try cli.run(["summary"], environment: ["REMISSION_TODAY": "2027-01-19"])
        #expect(later.stdout.contains("day +30 after the infusion on 2026-12-20"), "\(later)")
    }

    @Test func aPlannedInfusionCanBeRecordedLaterButNotYearsAhead() throws {
        let cli = try CLI()
        try cli.ok("init", "--device-name", "laptop")
        let before = try cli.export()
        let far = try cli.run(["event", "infusion", "--date", "2027-12-01"])
        #expect(far.status == 64)
        #expect(far.stderr.contains("--date '2027-12-01': is too far ahead to be planned. Accepted: a date no later than 2027-11-20."), "\(far)")
        // Only an infusion is planned: other events are recorded once they happened.
        let crs = try cli.run(["event", "crs", "--grade", "1", "--date", "2026-12-01"])
        #expect(crs.status == 64)
        #expect(crs.stderr.contains("is more than a day after today"))
        #expect(try cli.export() == before)
        let planned = try cli.run(["event", "infusion", "--date", "2027-01-10"])
        #expect(planned.status == 0)
        #expect(planned.stderr.contains("day 0 is now 2027-01-10, the infusion (planned, in 51 days)"), "\(planned)")
        let refusedInit = try CLI().run(["init", "--infusion-date", "2028-01-01"])
        #expect(refusedInit.status == 64)
        #expect(refusedInit.stderr.contains("--infusion-date '2028-01-01': is too far ahead to be planned"))
    }

    @Test func theSameEventTwiceOnOneDayNeedsAgain() throws {
        let cli = try CLI.withJournal()
        try cli.ok("event", "crs", "--date", "d+1", "--grade", "1", "--note", "fever 38.4")
        let before = try cli.export()
        let twice = try cli.run(["event", "crs", "--date", "2026-03-03", "--grade", "1"])
        #expect(twice.status == 64)
        #expect(twice.stderr.contains("Cytokine release syndrome (CRS) grade 1 on 2026-03-03 is already recorded"), "\(twice)")
        #expect(twice.stderr.contains("`--again` records a second one. Nothing was written."))
        #expect(try cli.export() == before)
        // Another grade, another day or --again is a new event.
        try cli.ok("event", "crs", "--date", "d+1", "--grade", "2")
        try cli.ok("event", "crs", "--date", "d+2", "--grade", "1")
        try cli.ok("event", "infection", "--date", "d+40")
        let again = try cli.run(["event", "infection", "--date", "d+40", "--again", "--note", "a second one, urinary"])
        #expect(again.status == 0, "\(again)")
        let events = try #require(try cli.json("list", "--kind", "event") as? [[String: Any]])
        #expect(events.count == 6)  // the infusion, three CRS, two infections
    }

    @Test func deletingTheInfusionSaysWhereDayZeroGoes() throws {
        let cli = try CLI.withJournal()  // day 0 on 2026-03-02
        try cli.ok("event", "infusion", "--date", "2026-03-20")  // a second infusion
        let first = try #require(
            (try cli.json("list", "--kind", "event") as? [[String: Any]])?.first { ($0["fields"] as? [String: Any])?["date"] as? String == "2026-03-02" }?["id"]
                as? String)
        let moved = try cli.run(["delete", first])
        #expect(moved.status == 0)
        #expect(moved.stderr.contains("day 0 moves from 2026-03-02 to 2026-03-20, the first infusion left"), "\(moved)")
        let summary = try cli.ok("summary")
        #expect(summary.contains("after the infusion on 2026-03-20"))
        let back = try cli.run(["restore", first])
        #expect(back.stderr.contains("day 0 is now 2026-03-02, the first infusion (it was 2026-03-20)"), "\(back)")
        let second = try #require(
            (try cli.json("list", "--kind", "event") as? [[String: Any]])?.first { ($0["fields"] as? [String: Any])?["date"] as? String == "2026-03-20" }?["id"]
                as? String)
        let quiet = try cli.run(["delete", second])
        #expect(!quiet.stderr.contains("day 0"), "a later infusion does not move day 0: \(quiet)")
        let gone = try cli.run(["delete", first])
        #expect(gone.stderr.contains("day 0 is gone: no infusion is left (it was 2026-03-02)"), "\(gone)")
        #expect(try cli.ok("summary").contains("no infusion recorded"))
    }
}

/// Day 0 moved on one device is said on the other when it syncs, and by `edit`.
@Suite struct DayZeroSyncTests {
    @Test func aMovedInfusionIsSaidWhereverDayZeroMoves() throws {
        let pair = try SyncCommandTests.Pair()  // infusion 2026-03-02 on both
        let records = try #require(
            try JSONSerialization.jsonObject(with: Data(pair.run(["list", "--kind", "event", "--json", "--journal", pair.laptop]).stdout.utf8))
                as? [[String: Any]])
        let infusion = try #require(records.first?["id"] as? String)
        let edited = try pair.run(["edit", String(infusion.prefix(8)), "--date", "2026-03-05", "--journal", pair.laptop])
        #expect(edited.stderr.contains("day 0 moves from 2026-03-02 to 2026-03-05, the first infusion left"), "\(edited)")
        try pair.run(["sync", "--journal", pair.laptop])
        let pulled = try pair.run(["sync", "--journal", pair.desktop])
        #expect(pulled.stderr.contains("Note: from another device, day 0 moves from 2026-03-02 to 2026-03-05"), "\(pulled)")
        // Nothing moved, nothing said.
        let quiet = try pair.run(["sync", "--journal", pair.desktop])
        #expect(!quiet.stderr.contains("day 0"), "\(quiet)")
        #expect(try pair.cli.run(["summary", "--journal", pair.desktop]).stdout.contains("after the infusion on 2026-03-05"))
    }
}
