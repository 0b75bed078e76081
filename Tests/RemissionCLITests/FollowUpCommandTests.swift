import Foundation
import RemissionTestSupport
import Testing

/// `remission due` and `remission plan` (issue 14) with the built binary, on hand-worked
/// timelines. The journal of ``CLI/withJournal()`` has its infusion on 2 March 2026: day 30 is
/// 1 April, day 60 is 1 May, day 90 is 31 May, day 120 is 30 June, day 150 is 30 July, and
/// month 3 is 2 June (worked out from the calendar: March 31 days, April 30, May 31, June 30).
@Suite struct FollowUpCommandTests {
    /// `due --json` as an object, checked against Schema/json/due.schema.json.
    static func due(_ cli: CLI, _ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let result = try cli.run(["due", "--json"] + arguments)
        #expect(result.status == 0, "\(result)", sourceLocation: sourceLocation)
        try ScriptCheck.schema(result.stdout, "due.schema.json")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    static func items(_ document: [String: Any]) -> [String: [String: Any]] {
        var byID: [String: [String: Any]] = [:]
        for item in document["items"] as? [[String: Any]] ?? [] { byID[item["id"] as? String ?? ""] = item }
        return byID
    }

    /// The id of the lab result of `analyte` dated `date`.
    static func labID(_ cli: CLI, _ analyte: String, _ date: String) throws -> String {
        let records = try #require(try cli.json("list", "--kind", "lab") as? [[String: Any]])
        let record = try #require(
            records.first {
                $0["date"] as? String == date && ($0["fields"] as? [String: Any])?["analyte"] as? String == analyte
            }, "no \(analyte) result on \(date)")
        return try #require(record["id"] as? String)
    }

    // MARK: Done when: hand-worked timelines

    @Test func aMissedMonthlyIgGIsOverdue() throws {
        let cli = try CLI.withJournal()
        // 15 April (day 44): nothing drawn in the day-30 window, 25 March to 8 April.
        let items = Self.items(try Self.due(cli, "--as-of", "2026-04-15"))
        let igg = try #require(items["igg-monthly:d30"])
        #expect(igg["status"] as? String == "overdue")
        #expect(igg["due_date"] as? String == "2026-04-01")
        #expect(igg["window_start"] as? String == "2026-03-25" && igg["window_end"] as? String == "2026-04-08")
        #expect(igg["analyte"] as? String == "igg" && igg["kind"] as? String == "lab" && igg["satisfied_by"] is NSNull)
        // The day-60 item (1 May, window from 24 April) is upcoming within 30 days.
        #expect(items["igg-monthly:d60"]?["status"] as? String == "upcoming")
        let check = try cli.run(["due", "--check", "--as-of", "2026-04-15"])
        #expect(check.status == 3, "\(check)")
        #expect(check.stdout.contains("overdue 2026-04-01 IgG (monthly), day 30 (window 2026-03-25 to 2026-04-08)\n"))
        // A result in the window settles it.
        try cli.ok("lab", "igg", "3.2", "g/L", "--date", "2026-04-07")
        let done = Self.items(try Self.due(cli, "--as-of", "2026-04-15", "--all"))
        #expect(done["igg-monthly:d30"]?["status"] as? String == "done")
        #expect(done["igg-monthly:d30"]?["satisfied_by"] as? String == (try Self.labID(cli, "igg", "2026-04-07")))
    }

