import Testing
import RemissionCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A reference range is in the unit of its value: one that cannot be a range in that unit is
/// refused, naming the unit it fits (issue 10, item 4).
@Suite struct RangeUnitTests {
    static let context = EntryContext(today: CalendarDate(iso: "2026-11-20")!, infusion: CalendarDate(iso: "2026-03-02")!)

    func fields(_ analyte: String, _ value: String, _ unit: String, range: String?) throws(InputError) -> [String: FieldValue] {
        try LabResultEntry(analyte: analyte, value: value, unit: unit, range: range).fields(Self.context)
    }

    /// The examples of the issue and one of each kind of unit mix-up: (analyte, value, unit,
    /// range, a unit the message must name).
    @Test(arguments: [
        ("c3", "0.9", "g/L", "90-180", "mg/dL"),
        ("c4", "14", "mg/dL", "0.1-0.4", "g/L"),
        ("cd19", "50", "cells/µL", "0.077-0.427", "10⁹/L"),
        ("c3", "90", "mg/L", "90-180", "mg/dL"),  // mg/L vs mg/dL: a factor of 10
        ("igg", "9.5", "g/L", "700-1600", "mg/dL"),
        ("creatinine", "80", "µmol/L", "0.5-1.1", "mg/dL"),
        ("creatinine", "0.9", "mg/dL", "45-110", "µmol/L"),
        ("haemoglobin", "13", "g/dL", "120-160", "g/L"),
        ("platelets", "250", "10^9/L", "150000-400000", "cells/µL"),
        ("upcr", "12", "mg/g", "<15", "mg/mmol"),
        ("crp", "3", "mg/dL", "<5", "mg/L")  // exactly 10 times off: refused
    ])
    func refusedNamingTheUnitItFits(analyte: String, value: String, unit: String, range: String, fits: String) {
        let error = #expect(throws: InputError.self) { try fields(analyte, value, unit, range: range) }
        #expect(error?.field == "--range")
        #expect(error?.value == range)
        #expect(error?.reason.contains("cannot be a reference range") == true, "\(String(describing: error))")
        #expect(error?.reason.contains("it fits \(fits)") == true, "\(String(describing: error))")
        #expect(error?.accepted?.contains("range in \(unit)") == true, "\(String(describing: error))")
    }

