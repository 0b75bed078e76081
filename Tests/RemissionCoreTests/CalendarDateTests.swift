import Testing
import RemissionCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

@Suite struct CalendarDateTests {
    @Test func validDatesAndImpossibleOnes() {
        #expect(CalendarDate(year: 2026, month: 11, day: 20) != nil)
        #expect(CalendarDate(year: 2026, month: 2, day: 30) == nil)
        #expect(CalendarDate(year: 2026, month: 4, day: 31) == nil)
        #expect(CalendarDate(year: 2026, month: 13, day: 1) == nil)
        #expect(CalendarDate(year: 2026, month: 0, day: 1) == nil)
        #expect(CalendarDate(year: 2026, month: 1, day: 0) == nil)
    }

    @Test func leapYears() {
        #expect(CalendarDate(year: 2024, month: 2, day: 29) != nil)
        #expect(CalendarDate(year: 2025, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 2000, month: 2, day: 29) != nil)
        #expect(CalendarDate(year: 1900, month: 2, day: 29) == nil)
        #expect(CalendarDate(iso: "2028-02-29")?.adding(days: 1).iso == "2028-03-01")
        #expect(CalendarDate(iso: "2027-02-28")?.adding(days: 1).iso == "2027-03-01")
    }

    @Test func strictISO() {
        #expect(CalendarDate(iso: "2026-11-20") == CalendarDate(year: 2026, month: 11, day: 20))
        for text in ["2026-1-20", "20261120", "2026/11/20", " 2026-11-20", "2026-11-20T00:00", "2026-11-2x", "", "+026-11-20"] {
            #expect(CalendarDate(iso: text) == nil, "\(text)")
        }
        #expect(CalendarDate(iso: "2026-02-30") == nil)
    }

    @Test func isoAndDescriptionArePadded() throws {
        let date = try #require(CalendarDate(year: 987, month: 3, day: 4))
        #expect(date.iso == "0987-03-04")
        #expect(date.description == "0987-03-04")
        #expect(CalendarDate(year: 2026, month: 11, day: 20)?.description == "2026-11-20")
    }

    @Test func julianDayMatchesKnownValues() {
        #expect(CalendarDate(iso: "2000-01-01")?.julianDay == 2_451_545)
        #expect(CalendarDate(iso: "1970-01-01")?.julianDay == 2_440_588)
        #expect(CalendarDate(iso: "1858-11-17")?.julianDay == 2_400_001)  // modified JD epoch + 1
        #expect(CalendarDate(julianDay: 2_451_545).iso == "2000-01-01")
        #expect(CalendarDate(julianDay: 2_415_021).iso == "1900-01-01")
    }

    @Test func julianDayRoundTripsOverFourCenturies() {
        var date = CalendarDate(year: 1899, month: 12, day: 25)!
        var failures: [String] = []
        for _ in 0..<(400 * 366) {
            let next = date.adding(days: 1)
            if CalendarDate(julianDay: date.julianDay) != date || !(next > date) { failures.append(date.iso) }
            date = next
        }
        #expect(failures.isEmpty)
        #expect(date.iso == "2300-10-24")
    }

    @Test func arithmetic() throws {
        let infusion = try #require(CalendarDate(iso: "2026-03-02"))
        #expect(infusion.adding(days: 110).iso == "2026-06-20")
        #expect(infusion.adding(days: -2).iso == "2026-02-28")
        #expect(try #require(CalendarDate(iso: "2026-06-20")).days(since: infusion) == 110)
        #expect(infusion.days(since: try #require(CalendarDate(iso: "2026-06-20"))) == -110)
        #expect(try #require(CalendarDate(iso: "2025-01-01")).days(since: try #require(CalendarDate(iso: "2024-01-01"))) == 366)
    }

    @Test func ordering() {
        let dates = ["2026-01-02", "2025-12-31", "2026-01-01"].compactMap { CalendarDate(iso: $0) }
        #expect(dates.sorted().map(\.iso) == ["2025-12-31", "2026-01-01", "2026-01-02"])
    }

    @Test func codableAsISOString() throws {
        let date = try #require(CalendarDate(iso: "2026-11-20"))
        let data = try JSONEncoder().encode([date])
        #expect(String(decoding: data, as: UTF8.self) == #"["2026-11-20"]"#)
        #expect(try JSONDecoder().decode([CalendarDate].self, from: data) == [date])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([CalendarDate].self, from: Data(#"["2026-02-30"]"#.utf8))
        }
    }

    @Test func localDateAtUnixTime() {
        // Noon UTC is the same calendar day in every time zone from UTC-11 to UTC+11.
        #expect(CalendarDate.local(atUnixTime: 1_795_521_600).iso == "2026-11-24")
    }
}

@Suite struct TodayTests {
    @Test func overrideValues() throws {
        #expect(try CalendarDate.todayOverride(from: "2026-11-22") == CalendarDate(iso: "2026-11-22"))
        #expect(try CalendarDate.todayOverride(from: nil) == nil)
        #expect(try CalendarDate.todayOverride(from: "") == nil)
        let error = #expect(throws: InputError.self) { try CalendarDate.todayOverride(from: "22.11.2026") }
        #expect(
            error?.description
                == "REMISSION_TODAY '22.11.2026': is not a date. Accepted: a date in the form YYYY-MM-DD, or unset.")
    }

    @Test func localDatesFollowTheTimeZoneRules() throws {
        // 2026-11-20 23:30 UTC; the process's TZ decides the day, UTC in the test run.
        let date = CalendarDate.local(atUnixTime: 1_795_217_400)
        #expect([CalendarDate(year: 2026, month: 11, day: 20)!, CalendarDate(year: 2026, month: 11, day: 21)!].contains(date))
        #expect(try CalendarDate.todayOverride(from: "") == nil)
        #expect(try CalendarDate.todayOverride(from: "2026-11-22") == CalendarDate(year: 2026, month: 11, day: 22))
    }
}