    @Test func theIgGSeriesEndsAfterAResultAbove4() throws {
        let cli = try CLI.withJournal()
        try cli.ok("lab", "igg", "3.1", "g/L", "--date", "2026-04-01")
        try cli.ok("lab", "igg", "450", "mg/dL", "--date", "2026-05-01")  // 4.5 g/L
        // 5 June: day 90 (31 May, window 24 May to 7 June) would be due, but the series ended on 1 May.
        let document = try Self.due(cli, "--as-of", "2026-06-05", "--all")
        let monthly = (document["items"] as? [[String: Any]] ?? []).filter { $0["series"] as? String == "igg-monthly" }
        #expect(monthly.map { $0["id"] as? String } == ["igg-monthly:d30", "igg-monthly:d60"])
        #expect(monthly.allSatisfy { $0["status"] as? String == "done" })
        #expect(monthly.last?["satisfied_by"] as? String == (try Self.labID(cli, "igg", "2026-05-01")))
        // Before the result above 4, day 60 was upcoming and the series went on.
        let april = Self.items(try Self.due(cli, "--as-of", "2026-04-20"))
        #expect(april["igg-monthly:d60"]?["status"] as? String == "upcoming")
    }

    @Test func theMonth3VisitIsOnTheRightCalendarDate() throws {
        let cli = try CLI.withJournal()
        let june = Self.items(try Self.due(cli, "--as-of", "2026-05-25"))
        #expect(june["visits:m3"]?["due_date"] as? String == "2026-06-02")
        // ± 14 days: 19 May to 16 June.
        #expect(june["visits:m3"]?["window_start"] as? String == "2026-05-19" && june["visits:m3"]?["window_end"] as? String == "2026-06-16")
        #expect(june["visits:m3"]?["status"] as? String == "due")

        // Infused on 30 November: month 3 is 28 February, or 29 in a leap year.
        for (infusion, asOf, due, start, end) in [
            ("2025-11-30", "2026-02-20", "2026-02-28", "2026-02-14", "2026-03-14"),
            ("2023-11-30", "2024-02-20", "2024-02-29", "2024-02-15", "2024-03-14")
        ] {
            let late = try CLI()
            try late.ok("init", "--infusion-date", infusion)
            let visit = try #require(Self.items(try Self.due(late, "--as-of", asOf))["visits:m3"])
            #expect(visit["due_date"] as? String == due, "\(infusion)")
            #expect(visit["window_start"] as? String == start && visit["window_end"] as? String == end, "\(infusion)")
        }
    }

    @Test func theCD19SeriesEndsOnConfirmedReconstitution() throws {
        let cli = try CLI.withJournal()
        try cli.ok("lab", "cd19", "<1", "cells/uL", "--date", "2026-04-01")
        try cli.ok("lab", "cd19", "120", "cells/uL", "--date", "2026-06-20")  // day 110, not yet confirmed
        try cli.ok("lab", "cd19", "130", "cells/uL", "--date", "2026-07-20")  // day 140 confirms it
        // 1 July: day 120 (30 June, window 23 June to 7 July) is due.
        #expect(Self.items(try Self.due(cli, "--as-of", "2026-07-01"))["cd19-monthly:d120"]?["status"] as? String == "due")
        // 25 July: the series ended on 20 July; day 120 closes with it, day 150 (30 July) is not planned.
        let july = Self.items(try Self.due(cli, "--as-of", "2026-07-25", "--all"))
        let d120 = try #require(july["cd19-monthly:d120"])
        #expect(d120["status"] as? String == "done" && d120["closed_by_series_end"] as? Bool == true)
        #expect(d120["satisfied_by"] as? String == (try Self.labID(cli, "cd19", "2026-07-20")))
        #expect(july["cd19-monthly:d150"] == nil)
        #expect(july["cd19-monthly:d30"]?["satisfied_by"] as? String == (try Self.labID(cli, "cd19", "2026-04-01")))
        #expect(july["cd19-monthly:d90"]?["status"] as? String == "missed")
    }

