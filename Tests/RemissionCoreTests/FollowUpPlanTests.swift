import Testing
import RemissionCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The follow-up plan and `remission due` (issue 14) on hand-worked timelines. Dates in the
/// comments are worked out by hand from the calendar, not read off the program.
@Suite struct FollowUpPlanTests {
    /// Day 0 of most timelines: 2 March 2026. Day 30 is 1 April, day 60 is 1 May, day 90 is
    /// 31 May, day 120 is 30 June, day 150 is 30 July (March has 31 days, April 30, May 31,
    /// June 30).
    let infusion = d("2026-03-02")

    func lab(_ id: String, _ iso: String, _ analyte: String, _ value: String, _ qualifier: Qualifier? = nil) -> FollowUpRecords.Lab {
        FollowUpRecords.Lab(id: id, point: LabPoint(date: d(iso), analyte: analyte, value: dec(value), qualifier: qualifier))
    }

    func schedule(
        _ records: FollowUpRecords, asOf: String, plan: FollowUpPlan = FollowUpPlan(), horizon: Int = 30
    ) -> DueSchedule {
        DueSchedule(plan: plan, records: records, asOf: d(asOf), horizonDays: horizon)
    }

    func item(_ schedule: DueSchedule, _ id: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> DueItem {
        try #require(schedule.items.first { $0.id == id }, "no item \(id) in \(schedule.items.map(\.id))", sourceLocation: sourceLocation)
    }

    // MARK: Month arithmetic

    @Test func monthsAreCalendarMonthsClampedToTheMonthEnd() {
        #expect(d("2025-11-30").adding(months: 3) == d("2026-02-28"))
        #expect(d("2023-11-30").adding(months: 3) == d("2024-02-29"))  // 2024 is a leap year
        #expect(d("2026-01-31").adding(months: 1) == d("2026-02-28"))
        #expect(d("2026-03-31").adding(months: 1) == d("2026-04-30"))
        #expect(d("2026-08-31").adding(months: 6) == d("2027-02-28"))
        #expect(d("2024-02-29").adding(months: 12) == d("2025-02-28"))
        #expect(d("2026-03-31").adding(months: -1) == d("2026-02-28"))
        #expect(d("2026-01-15").adding(months: -13) == d("2024-12-15"))
        #expect(d("2026-03-02").adding(months: 180) == d("2041-03-02"))
        #expect(d("2026-12-01").adding(months: 1) == d("2027-01-01"))
    }

    @Test func theMonth3VisitAfterAnInfusionOn30NovemberIsOn28February() throws {
        let records = FollowUpRecords(infusion: d("2025-11-30"))
        let plan = schedule(records, asOf: "2026-02-20")
        let visit = try item(plan, "visits:m3")
        #expect(visit.dueDate == d("2026-02-28"))
        // ± 14 days: 14 February to 14 March.
        #expect(visit.windowStart == d("2026-02-14") && visit.windowEnd == d("2026-03-14"))
        #expect(visit.status == .due && visit.kind == .visit)
        // The labs at the visit share its date and window.
        let c3 = try item(plan, "visit-c3:m3")
        #expect(c3.dueDate == d("2026-02-28") && c3.windowStart == d("2026-02-14") && c3.analyte == "c3")
        // Month 1 after 30 November is 30 December (± 14: 16 December to 13 January): missed,
        // since the month-3 window opened on 14 February.
        #expect(try item(plan, "visits:m1").dueDate == d("2025-12-30"))
        #expect(try item(plan, "visits:m1").status == .missed)
    }

    @Test func afterMonth12TheVisitWindowIs30Days() throws {
        // Month 18 after 2 March 2026: 2 September 2027, ± 30 days: 3 August to 2 October.
        let plan = schedule(FollowUpRecords(infusion: infusion), asOf: "2027-08-10")
        let visit = try item(plan, "visits:m18")
        #expect(visit.dueDate == d("2027-09-02") && visit.windowStart == d("2027-08-03") && visit.windowEnd == d("2027-10-02"))
        #expect(visit.status == .due)
        // Month 12 keeps ± 14: 2 March 2027, 16 February to 16 March.
        let year = try item(plan, "visits:m12")
        #expect(year.windowStart == d("2027-02-16") && year.windowEnd == d("2027-03-16") && year.status == .missed)
    }

    // MARK: Monthly IgG

    @Test func aMissedMonthlyIgGIsOverdueUntilTheNextOneOpens() throws {
        // Day 30 is 1 April, window 25 March to 8 April; on 15 April nothing was drawn.
        let records = FollowUpRecords(infusion: infusion)
        let april15 = schedule(records, asOf: "2026-04-15")
        let d30 = try item(april15, "igg-monthly:d30")
        #expect(d30.dueDate == d("2026-04-01") && d30.windowStart == d("2026-03-25") && d30.windowEnd == d("2026-04-08"))
        #expect(d30.status == .overdue && d30.analyte == "igg" && d30.kind == .lab)
        #expect(april15.needingAction.contains(d30))
        // Day 60 (1 May, window 24 April to 8 May) is upcoming within 30 days.
        #expect(try item(april15, "igg-monthly:d60").status == .upcoming)
        // On 24 April the day-60 window opens: day 30 is missed, no longer overdue.
        let april24 = schedule(records, asOf: "2026-04-24")
        #expect(try item(april24, "igg-monthly:d30").status == .missed)
        #expect(try item(april24, "igg-monthly:d60").status == .due)
        #expect(!april24.current.contains { $0.id == "igg-monthly:d30" })
    }

    @Test func theIgGSeriesEndsAfterAResultAbove4() throws {
        // 3.1 g/L on day 30 (1 April), 4.5 on day 60 (1 May): the series ends on 1 May.
        let records = FollowUpRecords(
            infusion: infusion,
            labs: [
                lab("igg-1", "2026-04-01", "igg", "3.1"), lab("igg-2", "2026-05-01", "igg", "4.5")
            ])
        let june = schedule(records, asOf: "2026-06-05")
        #expect(try item(june, "igg-monthly:d30").status == .done)
        #expect(try item(june, "igg-monthly:d30").satisfiedBy == "igg-1")
        #expect(try item(june, "igg-monthly:d60").satisfiedBy == "igg-2")
        // Day 90 (31 May, window 24 May to 7 June) would be due: the series has ended.
        #expect(!june.items.contains { $0.series == "igg-monthly" && $0.id != "igg-monthly:d30" && $0.id != "igg-monthly:d60" })
        // Exactly 4 g/L is not above 4: the series goes on.
        let four = FollowUpRecords(infusion: infusion, labs: [lab("igg-1", "2026-05-01", "igg", "4")])
        #expect(try item(schedule(four, asOf: "2026-06-05"), "igg-monthly:d90").status == .due)
        // ">4" is above; "<5" does not say.
        let bound = FollowUpRecords(infusion: infusion, labs: [lab("igg-1", "2026-05-01", "igg", "5", .lessThan)])
        #expect(try item(schedule(bound, asOf: "2026-06-05"), "igg-monthly:d90").status == .due)
    }

    @Test func anOverdueItemClosesWithItsSeries() throws {
        // Nothing on day 30 (window to 8 April); 4.5 g/L on 20 April, before the day-60 window.
        let records = FollowUpRecords(infusion: infusion, labs: [lab("igg-late", "2026-04-20", "igg", "4.5")])
        let plan = schedule(records, asOf: "2026-04-20")
        let d30 = try item(plan, "igg-monthly:d30")
        #expect(d30.status == .done && d30.closedBySeriesEnd && d30.satisfiedBy == "igg-late")
        #expect(!plan.items.contains { $0.id == "igg-monthly:d60" })
        // A result before the series began (day 10) does not end it.
        let early = FollowUpRecords(infusion: infusion, labs: [lab("igg-early", "2026-03-12", "igg", "9")])
        #expect(try item(schedule(early, asOf: "2026-04-15"), "igg-monthly:d30").status == .overdue)
    }

    // MARK: Monthly CD19

    @Test func theCD19SeriesEndsOnConfirmedReconstitution() throws {
        // 120 cells/µL on 20 June (day 110), confirmed by 130 on 20 July (day 140).
        let records = FollowUpRecords(
            infusion: infusion,
            labs: [
                lab("b-1", "2026-04-01", "cd19", "1", .lessThan), lab("b-2", "2026-06-20", "cd19", "120"),
                lab("b-3", "2026-07-20", "cd19", "130")
            ])
        // 1 July: not yet confirmed; day 120 (30 June, window 23 June to 7 July) is due.
        let july1 = schedule(records, asOf: "2026-07-01")
        #expect(try item(july1, "cd19-monthly:d120").status == .due)
        // 25 July: confirmed on 20 July; the day-120 item closes with the series, day 150
        // (30 July, window from 23 July) is not planned, day 90 (31 May) was missed.
        let july25 = schedule(records, asOf: "2026-07-25")
        let d120 = try item(july25, "cd19-monthly:d120")
        #expect(d120.status == .done && d120.closedBySeriesEnd && d120.satisfiedBy == "b-3")
        #expect(!july25.items.contains { $0.id == "cd19-monthly:d150" })
        #expect(try item(july25, "cd19-monthly:d90").status == .missed)
        #expect(try item(july25, "cd19-monthly:d30").satisfiedBy == "b-1")
    }

    // MARK: Vaccination windows, the daily entry, no infusion

    @Test func vaccinationWindowsAreInformation() throws {
        let records = FollowUpRecords(infusion: infusion)
        let plan = schedule(records, asOf: "2026-05-20")
        // Month 3: 2 June 2026; month 12: 2 March 2027.
        let inactivated = try item(plan, "vaccination-inactivated:m3")
        #expect(inactivated.status == .info && inactivated.dueDate == d("2026-06-02") && inactivated.windowEnd == nil)
        #expect(plan.current.contains(inactivated))
        let live = try item(plan, "vaccination-live:m12")
        #expect(live.status == .info && live.dueDate == d("2027-03-02"))
        #expect(!plan.current.contains(live))  // opens beyond the 30 days
        #expect(!plan.needingAction.contains { $0.kind == .vaccination })
        // IVIG on 15 September 2026: live vaccines not before 15 May 2027 (8 months).
        let ivig = FollowUpRecords(infusion: infusion, ivig: [.init(id: "ivig-1", date: d("2026-09-15"))])
        #expect(try item(schedule(ivig, asOf: "2026-10-01"), "vaccination-live:m12").dueDate == d("2027-05-15"))
    }

    @Test func theLastItemOfASeriesIsOverdueForOneIntervalThenMissed() throws {
        // The month-6 assessment (2 September, window 19 August to 16 September) has nothing
        // after it; the one before was at month 3 (2 June), 92 days earlier. The next would open
        // 92 - 14 = 78 days after 2 September: on 19 November.
        let records = FollowUpRecords(infusion: infusion)
        #expect(try item(schedule(records, asOf: "2026-11-18"), "remission-assessment:m6").status == .overdue)
        #expect(try item(schedule(records, asOf: "2026-11-19"), "remission-assessment:m6").status == .missed)
        // Month 3 (2 June, window to 16 June) stays overdue until month 6 opens on 19 August,
        // though month 6 is beyond the 30 days listed.
        let june = schedule(records, asOf: "2026-06-20")
        #expect(try item(june, "visits:m3").status == .overdue)
        #expect(!june.items.contains { $0.id == "visits:m6" })
        #expect(try item(schedule(records, asOf: "2026-08-19"), "visits:m3").status == .missed)
    }

    @Test func aVaccinationWindowIsListedForHalfAYearAfterItOpens() throws {
        // Inactivated vaccines from 2 June 2026; 180 days later is 29 November.
        let records = FollowUpRecords(infusion: infusion)
        #expect(schedule(records, asOf: "2026-11-29").current.contains { $0.id == "vaccination-inactivated:m3" })
        let later = schedule(records, asOf: "2026-11-30")
        #expect(!later.current.contains { $0.id == "vaccination-inactivated:m3" })
        #expect(try item(later, "vaccination-inactivated:m3").status == .info)
    }

    @Test func withoutAnInfusionOnlyTheDailyItemExists() throws {
        let plan = schedule(FollowUpRecords(), asOf: "2026-11-20")
        #expect(plan.items.map(\.id) == ["daily-log:2026-11-20"])
        #expect(plan.items[0].status == .due && plan.items[0].kind == .log)
        let logged = schedule(FollowUpRecords(entries: [.init(id: "entry-1", date: d("2026-11-20"))]), asOf: "2026-11-20")
        #expect(logged.items[0].status == .done && logged.items[0].satisfiedBy == "entry-1")
        // Yesterday's entry does not count for today.
        let yesterday = schedule(FollowUpRecords(entries: [.init(id: "entry-1", date: d("2026-11-19"))]), asOf: "2026-11-20")
        #expect(yesterday.items[0].status == .due)
    }

    @Test func aVisitIsSatisfiedByAnAssessmentOrAVisitEvent() throws {
        // Month 3: 2 June 2026, window 19 May to 16 June.
        let records = FollowUpRecords(
            infusion: infusion, assessments: [.init(id: "assess-1", date: d("2026-06-10"))],
            visits: [.init(id: "visit-1", date: d("2026-04-05"))])
        let plan = schedule(records, asOf: "2026-06-12")
        #expect(try item(plan, "visits:m3").satisfiedBy == "assess-1")
        #expect(try item(plan, "remission-assessment:m3").satisfiedBy == "assess-1")
        // Month 1: 2 April, window 19 March to 16 April: the visit event.
        #expect(try item(plan, "visits:m1").satisfiedBy == "visit-1")
        // A visit event is not a remission assessment.
        let visitOnly = FollowUpRecords(infusion: infusion, visits: [.init(id: "visit-2", date: d("2026-06-01"))])
        let visitPlan = schedule(visitOnly, asOf: "2026-06-12")
        #expect(try item(visitPlan, "visits:m3").status == .done)
        #expect(try item(visitPlan, "remission-assessment:m3").status == .due)
    }

    @Test func aBloodCountIsAnyOfItsAnalytes() throws {
        let records = FollowUpRecords(infusion: infusion, labs: [lab("plt", "2026-04-03", "platelets", "180")])
        let count = try item(schedule(records, asOf: "2026-04-10"), "visit-blood-count:m1")
        #expect(count.status == .done && count.satisfiedBy == "plt" && count.analyte == nil && count.analytes.contains("neutrophils"))
    }

    @Test func onlyRecordsUpToTheAsOfDayCount() throws {
        let records = FollowUpRecords(infusion: infusion, labs: [lab("igg-1", "2026-04-05", "igg", "3")])
        #expect(try item(schedule(records, asOf: "2026-04-02"), "igg-monthly:d30").status == .due)
        #expect(try item(schedule(records, asOf: "2026-04-05"), "igg-monthly:d30").status == .done)
    }

    // MARK: Editing the plan

    @Test func anEditedPlanChangesWhatIsDue() throws {
        var edits = PlanEdits()
        try edits.reschedule("visits", schedule: .months([2, 4]), windowDays: 7, lateWindowDays: nil)
        try edits.remove("igg-monthly")
        let plan = FollowUpPlan(edits: edits)
        #expect(plan.origins["visits"] == .changed)
        #expect(plan.series(id: "igg-monthly") == nil)
        // Month 2: 2 May 2026, ± 7: 25 April to 9 May.
        let may = schedule(FollowUpRecords(infusion: infusion), asOf: "2026-05-01", plan: plan)
        let visit = try item(may, "visits:m2")
        #expect(visit.windowStart == d("2026-04-25") && visit.windowEnd == d("2026-05-09") && visit.status == .due)
        #expect(try item(may, "visit-igg:m2").status == .due)  // the visit labs move with the visits
        #expect(!may.items.contains { $0.series == "igg-monthly" || $0.id == "visits:m1" })
    }

    @Test func addingASeriesOfOnesOwn() throws {
        var edits = PlanEdits()
        try edits.add(
            PlanSeries(
                id: "crp-every-2-weeks", kind: .lab, what: "CRP", analytes: ["crp"], schedule: .every(days: 14, fromDay: 14, untilDay: 42),
                windowDays: 2, source: "mine"))
        let plan = FollowUpPlan(edits: edits)
        #expect(plan.origins["crp-every-2-weeks"] == .added)
        // Days 14, 28 and 42: 16 March, 30 March, 13 April; nothing after day 42.
        let april = schedule(FollowUpRecords(infusion: infusion), asOf: "2026-04-12", plan: plan, horizon: 365)
        #expect(april.items.filter { $0.series == "crp-every-2-weeks" }.map(\.dueDate) == [d("2026-03-16"), d("2026-03-30"), d("2026-04-13")])
        #expect(try item(april, "crp-every-2-weeks:d42").status == .due)
    }

    @Test func planEditsThatCannotWorkAreRefused() throws {
        var edits = PlanEdits()
        // The visit labs take their dates from the visits.
        #expect(throws: InputError.self) { try edits.remove("visits") }
        #expect(throws: InputError.self) { try edits.remove("no-such-series") }
        #expect(throws: InputError.self) {
            try edits.add(PlanSeries(id: "visits", kind: .visit, what: "x", schedule: .months([1]), windowDays: 1, source: ""))
        }
        #expect(throws: InputError.self) {
            try edits.add(PlanSeries(id: "mine", kind: .lab, what: "x", analytes: ["crp"], schedule: .sameAs("daily-log"), windowDays: 0, source: ""))
        }
        #expect(throws: InputError.self) { try edits.reschedule("daily-log", schedule: .months([1]), windowDays: nil, lateWindowDays: nil) }
        #expect(edits.isEmpty)  // nothing changed by a refused edit
        #expect(throws: InputError.self) { try PlanInput.months("1,3,3") }
        #expect(throws: InputError.self) { try PlanInput.months("0,3") }
        #expect(throws: InputError.self) { try PlanInput.days("two weeks", field: "--window") }
        #expect(try PlanInput.months(" 6, 1,3") == [1, 3, 6])
        #expect(try PlanInput.days("14d", field: "--window") == 14)
    }

    @Test func resetBringsBackADefault() throws {
        var edits = PlanEdits()
        try edits.remove("remission-assessment")
        try edits.reschedule("igg-monthly", schedule: .every(days: 28, fromDay: 28, untilDay: nil), windowDays: 5, lateWindowDays: nil)
        try edits.reset("remission-assessment")
        try edits.reset("igg-monthly")
        #expect(edits.isEmpty)
        #expect(FollowUpPlan(edits: edits) == FollowUpPlan())
    }

    @Test func editsRoundTripThroughJSON() throws {
        var edits = PlanEdits()
        try edits.remove("remission-assessment")
        try edits.reschedule("cd19-monthly", schedule: .every(days: 30, fromDay: 30, untilDay: 365), windowDays: nil, lateWindowDays: nil, until: .some(nil))
        try edits.add(PlanSeries(id: "crp-at-visits", kind: .lab, what: "CRP", analytes: ["crp"], schedule: .sameAs("visits"), windowDays: 0, source: "mine"))
        let data = try JSONEncoder().encode(edits)
        #expect(try JSONDecoder().decode(PlanEdits.self, from: data) == edits)
        #expect(FollowUpPlan(edits: edits).series(id: "cd19-monthly")?.until == nil)
    }

    @Test func everyDefaultCitesItsSource() {
        for series in FollowUpPlan.defaults {
            #expect(!series.source.isEmpty, "\(series.id)")
            for analyte in series.analytes { #expect(AnalyteCatalogue.analyte(id: analyte) != nil, "\(analyte)") }
        }
        #expect(Set(FollowUpPlan.defaults.map(\.id)).count == FollowUpPlan.defaults.count)
    }
}
