import Foundation
import RemissionTestSupport
import Testing

/// Every kind of bad input gets one clear message naming the field, the value and what
/// would be accepted, a non-zero status (64 for usage), and leaves the journal unchanged.
@Suite struct BadInputTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let arguments: [String]
        let status: Int32
        let messages: [String]
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let cases: [Case] = [
        Case(arguments: ["frobnicate"], status: 64, messages: ["Unexpected argument 'frobnicate'"]),
        Case(
            arguments: ["log", "--symptom", "fatigue=3", "--date", "2026-02-30"], status: 64,
            messages: ["--date '2026-02-30'", "no such day in the calendar"]),
        Case(
            arguments: ["log", "--symptom", "fatigue=3", "--date", "2027-06-01"], status: 64,
            messages: ["--date '2027-06-01'", "is more than a day after today (2026-11-20)"]),
        Case(
            arguments: ["log", "--symptom", "fatigue=3", "--date", "next tuesday"], status: 64,
            messages: ["--date 'next tuesday'", "Accepted: YYYY-MM-DD, today, yesterday, -3d, d+30"]),
        Case(
            arguments: ["log", "--symptom", "fatigue=11"], status: 64,
            messages: ["'11'", "an integer from 0 to 10"]),
        // Negative numbers reach the journal's own checks (issue 11, item 2).
        Case(
            arguments: ["log", "--symptom", "fatigue=-1"], status: 64,
            messages: ["Error: --symptom fatigue '-1': is negative. Accepted: an integer from 0 to 10.\n"]),
        Case(
            arguments: ["log", "--wellbeing", "-1"], status: 64,
            messages: ["Error: --wellbeing '-1': is negative. Accepted: an integer from 0 to 10.\n"]),
        Case(
            arguments: ["lab", "c3", "-0.5", "g/L"], status: 64,
            messages: ["Error: VALUE '-0.5': is negative; no lab result is below zero. Accepted: 0 or more: a number"]),
        Case(
            arguments: ["lab", "--date", "-3d", "c3", "-.5", "g/L", "--lab", "City"], status: 64,
            messages: ["VALUE '-.5': is negative", "Accepted: 0 or more"]),
        Case(
            arguments: ["med", "start", "prednisone", "--dose", "-5 mg"], status: 64,
            messages: ["--dose '-5 mg': is negative", "Accepted: a number above zero and a unit"]),
        Case(
            arguments: ["config", "set", "igg_low_g_per_l", "-5"], status: 64,
            messages: ["Error: igg_low_g_per_l '-5': is negative. Accepted: a number from 0 to 100.\n"]),
        Case(arguments: ["assess", "--sledai", "-2"], status: 64, messages: ["--sledai '-2': is negative", "0 to 105"]),
        // Unknown options are still named as such, with or without a negative number.
        Case(arguments: ["lab", "c3", "-0.5", "g/L", "--bogus"], status: 64, messages: ["Unknown option '--bogus'"]),
        Case(arguments: ["lab", "c3", "0.5", "g/L", "--bogus"], status: 64, messages: ["Unknown option '--bogus'"]),
        // No "FIELD ''" when nothing was typed (issue 11, item 9).
        Case(
            arguments: ["assess"], status: 64,
            messages: ["Error: assess has no score. Accepted: at least one of --sledai, --clinical-sledai, --pga.\n"]),
        Case(arguments: ["log", "--wellbeing", "seven"], status: 64, messages: ["--wellbeing 'seven'", "an integer from 0 to 10"]),
        Case(arguments: ["log", "--symptom", "fatigue"], status: 64, messages: ["--symptom 'fatigue'", "NAME=SEVERITY"]),
        Case(arguments: ["log"], status: 64, messages: ["Nothing to log"]),
        Case(arguments: ["lab", "c3", "abc", "g/L"], status: 64, messages: ["VALUE 'abc'", "is not a number", "a number with a dot"]),
        Case(arguments: ["lab", "c3", "0,9", "g/L"], status: 64, messages: ["VALUE '0,9'", "write decimals with a dot"]),
        // A unit mistake, not a result: the message names the units in which the number is one.
        Case(
            arguments: ["lab", "c3", "82", "g/L"], status: 64,
            messages: [
                "VALUE '82': 82 g/L is more than anyone's Complement C3 can be (at most 10 g/L); check the unit. "
                    + "Accepted: 82 mg/dL (0.82 g/L) or 82 mg/L (0.082 g/L), if that is what the lab printed."
            ]),
        Case(arguments: ["lab", "hb", "135", "g/dL"], status: 64, messages: ["Accepted: 135 g/L (13.5 g/dL)"]),
        Case(arguments: ["lab", "cd19-percent", "120", "%"], status: 64, messages: ["at most 100 %", "Accepted: a value up to 100 %."]),
        Case(arguments: ["lab", "c5", "0.9", "g/L"], status: 64, messages: ["ANALYTE 'c5'", "c3"]),
        Case(arguments: ["lab", "c3", "0.9", "mmol/L"], status: 64, messages: ["UNIT 'mmol/L'", "g/L, mg/dL"]),
        Case(arguments: ["lab", "cd19", "100", "g/L"], status: 64, messages: ["UNIT 'g/L'", "cells/µL"]),
        Case(arguments: ["lab", "c3", "0.9", "g/L", "--range", "1.8-0.9"], status: 64, messages: ["--range '1.8-0.9'"]),
        Case(arguments: ["lab", "c3", "0.9", "g/L", "--time", "25:00"], status: 64, messages: ["--time '25:00'", "HH:MM"]),
        Case(arguments: ["med", "start", "prednisone", "--dose", "5"], status: 64, messages: ["--dose '5'"]),
        Case(arguments: ["med", "start", "prednisone", "--dose", "five mg"], status: 64, messages: ["--dose 'five mg'"]),
        Case(arguments: ["med", "start", "prednisne"], status: 64, messages: ["DRUG 'prednisne'", "prednisone", "--custom"]),
        Case(
            arguments: ["med", "start", "prednisone", "--frequency", "sometimes"], status: 64,
            messages: ["--frequency 'sometimes'", "daily"]),
        Case(arguments: ["event", "party"], status: 64, messages: ["KIND 'party'", "infusion"]),
        Case(arguments: ["event", "flare", "--grade", "2"], status: 64, messages: ["--grade '2'", "only for CRS and ICANS"]),
        Case(arguments: ["event", "crs", "--grade", "7"], status: 64, messages: ["--grade '7'", "1 to 5"]),
        Case(arguments: ["assess", "--sledai", "106"], status: 64, messages: ["--sledai '106'", "0 to 105"]),
        Case(arguments: ["assess", "--pga", "4"], status: 64, messages: ["--pga '4'", "0 to 3"]),
        Case(arguments: ["assess", "--sledai", "2", "--clinical-sledai", "4"], status: 64, messages: ["--clinical-sledai '4'"]),
        Case(arguments: ["log", "--symptom", "fatigue=3", "--date", "d+5000"], status: 64, messages: ["--date 'd+5000'", "more than a day after today"]),
        Case(arguments: ["list", "--since", "2026-11-10", "--until", "2026-11-01"], status: 64, messages: ["--until '2026-11-01'"]),
        Case(arguments: ["list", "--kind", "potato"], status: 64, messages: ["potato"]),
        Case(arguments: ["show", "zz"], status: 64, messages: ["no record with id 'zz'"])
    ]

    @Test(arguments: cases)
    func badInputIsRefusedAndNothingIsWritten(_ input: Case) throws {
        let cli = try CLI.withJournal()
        let before = try cli.export()
        let result = try cli.run(input.arguments)
        #expect(result.status == input.status, "\(result)")
        for message in input.messages {
            #expect(result.stderr.contains(message), "missing “\(message)” in: \(result.stderr)")
        }
        #expect(result.stderr.hasPrefix("Error: "), "\(result.stderr)")
        #expect(try cli.export() == before)
    }

    @Test func noInfusionDateForRelativeDays() throws {
        let cli = try CLI()
        try cli.ok("init")
        let before = try cli.export()
        let result = try cli.run(["log", "--symptom", "fatigue=2", "--date", "d+30"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--date 'd+30'"))
        #expect(result.stderr.contains("remission event infusion --date"))
        #expect(try cli.export() == before)
    }

    @Test func badTodayOverrideIsReported() throws {
        let cli = try CLI.withJournal()
        let result = try cli.run(["log", "--symptom", "fatigue=2"], environment: ["REMISSION_TODAY": "tomorrow"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("REMISSION_TODAY 'tomorrow'"))
    }

    @Test func nonSQLiteJournalFile() throws {
        let cli = try CLI()
        try FileManager.default.createDirectory(atPath: cli.journal, withIntermediateDirectories: true)
        let path = cli.journal + "/journal.sqlite"
        let garbage = Data("this is not a database, it is a shopping list\n".utf8) + Data(repeating: 7, count: 4096)
        try garbage.write(to: URL(fileURLWithPath: path))
        for command in [["list"], ["log", "--symptom", "fatigue=1"], ["check"]] {
            let result = try cli.run(command)
            #expect(result.status == 65, "\(command): \(result)")
            #expect(result.stderr.contains("\(path) is not a remission journal (not an SQLite database); nothing was changed."))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == garbage)
    }

    @Test func otherSQLiteDatabase() throws {
        let cli = try CLI()
        try FileManager.default.createDirectory(atPath: cli.journal, withIntermediateDirectories: true)
        let path = cli.journal + "/journal.sqlite"
        try sqlite(path, "CREATE TABLE recipe (name TEXT)")
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let result = try cli.run(["log", "--symptom", "fatigue=1"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("is not a remission journal (an SQLite database without a remission journal in it)"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func unreadableJournalFile() throws {
        guard getuid() != 0 else {
            // root reads any file; test the same path with a directory where the file should be.
            let cli = try CLI()
            try FileManager.default.createDirectory(atPath: cli.journal + "/journal.sqlite", withIntermediateDirectories: true)
            let result = try cli.run(["list"])
            #expect(result.status != 0)
            #expect(result.stderr.contains("journal.sqlite"), "\(result)")
            return
        }
        let cli = try CLI.withJournal()
        let path = cli.journal + "/journal.sqlite"
        chmod(path, 0o000)
        defer { chmod(path, 0o600) }
        let result = try cli.run(["list"])
        #expect(result.status == 74)
        #expect(result.stderr.contains("cannot use the journal at \(path)"))
    }

    @Test func journalFromANewerSchema() throws {
        let cli = try CLI.withJournal()
        let path = cli.journal + "/journal.sqlite"
        try sqlite(path, "INSERT INTO grdb_migrations (identifier) VALUES ('0002_future')")
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        for command in [["list"], ["log", "--symptom", "fatigue=1"]] {
            let result = try cli.run(command)
            #expect(result.status == 65)
            #expect(result.stderr.contains("was written by a newer version of remission (schema 0002_future)"))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    private func sqlite(_ path: String, _ sql: String) throws {
        let result = try ProcessRunner.run("/usr/bin/sqlite3", [path, sql])
        try #require(result.status == 0, "\(result)")
    }
}
