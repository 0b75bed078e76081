import Testing
import RemissionCore

@Suite struct DateExpressionTests {
    let today = CalendarDate(iso: "2026-11-22")!
    let infusion = CalendarDate(iso: "2026-08-01")!

    func parse(_ text: String, infusion: CalendarDate?? = .none) throws(InputError) -> String {
        try DateExpression.parse(text, today: today, infusion: infusion ?? self.infusion).iso
    }

    @Test(arguments: [
        ("2026-11-20", "2026-11-20"),
        ("today", "2026-11-22"),
        ("TODAY", "2026-11-22"),
        ("  Yesterday ", "2026-11-21"),
        ("-3d", "2026-11-19"),
        ("-0d", "2026-11-22"),
        ("-365D", "2025-11-22"),
        ("d0", "2026-08-01"),
        ("d+30", "2026-08-31"),
        ("d-7", "2026-07-25"),
        ("D+113", "2026-11-22"),
        ("d30", "2026-08-31"),
        ("day +12", "2026-08-13"),
        ("day -3", "2026-07-29"),
        ("day 0", "2026-08-01"),
        ("2026-11-23", "2026-11-23"),  // one day ahead: time zones
        ("tomorrow", "2026-11-23"),
        ("1900-01-01", "1900-01-01"),
        ("2024-02-29", "2024-02-29")
    ])
    func acceptedForms(text: String, expected: String) throws {
        #expect(try parse(text) == expected)
    }

    @Test(arguments: [
        "", "tomorow", "+1d", "3d", "-d", "-3", "-3 days", "d+", "d+x", "2026-11", "20-11-2026",
        "2026/11/20", "next week", "d++3", "-1.5d"
    ])
    func malformed(text: String) {
        let error = #expect(throws: InputError.self) { try parse(text) }
        #expect(error?.field == "--date")
        #expect(error?.value == text)
        #expect(error?.reason == "is not a date")
        #expect(error?.accepted == "YYYY-MM-DD, today, yesterday, -3d, d+30")
    }

    @Test func malformedMessageNamesFieldValueAndForms() {
        let error = #expect(throws: InputError.self) {
            try DateExpression.parse("tomorow", field: "--on", today: today, infusion: nil)
        }
        #expect(error?.description == "--on 'tomorow': is not a date. Accepted: YYYY-MM-DD, today, yesterday, -3d, d+30.")
    }

    @Test(arguments: ["2026-02-30", "2025-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "1900-02-29"])
    func noSuchDay(text: String) {
        let error = #expect(throws: InputError.self) { try parse(text) }
        #expect(error?.reason == "no such day in the calendar")
        #expect(error?.value == text)
    }

    @Test func infusionRelativeWithoutInfusion() throws {
        let error = #expect(throws: InputError.self) {
            try DateExpression.parse("d+30", today: today, infusion: nil)
        }
        #expect(error?.field == "--date")
        #expect(error?.value == "d+30")
        #expect(error?.reason.contains("`remission event infusion --date …`") == true)
        #expect(error?.reason.contains("`remission init --infusion-date …`") == true)
        #expect(error?.accepted == "YYYY-MM-DD, today, yesterday, -3d")
        // The other forms need no infusion date.
        #expect(try DateExpression.parse("-3d", today: today, infusion: nil).iso == "2026-11-19")
    }

    @Test func future() {
        let error = #expect(throws: InputError.self) { try parse("2026-11-24") }
        #expect(
            error?.description
                == "--date '2026-11-24': is more than a day after today (2026-11-22). Accepted: a date no later than 2026-11-23, tomorrow, which a clinic in another time zone may already have."
        )
        #expect(throws: InputError.self) { try parse("d+200") }
    }

    @Test func beforeNineteenHundred() {
        let error = #expect(throws: InputError.self) { try parse("1899-12-31") }
        #expect(error?.reason == "is before 1900-01-01")
        #expect(error?.accepted == "a date from 1900-01-01 to 2026-11-23")
        let farBack = #expect(throws: InputError.self) { try parse("-99999999999999999999999d") }
        #expect(farBack?.reason == "is before 1900-01-01")
        let farAhead = #expect(throws: InputError.self) { try parse("d+99999999999999999999999") }
        #expect(farAhead?.reason == "is more than a day after today (2026-11-22)")
    }
}

@Suite struct StudyDayTests {
    let infusion = CalendarDate(iso: "2026-08-01")!

    @Test func labels() {
        #expect(StudyDay.label(for: CalendarDate(iso: "2026-08-13")!, infusion: infusion) == "day +12")
        #expect(StudyDay.label(for: infusion, infusion: infusion) == "day 0")
        #expect(StudyDay.label(for: CalendarDate(iso: "2026-07-29")!, infusion: infusion) == "day -3")
        #expect(StudyDay.label(for: infusion, infusion: nil) == nil)
        #expect(StudyDay.number(for: CalendarDate(iso: "2026-11-19")!, infusion: infusion) == 110)
    }

    @Test func labelsParseBack() throws {
        let today = try #require(CalendarDate(iso: "2026-11-22"))
        for offset in [-3, 0, 12, 110] {
            let date = infusion.adding(days: offset)
            let label = try #require(StudyDay.label(for: date, infusion: infusion))
            #expect(try DateExpression.parse(label, today: today, infusion: infusion) == date)
        }
    }
}

@Suite struct WindowStartTests {
    let today = CalendarDate(year: 2026, month: 11, day: 20)!

    @Test func ninetyDaysIsTheLastNinetyDaysWithToday() throws {
        #expect(try DateExpression.windowStart("90d", today: today, infusion: nil) == CalendarDate(year: 2026, month: 8, day: 23)!)
        #expect(try DateExpression.windowStart(" 1D ", today: today, infusion: nil) == today)
        // Anything else is a date expression: -90d is the day 90 days ago.
        #expect(try DateExpression.windowStart("-90d", today: today, infusion: nil) == today.adding(days: -90))
        let error = #expect(throws: InputError.self) { try DateExpression.windowStart("soon", today: today, infusion: nil) }
        #expect(error?.field == "--since")
        #expect(error?.accepted?.hasSuffix("90d (the last 90 days)") == true)
    }
}
