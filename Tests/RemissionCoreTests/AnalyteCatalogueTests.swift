import Testing
import RemissionCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

@Suite struct AnalyteCatalogueTests {
    @Test func requiredIDsAndCodes() {
        let expected: [(String, String, String)] = [
            ("cd19", "8116-6", "/uL"), ("cd19-percent", "8117-4", "%"), ("anti-dsdna", "5130-0", "[IU]/mL"),
            ("c3", "4485-9", "g/L"), ("c4", "4498-2", "g/L"), ("igg", "2465-3", "g/L"),
            ("upcr", "2890-2", "mg/g"), ("creatinine", "14682-9", "umol/L"),
            ("egfr", "98979-8", "mL/min/{1.73_m2}"), ("crp", "1988-5", "mg/L"), ("esr", "4537-7", "mm/h"),
            ("wbc", "6690-2", "10*3/uL"), ("lymphocytes", "731-0", "10*3/uL"), ("neutrophils", "751-8", "10*3/uL"),
            ("platelets", "777-3", "10*3/uL"), ("haemoglobin", "718-7", "g/dL"), ("ana-titre", "5048-4", "{titer}")
        ]
        for (id, loinc, ucum) in expected {
            let analyte = AnalyteCatalogue.analyte(id: id)
            #expect(analyte?.loinc == loinc, "\(id)")
            #expect(analyte?.canonicalUnit.ucum == ucum, "\(id)")
        }
        #expect(AnalyteCatalogue.analyte(id: "CD19") == nil)  // ids are exact keys
        #expect(AnalyteCatalogue.analyte(id: "unknown") == nil)
    }

    /// The limits refuse only unit mistakes: each is well above the top of the analyte's
    /// default range, and a value at the limit itself or given as "<" a larger bound is kept.
    @Test func plausibleMaximaAreFarAboveTheRanges() throws {
        #expect(AnalyteCatalogue.plausibleMaxima.keys.allSatisfy { AnalyteCatalogue.analyte(id: $0) != nil })
        for analyte in AnalyteCatalogue.all {
            guard let maximum = analyte.plausibleMaximum, let high = analyte.defaultRange?.high else { continue }
            #expect(maximum >= high * 3 / 2, "\(analyte.id): \(maximum) against a range up to \(high)")
        }
        let context = EntryContext(today: CalendarDate(iso: "2026-11-20")!, infusion: nil)
        #expect(throws: Never.self) { try LabResultEntry(analyte: "c3", value: "10", unit: "g/L").fields(context) }
        #expect(throws: Never.self) { try LabResultEntry(analyte: "c3", value: "<20", unit: "g/L").fields(context) }
        #expect(throws: Never.self) { try LabResultEntry(analyte: "cd19", value: "250000", unit: "cells/uL").fields(context) }
        let refused = #expect(throws: InputError.self) { try LabResultEntry(analyte: "c3", value: "10.01", unit: "g/L").fields(context) }
        #expect(refused?.field == "VALUE")
        #expect(throws: InputError.self) { try LabResultEntry(analyte: "c3", value: ">11", unit: "g/L").fields(context) }
    }

    @Test func idsAndNamesAreUnique() {
        var seen: [String: String] = [:]
        for analyte in AnalyteCatalogue.all {
            for name in [analyte.id] + analyte.aliases {
                let key = String(name.lowercased().filter { !" -_".contains($0) })
                #expect(seen[key] == nil, "\(name) is used by \(seen[key] ?? "") and \(analyte.id)")
                seen[key] = analyte.id
            }
        }
    }