    @Test func vaccinationWindowsAppearAsInformation() throws {
        let cli = try CLI.withJournal()
        let items = Self.items(try Self.due(cli, "--as-of", "2026-05-20"))
        let inactivated = try #require(items["vaccination-inactivated:m3"])
        #expect(inactivated["status"] as? String == "info" && inactivated["kind"] as? String == "vaccination")
        #expect(inactivated["due_date"] as? String == "2026-06-02" && inactivated["window_end"] is NSNull)
        #expect(items["vaccination-live:m12"] == nil)  // opens on 2 March 2027, beyond 30 days
        let all = Self.items(try Self.due(cli, "--as-of", "2026-05-20", "--all"))
        #expect(all["vaccination-live:m12"]?["due_date"] as? String == "2027-03-02")
        // IVIG on 15 September: live vaccines not before 15 May 2027.
        try cli.ok("event", "ivig", "--date", "2026-09-15")
        #expect(Self.items(try Self.due(cli, "--all"))["vaccination-live:m12"]?["due_date"] as? String == "2027-05-15")
        // Information never makes --check fail.
        let check = try cli.run(["due", "--check", "--as-of", "2026-05-20"])
        #expect(!check.stdout.contains("accine"), "\(check)")
        #expect(try cli.ok("due", "--as-of", "2026-05-20").contains("info      2026-06-02 (day +92)  Inactivated vaccines"))
    }

    @Test func checkExitsThreeWhenSomethingIsDueAndZeroOtherwise() throws {
        // Without an infusion date only the daily entry exists.
        let cli = try CLI()
        try cli.ok("init")
        let document = try Self.due(cli)
        #expect((document["items"] as? [[String: Any]])?.map { $0["id"] as? String } == ["daily-log:2026-11-20"])
        let due = try cli.run(["due", "--check"])
        #expect(due.status == 3 && due.stdout == "due 2026-11-20 Log today (window 2026-11-20)\n", "\(due)")
        try cli.ok("log", "--wellbeing", "7")
        let clear = try cli.run(["due", "--check"])
        #expect(clear.status == 0 && clear.stdout.isEmpty && clear.stderr.isEmpty, "\(clear)")
        // --help documents the code.
        #expect(try cli.ok("due", "--help").contains("exits with status 3"))
    }

    @Test func theCalendarFileValidatesAndItsUIDsAreStable() throws {
        let cli = try CLI.withJournal()
        try cli.ok("lab", "igg", "3.1", "g/L", "--date", "2026-03-28", "--note", "private words")
        let file = cli.home.appendingPathComponent("follow-up.ics").path
        let written = try cli.run(["due", "--as-of", "2026-04-15", "--within", "60d", "--ics", file])
        #expect(written.status == 0 && written.stdout.isEmpty, "\(written)")
        #expect(fileMode(file) == 0o600)
        let calendar = try String(contentsOfFile: file, encoding: .utf8)
        let checked = try ScriptCheck.ics(calendar)
        #expect(checked.status == 0, "\(checked)")
        let events = try #require(try JSONSerialization.jsonObject(with: Data(checked.stdout.utf8)) as? [[String: String]])
        // The month-3 visit: 2 June, an all-day event, its window in the description.
        let visit = try #require(events.first { $0["summary"] == "Clinic visit with a clinician assessment, month 3" })
        #expect(visit["start"] == "2026-06-02" && visit["end"] == "2026-06-03")
        #expect(visit["description"]?.contains("Window: 2026-05-19 to 2026-06-16.") == true)
        let uid = try #require(visit["uid"])
        #expect(uid.range(of: #"^visits:m3@[0-9a-f-]{36}\.remission$"#, options: .regularExpression) != nil, "\(uid)")
        // No health values: neither the result nor its note, nor done items.
        #expect(!calendar.contains("3.1") && !calendar.contains("private"))
        #expect(!events.contains { $0["uid"]?.hasPrefix("igg-monthly:d30@") == true })
        // The same run gives the same bytes; a later day keeps the UIDs of the same items.
        #expect(try cli.ok("due", "--as-of", "2026-04-15", "--within", "60d", "--ics", "-") == calendar)
        let later = try cli.ok("due", "--as-of", "2026-04-25", "--within", "60d", "--ics", "-")
        #expect(later.contains("UID:\(uid)\r\n"))
        // An existing file is kept unless --force.
        let again = try cli.run(["due", "--ics", file])
        #expect(again.status == 73, "\(again)")
        #expect(try cli.run(["due", "--ics", file, "--force"]).status == 0)
    }

