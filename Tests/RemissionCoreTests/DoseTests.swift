import Testing
import RemissionCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

@Suite struct DoseTests {
    @Test(arguments: [
        ("5 mg", "5", DoseUnit.mg, "5 mg", "5" as String?),
        ("5mg", "5", .mg, "5 mg", "5"),
        ("2.5 mg", "2.5", .mg, "2.5 mg", "2.5"),
        ("2.50 MG", "2.5", .mg, "2.50 mg", "2.5"),
        ("1 g", "1", .g, "1 g", "1000"),
        ("500 mcg", "500", .mcg, "500 mcg", "0.5"),
        ("500 µg", "500", .mcg, "500 mcg", "0.5"),
        ("250ug", "250", .mcg, "250 mcg", "0.25"),
        ("10 mg/kg", "10", .mgPerKg, "10 mg/kg", nil),
        ("375 mg/m2", "375", .mgPerM2, "375 mg/m2", nil),
        ("375 mg/m²", "375", .mgPerM2, "375 mg/m2", nil),
        ("0.4 g/kg", "0.4", .gPerKg, "0.4 g/kg", nil),
        ("1000 IU", "1000", .iu, "1000 IU", nil),
        ("5 ml", "5", .mL, "5 mL", nil),
        ("1 %", "1", .percent, "1 %", nil),  // a cream's strength: no amount in mg
        ("0.05%", "0.05", .percent, "0.05 %", nil)
    ])
    func accepted(text: String, amount: String, unit: DoseUnit, shown: String, milligrams: String?) throws {
        let dose = try Dose.parse(text)
        #expect(dose.amount == dec(amount))
        #expect(dose.unit == unit)
        #expect(dose.text == shown)
        #expect(dose.milligrams() == milligrams.map(dec))
    }

    @Test(arguments: [
        ("5", "has no unit"),
        ("", "is empty"),
        ("mg", "does not start with a number"),
        ("five mg", "does not start with a number"),
        ("0 mg", "is zero; to record that a medication was stopped use `remission med stop`"),
        ("0.0 mg", "is zero; to record that a medication was stopped use `remission med stop`"),
        ("-5 mg", "is negative; to record that a medication was stopped use `remission med stop`"),
        ("2,5 mg", "has a comma; write decimals with a dot (2.5 mg)"),
        ("5 tablets", "has a unit 'tablets' the journal does not know"),
        ("5 mg daily", "has a unit 'mg daily' the journal does not know")
    ])
    func refused(text: String, reason: String) {
        let error = #expect(throws: InputError.self) { try Dose.parse(text) }
        #expect(error?.field == "--dose")
        #expect(error?.value == text)
        #expect(error?.reason == reason)
    }

    @Test func missingUnitNamesAcceptedUnits() {
        let error = #expect(throws: InputError.self) { try Dose.parse("5") }
        #expect(
            error?.description
                == "--dose '5': has no unit. Accepted: a number above zero and a unit, e.g. 5 mg; units: "
                + "mg, g, mcg, mg/kg, g/kg, mg/m2, IU, mL, %.")
    }
}

@Suite struct DoseFrequencyTests {
    @Test(arguments: [
        ("once", DoseFrequency.once), ("daily", .daily), ("QD", .daily), ("od", .daily), ("once daily", .daily),
        ("bid", .twiceDaily), ("BD", .twiceDaily), ("twice daily", .twiceDaily), ("2x daily", .twiceDaily),
        ("twice-daily", .twiceDaily), ("tid", .threeTimesDaily), ("three times daily", .threeTimesDaily),
        ("qod", .alternateDays), ("every other day", .alternateDays), ("alternate_days", .alternateDays),
        ("weekly", .weekly), ("qw", .weekly), ("every 2 weeks", .everyTwoWeeks), ("q2w", .everyTwoWeeks),
        ("every-4-weeks", .everyFourWeeks), ("q4w", .everyFourWeeks), ("Monthly", .monthly),
        ("prn", .asNeeded), ("as needed", .asNeeded), ("  as-needed ", .asNeeded)
    ])
    func parse(text: String, frequency: DoseFrequency) throws {
        #expect(try DoseFrequency.parse(text) == frequency)
    }

    @Test func refused() {
        let error = #expect(throws: InputError.self) { try DoseFrequency.parse("sometimes") }
        #expect(
            error?.description == "--frequency 'sometimes': is not a known frequency. Accepted: once, daily, "
                + "twice-daily, three-times-daily, alternate-days, weekly, every-2-weeks, every-4-weeks, monthly, "
                + "as-needed (or qd, bid, tid, qod, qw, prn).")
    }

    @Test func dailyAmounts() {
        #expect(DoseFrequency.daily.dailyAmount(dec("2.5")) == dec("2.5"))
        #expect(DoseFrequency.twiceDaily.dailyAmount(500) == 1000)
        #expect(DoseFrequency.threeTimesDaily.dailyAmount(dec("2.5")) == dec("7.5"))
        #expect(DoseFrequency.alternateDays.dailyAmount(5) == dec("2.5"))
        #expect(DoseFrequency.weekly.dailyAmount(15) == dec("2.1429"))  // 2.142857…
        #expect(DoseFrequency.weekly.dailyAmount(7) == 1)
        #expect(DoseFrequency.everyTwoWeeks.dailyAmount(10) == dec("0.7143"))
        #expect(DoseFrequency.everyFourWeeks.dailyAmount(1000) == dec("35.7143"))
        #expect(DoseFrequency.monthly.dailyAmount(10) == dec("0.3333"))
        #expect(DoseFrequency.monthly.dailyAmount(20) == dec("0.6667"))
        #expect(DoseFrequency.once.dailyAmount(500) == nil)
        #expect(DoseFrequency.asNeeded.dailyAmount(5) == nil)
        #expect(DoseFrequency.twiceDaily.dosesPerDay == 2)
        #expect(DoseFrequency.alternateDays.dosesPerDay == dec("0.5"))
        #expect(DoseFrequency.once.dosesPerDay == nil)
    }

    @Test func everyCaseHasADisplayName() {
        #expect(DoseFrequency.twiceDaily.displayName == "twice daily")
        #expect(Set(DoseFrequency.allCases.map(\.displayName)).count == DoseFrequency.allCases.count)
    }
}
