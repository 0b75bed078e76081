import Testing
import RemissionCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

@Suite struct UnitConversionTests {
    /// (analyte, unit as typed, value, exact canonical value)
    static let cases: [(String, String, String, String)] = [
        ("cd19", "cells/µL", "120", "120"),
        ("cd19", "cells/uL", "0", "0"),
        ("cd19", "/µL", "85", "85"),
        ("cd19", "/uL", "85", "85"),
        ("cd19", "cells/mm3", "85", "85"),
        ("cd19", "10^6/L", "85", "85"),
        ("cd19", "10⁶/L", "85", "85"),
        ("cd19", "10^9/L", "0.085", "85"),
        ("cd19", "G/L", "0.1", "100"),
        ("cd19", "/nL", "0.05", "50"),
        ("cd19-percent", "%", "12.5", "12.5"),
        ("anti-dsdna", "IU/mL", "45", "45"),
        ("anti-dsdna", "[IU]/mL", "45", "45"),
        ("anti-dsdna", "iu/ml", "45", "45"),
        ("anti-dsdna", "kIU/L", "45", "45"),
        ("ana-titre", "titre", "160", "160"),
        ("ana-titre", "titer", "80", "80"),
        ("ana-titre", "{titer}", "80", "80"),
        ("c3", "g/L", "0.9", "0.9"),
        ("c3", "mg/dL", "90", "0.9"),
        ("c3", "mg/L", "900", "0.9"),
        ("c3", "mg/dl", "123", "1.23"),
        ("c4", "mg/dL", "12", "0.12"),
        ("c4", "mg/L", "150", "0.15"),
        ("c4", "g/l", "0.2", "0.2"),
        ("igg", "mg/dL", "400", "4"),
        ("igg", "g/L", "7.5", "7.5"),
        ("igg", "mg/L", "7500", "7.5"),
        ("iga", "mg/dL", "70", "0.7"),
        ("iga", "g/L", "2.1", "2.1"),
        ("iga", "mg/L", "2100", "2.1"),
        ("igm", "mg/dL", "45", "0.45"),
        ("igm", "g/L", "0.45", "0.45"),
        ("igm", "mg/L", "450", "0.45"),
        ("upcr", "mg/g", "150", "150"),
        ("upcr", "mg/mmol", "57", "503.88"),
        ("upcr", "mg/mmol", "30", "265.2"),
        ("upcr", "g/g", "0.5", "500"),
        ("upcr", "mg/mg", "0.35", "350"),
        ("creatinine", "µmol/L", "80", "80"),
        ("creatinine", "μmol/L", "80", "80"),  // Greek mu
        ("creatinine", "umol/L", "80", "80"),
        ("creatinine", "mg/dL", "1.2", "106.08"),
        ("creatinine", "MG/DL", "0.9", "79.56"),
        ("egfr", "mL/min/1.73m²", "95", "95"),
        ("egfr", "mL/min/1.73 m2", "95", "95"),
        ("egfr", "ml/min/1.73m^2", "95", "95"),
        ("egfr", "mL/min/{1.73_m2}", "95", "95"),
        ("egfr", "mL/min", "58", "58"),
        ("crp", "mg/L", "3.2", "3.2"),
        ("crp", "mg/dL", "0.8", "8"),
        ("esr", "mm/h", "12", "12"),
        ("esr", "mm/hr", "12", "12"),
        ("wbc", "10^9/L", "5.4", "5.4"),
        ("wbc", "10*9/L", "5.4", "5.4"),
        ("wbc", "10⁹/L", "5.4", "5.4"),
        ("wbc", "x10^9/L", "5.4", "5.4"),
        ("wbc", "× 10⁹/L", "5.4", "5.4"),
        ("wbc", "G/L", "5.4", "5.4"),
        ("wbc", "/nL", "5.4", "5.4"),
        ("wbc", "10^3/µL", "5.4", "5.4"),
        ("wbc", "10^3/uL", "5.4", "5.4"),
        ("wbc", "10*3/uL", "5.4", "5.4"),
        ("wbc", "K/µL", "5.4", "5.4"),
        ("wbc", "K/uL", "5.4", "5.4"),
        ("wbc", "cells/µL", "5400", "5.4"),
        ("lymphocytes", "cells/µL", "150", "0.15"),
        ("lymphocytes", "10^9/L", "1.2", "1.2"),
        ("neutrophils", "cells/uL", "1800", "1.8"),
        ("neutrophils", "g/l", "0.4", "0.4"),  // case-folded: only G/L fits a count
        ("platelets", "10^9/L", "250", "250"),
        ("platelets", "cells/µL", "250000", "250"),
        ("haemoglobin", "g/dL", "13.2", "13.2"),
        ("haemoglobin", "g/L", "132", "13.2"),
        ("haemoglobin", "g/L", "95", "9.5")
    ]