    @Test func aCalendarKeepsLongTextsWithCommasAndAccentsIntact() throws {
        let cli = try CLI.withJournal()
        let what = "Augenärztliche Kontrolle (Hydroxychloroquin); Gesichtsfeld, OCT und Fundus — bitte nüchtern\\kein Kaffee"
        try cli.ok("plan", "add", "eye-check", "--kind", "visit", "--what", what, "--months", "9")
        let calendar = try cli.ok("due", "--as-of", "2026-11-20", "--within", "30d", "--ics", "-")
        #expect(calendar.contains("\r\n "))  // folded
        let checked = try ScriptCheck.ics(calendar)
        #expect(checked.status == 0, "\(checked)")
        let events = try #require(try JSONSerialization.jsonObject(with: Data(checked.stdout.utf8)) as? [[String: String]])
        // Month 9 after 2 March 2026: 2 December 2026, within 30 days of 20 November.
        let eye = try #require(events.first { $0["uid"]?.hasPrefix("eye-check:m9@") == true })
        #expect(eye["summary"] == what + ", month 9" && eye["start"] == "2026-12-02")
    }

    @Test func anEditedPlanChangesWhatIsDue() throws {
        let cli = try CLI.withJournal()
        let before = Self.items(try Self.due(cli, "--as-of", "2026-05-01"))
        #expect(before["visits:m2"] == nil && before["igg-monthly:d60"]?["status"] as? String == "due")

        try cli.ok("plan", "reschedule", "visits", "--months", "2,4", "--window", "7d")
        try cli.ok("plan", "remove", "igg-monthly")
        // Month 2: 2 May, ± 7 days: 25 April to 9 May; the visit labs move with the visits.
        let after = Self.items(try Self.due(cli, "--as-of", "2026-05-01"))
        #expect(after["visits:m2"]?["status"] as? String == "due")
        #expect(after["visits:m2"]?["window_start"] as? String == "2026-04-25" && after["visits:m2"]?["window_end"] as? String == "2026-05-09")
        #expect(after["visit-igg:m2"]?["status"] as? String == "due")
        #expect(after["igg-monthly:d60"] == nil && after["visits:m1"] == nil)

        let plan = try cli.run(["plan", "--json"])
        try ScriptCheck.schema(plan.stdout, "plan.schema.json")
        let series = try #require(try JSONSerialization.jsonObject(with: Data(plan.stdout.utf8)) as? [[String: Any]])
        #expect(series.first { $0["id"] as? String == "visits" }?["origin"] as? String == "changed")
        #expect(!series.contains { $0["id"] as? String == "igg-monthly" })
        let text = try cli.ok("plan")
        #expect(text.contains("visits  visit: Clinic visit with a clinician assessment  [changed in this journal]"))
        #expect(text.contains("Jain et al., ASTCT/CIBMTR") == false)  // igg-monthly was removed

        // A series of one's own: CRP at every visit.
        try cli.ok("plan", "add", "crp-at-visits", "--kind", "lab", "--analyte", "crp", "--at", "visits")
        #expect(Self.items(try Self.due(cli, "--as-of", "2026-05-01"))["crp-at-visits:m2"]?["analyte"] as? String == "crp")

        // Refused edits change nothing and exit 64.
        let planFile = cli.journal + "/plan.json"
        let saved = try String(contentsOfFile: planFile, encoding: .utf8)
        for arguments in [
            ["plan", "reschedule", "visits", "--months", "0,3"],
            ["plan", "reschedule", "visits", "--months", "3", "--every", "30d"],
            ["plan", "remove", "visits"],  // the visit labs take its dates
            ["plan", "add", "crp-at-visits", "--kind", "lab", "--analyte", "crp", "--months", "3"],
            ["plan", "add", "x", "--kind", "lab", "--analyte", "not-an-analyte", "--months", "3"],
            ["plan", "add", "Bad Id", "--kind", "visit", "--months", "3"],
            ["plan", "reset", "crp-at-visits"]
        ] {
            let result = try cli.run(arguments)
            #expect(result.status == 64 && result.stderr.hasPrefix("Error: "), "\(arguments): \(result)")
        }
        #expect(try String(contentsOfFile: planFile, encoding: .utf8) == saved)

        try cli.ok("plan", "reset")
        #expect(!FileManager.default.fileExists(atPath: planFile))
        #expect(Self.items(try Self.due(cli, "--as-of", "2026-05-01"))["igg-monthly:d60"]?["status"] as? String == "due")
    }