    @Test func messageOfTheC3Example() {
        let error = #expect(throws: InputError.self) { try fields("c3", "0.9", "g/L", range: "90-180") }
        #expect(
            error?.description == "--range '90-180': cannot be a reference range for Complement C3 in g/L: "
                + "90–180 g/L goes above anything anyone's Complement C3 can be (at most 10 g/L); it fits mg/dL (0.9–1.8 g/L). "
                + "Accepted: the lab's range in g/L, the unit of the value, or value and range both in mg/dL if that is what the lab printed.")
        let cd19 = #expect(throws: InputError.self) { try fields("cd19", "50", "cells/µL", range: "0.077-0.427") }
        #expect(
            cd19?.reason == "cannot be a reference range for CD19+ B cells (absolute) in cells/µL: "
                + "0.077–0.427 cells/µL is far below the usual 77–427 cells/µL; it fits 10⁹/L (77–427 cells/µL)")
    }

    /// Ranges labs print, in every unit the catalogue accepts for the analyte, are kept.
    @Test(arguments: [
        ("c3", "g/L", "0.75-1.65"), ("c3", "mg/dL", "79-152"), ("c3", "mg/L", "900-1800"), ("c3", "g/L", ">0.9"),
        ("c4", "g/L", "0.15-0.57"), ("c4", "mg/dL", "16-47"), ("c4", "mg/dL", "10-40"), ("c4", "mg/L", "100-400"),
        ("igg", "g/L", "6.5-16"), ("igg", "mg/dL", "700-1600"), ("igg", "g/L", "2-13"),
        ("iga", "g/L", "0.4-3.5"), ("iga", "mg/dL", "70-400"), ("igm", "g/L", "0.35-2.9"), ("igm", "mg/dL", "40-230"),
        ("upcr", "mg/mmol", "<15"), ("upcr", "mg/mmol", "<50"), ("upcr", "mg/g", "<200"), ("upcr", "g/g", "<0.2"),
        ("upcr", "mg/mg", "<0.15"), ("upcr", "mg/g", "0-150"),
        ("creatinine", "mg/dL", "0.5-1.1"), ("creatinine", "mg/dL", "0.6-1.3"), ("creatinine", "µmol/L", "44-80"),
        ("creatinine", "µmol/L", "20-60"),
        ("crp", "mg/L", "<10"), ("crp", "mg/L", "<1"), ("crp", "mg/L", "<3"), ("crp", "mg/dL", "<0.5"),
        ("crp", "mg/dL", "0-0.8"), ("crp", "mg/dL", "<4.9"),
        ("wbc", "10^9/L", "4.0-11.0"), ("wbc", "cells/µL", "3500-10500"), ("lymphocytes", "10^9/L", "0.8-4.0"),
        ("lymphocytes", "/µL", "1000-4800"), ("neutrophils", "G/L", "1.5-8.0"), ("neutrophils", "cells/µL", "2000-7500"),
        ("platelets", "10^9/L", "150-450"), ("platelets", "/µL", "150000-400000"),
        ("haemoglobin", "g/dL", "11.5-15.5"), ("haemoglobin", "g/L", "130-170"),
        ("cd19", "cells/µL", "100-500"), ("cd19", "cells/µL", "200-1600"), ("cd19", "10^9/L", "0.1-0.5"),
        ("cd19", "10^6/L", "60-600"),
        // Single-unit analytes are never refused by the rule: no other unit could fit.
        ("anti-dsdna", "IU/mL", "<200"), ("anti-dsdna", "IU/mL", "<7"), ("esr", "mm/h", "<30"), ("egfr", "mL/min/1.73m2", ">90")
    ])
    func labRangesAreKept(analyte: String, unit: String, range: String) throws {
        let analyteValue = try AnalyteCatalogue.analyte(named: analyte)
        let conversion = try analyteValue.conversion(for: unit)
        #expect(analyteValue.rangeMismatch(try ReferenceRange.parse(range), in: conversion) == nil)
        #expect(LabResultEntry.unitProblems(fields: try fields(analyte, "1", unit, range: range)) == [])
    }

    /// The catalogue's default range, written in each of the analyte's units, is a range there.
    @Test func everyDefaultRangeFitsEveryUnit() throws {
        for analyte in AnalyteCatalogue.all {
            guard let range = analyte.defaultRange else { continue }
            for conversion in analyte.conversions {
                let inUnit = ReferenceRange(
                    low: range.low.map { $0 * conversion.divisor / conversion.factor },
                    high: range.high.map { $0 * conversion.divisor / conversion.factor })
                #expect(analyte.rangeMismatch(inUnit, in: conversion) == nil, "\(analyte.id) \(inUnit.display) \(conversion.unit.display)")
                // And ten times it is refused, wherever another unit fits.
                let tenfold = ReferenceRange(low: inUnit.low.map { $0 * 100 }, high: inUnit.high.map { $0 * 100 })
                let mismatch = analyte.rangeMismatch(tenfold, in: conversion)
                let fits = analyte.conversions.contains { other in
                    let ratio = conversion.factor * other.divisor / (conversion.divisor * other.factor)
                    return ratio == 100
                }
                if fits { #expect(mismatch?.fits.isEmpty == false, "\(analyte.id) \(tenfold.display) \(conversion.unit.display)") }
            }
        }
    }

    @Test func aRangeFarOffInEveryUnitIsKept() throws {
        // "6-24" is the CD19 % range typed with a count: far off in cells/µL, but no unit fits better.
        #expect(throws: Never.self) { try fields("cd19", "50", "cells/µL", range: "6-24") }
    }

    @Test func belowZeroIsRefused() {
        let value = #expect(throws: InputError.self) { try fields("cd19", "<0", "cells/µL", range: nil) }
        #expect(value?.field == "VALUE")
        #expect(value?.reason.hasPrefix("is below zero") == true)
        let spaced = #expect(throws: InputError.self) { try LabValue.parse("< 0.0") }
        #expect(spaced?.reason.hasPrefix("is below zero") == true)
        let range = #expect(throws: InputError.self) { try fields("anti-dsdna", "5", "IU/mL", range: "<0") }
        #expect(range?.field == "--range")
        #expect(range?.reason == "holds nothing: no result is below 0")
        // A lab's zero, and its bound at a detection limit, are results.
        #expect(throws: Never.self) { try fields("cd19", "0", "cells/µL", range: nil) }
        #expect(throws: Never.self) { try fields("cd19", "<1", "cells/µL", range: nil) }
    }

    /// `edit` rebuilds the entry and checks it like `lab`.
    @Test func anEditIsCheckedAgainstTheUnit() throws {
        let current = try fields("c4", "14", "mg/dL", range: nil)
        let error = #expect(throws: InputError.self) {
            try RecordEditor.edit(kind: .lab, current: current, changes: ["range": "0.1-0.4"], context: Self.context)
        }
        #expect(error?.reason.contains("it fits g/L") == true)
        let withRange = try fields("c4", "14", "mg/dL", range: "10-40")
        // Changing the unit and the range together, into g/L, is fine; the value alone into g/L is not.
        #expect(throws: Never.self) {
            try RecordEditor.edit(kind: .lab, current: withRange, changes: ["value": "0.14", "unit": "g/L", "range": "0.1-0.4"], context: Self.context)
        }
        let valueOnly = #expect(throws: InputError.self) {
            try RecordEditor.edit(kind: .lab, current: withRange, changes: ["value": "0.14", "unit": "g/L", "range": "10-40"], context: Self.context)
        }
        #expect(valueOnly?.reason.contains("it fits mg/dL") == true)
    }

    /// The hook for `remission check`: stored fields in, sentences out.
    @Test func unitProblemsOfStoredRecords() throws {
        #expect(LabResultEntry.unitProblems(fields: try fields("c3", "95", "mg/dL", range: "90-180")) == [])
        // The two-device result of the issue: 95 with the unit and range of the other device.
        var merged = try fields("c3", "0.97", "g/L", range: "0.9-1.8")
        merged["value"] = .text("95")
        merged["range"] = .text("90-180")
        let problems = LabResultEntry.unitProblems(fields: merged)
        #expect(problems.count == 2, "\(problems)")
        #expect(problems.first?.hasPrefix("value '95': 95 g/L is more than anyone's Complement C3 can be") == true, "\(problems)")
        #expect(problems.last?.hasPrefix("range '90-180': cannot be a reference range for Complement C3 in g/L") == true, "\(problems)")
        #expect(problems.last?.contains("it fits mg/dL") == true)

        var below = try fields("cd19", "<1", "cells/µL", range: nil)
        below["value"] = .text("0")
        #expect(
            LabResultEntry.unitProblems(fields: below) == [
                "value '<0': is below zero, which no result can be; a lab that found none prints 0 or its detection limit (<1). Accepted: \(LabValue.acceptedForms)."
            ])

        var unit = try fields("c3", "0.9", "g/L", range: nil)
        unit["unit"] = .text("mmol/L")
        #expect(LabResultEntry.unitProblems(fields: unit) == ["unit 'mmol/L': is not a unit for Complement C3. Accepted: g/L, mg/dL, mg/L."])

        var unknown = unit
        unknown["analyte"] = .text("c5")
        #expect(LabResultEntry.unitProblems(fields: unknown).first?.contains("'c5' is not one this version knows") == true)

        // A titre keeps its "1:" through the stored fields.
        #expect(LabResultEntry.unitProblems(fields: try fields("ana", "1:160", "titre", range: nil)) == [])
    }
}

@Suite struct TitreRangeTests {
    @Test func aTitreRangeReadsAsDilutions() throws {
        let below = try ReferenceRange.parse("<1:80")
        #expect(below == ReferenceRange(high: 80))
        #expect(below.display(unit: "titre") == "<1:80")
        let between = try ReferenceRange.parse("1:40-1:160")
        #expect(between == ReferenceRange(low: 40, high: 160))
        #expect(between.display(unit: "titre") == "1:40–1:160")
        #expect(between.display(unit: "g/L") == "40–160")
        #expect(throws: InputError.self) { try ReferenceRange.parse("<1:0") }
        #expect(LabValue.text(160, unit: "titre") == "1:160")
        #expect(LabValue.text(Decimal(string: "0.82")!, unit: "g/L") == "0.82")
    }
}