    @Test(arguments: cases)
    func exactConversion(analyteID: String, unit: String, value: String, canonical: String) throws {
        let analyte = try #require(AnalyteCatalogue.analyte(id: analyteID))
        let conversion = try analyte.conversion(for: unit)
        let result = analyte.toCanonical(dec(value), from: conversion)
        #expect(result == dec(canonical))
        #expect(result.description == canonical)
    }

    @Test func everyConversionOfEveryAnalyteIsTested() {
        var untested: [String] = []
        for analyte in AnalyteCatalogue.all {
            for conversion in analyte.conversions {
                let covered = Self.cases.contains { entry in
                    entry.0 == analyte.id && (try? analyte.conversion(for: entry.1)) == conversion
                }
                if !covered { untested.append("\(analyte.id) \(conversion.unit.display)") }
            }
        }
        #expect(untested.isEmpty)
    }

    @Test func everyConversionIsExact() throws {
        let powersOfTen: Set<Decimal> = [1, 10, 100, 1000]
        for analyte in AnalyteCatalogue.all {
            #expect(analyte.conversions.first?.unit == analyte.canonicalUnit, "\(analyte.id)")
            #expect(analyte.conversions.first?.factor == 1)
            #expect(analyte.conversions.first?.divisor == 1)
            for conversion in analyte.conversions {
                #expect(powersOfTen.contains(conversion.divisor), "\(analyte.id) \(conversion.unit.display)")
                // Each spelling finds its own conversion.
                for spelling in [conversion.unit.display, conversion.unit.ucum] + conversion.unit.aliases {
                    #expect(try analyte.conversion(for: spelling) == conversion, "\(analyte.id) \(spelling)")
                }
            }
        }
    }

    @Test(arguments: [
        ("c3", "mmol/L"),
        ("c3", "g/dL"),
        ("cd19", "%"),
        ("cd19-percent", "cells/µL"),
        ("anti-dsdna", "U/mL"),
        ("creatinine", "mmol/L"),
        ("creatinine", "mg/L"),
        ("haemoglobin", "mmol/L"),
        ("haemoglobin", "G/L"),  // giga per litre is a count, not a mass
        ("wbc", "g/L"),  // grams per litre is a mass
        ("platelets", "%"),
        ("upcr", "g/L"),
        ("esr", "mm"),
        ("ana-titre", "IU/mL")
    ])
    func refusedUnit(analyteID: String, unit: String) throws {
        let analyte = try #require(AnalyteCatalogue.analyte(id: analyteID))
        let error = #expect(throws: InputError.self) { try analyte.conversion(for: unit) }
        #expect(error?.field == "UNIT")
        #expect(error?.value == unit)
        #expect(error?.reason == "is not a unit for \(analyte.name)")
        #expect(error?.accepted == analyte.conversions.map(\.unit.display).joined(separator: ", "))
    }

    @Test func refusedUnitMessage() throws {
        let c3 = try #require(AnalyteCatalogue.analyte(id: "c3"))
        let error = #expect(throws: InputError.self) { try c3.conversion(for: "mmol/L") }
        #expect(error?.description == "UNIT 'mmol/L': is not a unit for Complement C3. Accepted: g/L, mg/dL, mg/L.")
        let wbc = try #require(AnalyteCatalogue.analyte(id: "wbc"))
        let empty = #expect(throws: InputError.self) { try wbc.conversion(for: " ") }
        #expect(empty?.reason == "is empty")
        #expect(empty?.accepted == "10⁹/L, cells/µL")
    }

    @Test func creatinineLOINCDependsOnUnit() throws {
        let creatinine = try #require(AnalyteCatalogue.analyte(id: "creatinine"))
        #expect(creatinine.loinc == "14682-9")
        #expect(creatinine.canonicalUnit.ucum == "umol/L")
        #expect(try creatinine.conversion(for: "mg/dL").loinc == "2160-0")
        #expect(try creatinine.conversion(for: "µmol/L").loinc == nil)
    }
}