    @Test func planShowsEveryDefaultWithItsSource() throws {
        let cli = try CLI.withJournal()
        let text = try cli.ok("plan")
        #expect(text.contains("months 1, 3, 6, 9, 12, 18, 24, 36, 48"))
        #expect(text.contains("source: Late effects after CAR-T (Jain et al., ASTCT/CIBMTR, Transplant Cell Ther 2021;27:222, Table II)"))
        #expect(text.contains("until an IgG result above igg_low_g_per_l (default 4 g/L)"))
        #expect(text.contains("PMC10909447"))
        let plan = try cli.run(["plan", "--json"])
        try ScriptCheck.schema(plan.stdout, "plan.schema.json")
    }

    // MARK: Reminders, summary and report

    @Test func notifySendsThroughNotifySendOrSaysItIsMissing() throws {
        let cli = try CLI.withJournal()
        let bin = cli.home.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let record = cli.home.appendingPathComponent("notified.txt").path
        let fake = bin.appendingPathComponent("notify-send").path
        try "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > '\(record)'\n".write(toFile: fake, atomically: true, encoding: .utf8)
        chmod(fake, 0o755)
        let sent = try cli.run(["due", "--notify", "--as-of", "2026-04-15"], environment: ["PATH": bin.path + ":/usr/bin:/bin"])
        #expect(sent.status == 0 && sent.stdout.isEmpty, "\(sent)")
        let arguments = try String(contentsOfFile: record, encoding: .utf8)
        #expect(arguments.contains("--app-name=remission"))
        #expect(arguments.contains("follow-up items due or overdue"))
        #expect(arguments.contains("overdue: IgG (monthly), day 30"))

        let missing = try cli.run(["due", "--notify", "--check", "--as-of", "2026-04-15"], environment: ["PATH": cli.home.path])
        #expect(missing.status == 3, "\(missing)")
        #expect(missing.stderr.contains("notify-send is not installed"))
    }

    @Test func theSummaryAndTheReportNameWhatIsOverdueAndNext() throws {
        let cli = try CLI.withJournal()
        try cli.ok("lab", "igg", "3.1", "g/L", "--date", "2026-03-28")
        let summary = try cli.ok("summary", "--as-of", "2026-04-15")
        // CD19 day 30 was not drawn; the month-1 visit (2 April) is open; day 60 is next.
        #expect(summary.contains("Overdue  2026-04-01 (day 30): CD19 B cells (monthly)"), "\(summary)")
        #expect(summary.contains("Due now  2026-04-02 (month 1): Clinic visit with a clinician assessment, Blood count with differential"))
        #expect(summary.contains("Next     2026-05-01 (day 60): IgG (monthly), CD19 B cells (monthly)"))
        let output = cli.home.appendingPathComponent("report.html").path
        try cli.ok("report", "--output", output, "--as-of", "2026-04-15")
        let html = try String(contentsOfFile: output, encoding: .utf8)
        #expect(html.contains("<h3>Follow-up</h3>"))
        #expect(html.contains("2026-04-01 (day 30): CD19 B cells (monthly)"))
    }
}