    @Test(arguments: [
        ("cd19", "cd19"), ("CD19", "cd19"), ("b-cells", "cd19"), ("B cells", "cd19"), ("cd19_abs", "cd19"),
        ("cd19%", "cd19-percent"), ("CD19 percent", "cd19-percent"),
        ("anti-dsDNA", "anti-dsdna"), ("dsdna", "anti-dsdna"), ("anti-ds-dna", "anti-dsdna"), ("Anti ds DNA", "anti-dsdna"),
        ("C3", "c3"), ("c4", "c4"), ("IgG", "igg"), ("igA", "iga"), ("IGM", "igm"),
        ("UPCR", "upcr"), ("creatinine", "creatinine"), ("crea", "creatinine"), ("eGFR", "egfr"),
        ("CRP", "crp"), ("ESR", "esr"), ("WBC", "wbc"), ("leukocytes", "wbc"),
        ("lymphocytes", "lymphocytes"), ("ALC", "lymphocytes"), ("neutrophils", "neutrophils"), ("ANC", "neutrophils"),
        ("PLT", "platelets"), ("hb", "haemoglobin"), ("Hgb", "haemoglobin"), ("hemoglobin", "haemoglobin"),
        ("ANA", "ana-titre"), ("ana_titer", "ana-titre"), ("  c3  ", "c3")
    ])
    func lookup(text: String, id: String) throws {
        #expect(try AnalyteCatalogue.analyte(named: text).id == id)
    }

    @Test(arguments: [
        ("creatinin", "creatinine"), ("platlets", "platelets"), ("cd91", "cd19"), ("hemoglobine", "haemoglobin"),
        ("neutrophil", "neutrophils"), ("anti-dsdan", "anti-dsdna")
    ])
    func nearMissSuggestion(text: String, suggestion: String) {
        let error = #expect(throws: InputError.self) { try AnalyteCatalogue.analyte(named: text) }
        #expect(error?.field == "ANALYTE")
        #expect(error?.value == text)
        #expect(error?.reason == "is not a known analyte (did you mean \(suggestion)?)")
    }

    @Test func unknownAnalyteListsIDs() {
        let error = #expect(throws: InputError.self) { try AnalyteCatalogue.analyte(named: "vitamin-d") }
        #expect(
            error?.description == "ANALYTE 'vitamin-d': is not a known analyte. Accepted: "
                + AnalyteCatalogue.all.map(\.id).joined(separator: ", ") + ".")
        #expect(error?.accepted?.hasPrefix("cd19, cd19-percent, anti-dsdna") == true)
        let empty = #expect(throws: InputError.self) { try AnalyteCatalogue.analyte(named: "") }
        #expect(empty?.reason == "is empty")
        let short = #expect(throws: InputError.self) { try AnalyteCatalogue.analyte(named: "xyz") }
        #expect(short?.reason == "is not a known analyte")
    }

    @Test func defaultRanges() {
        let expected: [(String, String?, String?)] = [
            ("cd19", "77", "427"), ("cd19-percent", "6", "24"), ("anti-dsdna", nil, "30"),
            ("c3", "0.9", "1.8"), ("c4", "0.1", "0.4"), ("igg", "7", "16"), ("upcr", nil, "150"),
            ("creatinine", "45", "110"), ("egfr", "60", nil), ("crp", nil, "5"), ("esr", nil, "20"),
            ("wbc", "4", "10"), ("lymphocytes", "1", "3"), ("neutrophils", "1.8", "7.5"),
            ("platelets", "150", "400"), ("haemoglobin", "12", "16"), ("ana-titre", nil, "80")
        ]
        for (id, low, high) in expected {
            let range = AnalyteCatalogue.analyte(id: id)?.defaultRange
            #expect(range?.low == low.map(dec), "\(id)")
            #expect(range?.high == high.map(dec), "\(id)")
        }
        #expect(AnalyteCatalogue.analyte(id: "c3")?.defaultRange?.text == "0.9–1.8")
        #expect(AnalyteCatalogue.analyte(id: "anti-dsdna")?.defaultRange?.text == "<30")
    }

    @Test func groups() {
        #expect(AnalyteCatalogue.analyte(id: "cd19")?.group == .bCells)
        #expect(AnalyteCatalogue.analyte(id: "upcr")?.group == .kidney)
        #expect(AnalyteCatalogue.analyte(id: "platelets")?.group == .bloodCount)
        #expect(AnalyteGroup.bCells.rawValue == "b-cells")
        #expect(AnalyteGroup.bloodCount.rawValue == "blood-count")
        #expect(Set(AnalyteCatalogue.all.map(\.group)) == Set(AnalyteGroup.allCases))
    }
}
