import Testing
import RemissionCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

@Suite struct DrugCatalogueTests {
    @Test(arguments: [
        ("prednisone", "prednisone"), ("Prednisolone", "prednisolone"), ("PREDNISONE ", "prednisone"),
        ("Plaquenil", "hydroxychloroquine"), ("HCQ", "hydroxychloroquine"),
        ("CellCept", "mycophenolate-mofetil"), ("mycophenolate", "mycophenolate-mofetil"), ("MMF", "mycophenolate-mofetil"),
        ("Myfortic", "mycophenolic-acid"), ("mycophenolate sodium", "mycophenolic-acid"),
        ("Benlysta", "belimumab"), ("Saphnelo", "anifrolumab"), ("MabThera", "rituximab"), ("Rituxan", "rituximab"),
        ("Lupkynis", "voclosporin"), ("cyclosporine", "ciclosporin"), ("acyclovir", "aciclovir"),
        ("valacyclovir", "valaciclovir"), ("Bactrim", "co-trimoxazole"), ("cotrimoxazole", "co-trimoxazole"),
        ("TMP/SMX".replacingSlash(), "co-trimoxazole"), ("IVIG", "ivig"), ("immunoglobulin", "ivig"),
        ("RoActemra", "tocilizumab"), ("Solu-Medrol", "methylprednisolone"), ("Mycophenolate Mofetil", "mycophenolate-mofetil")
    ])
    func lookupByName(text: String, id: String) throws {
        #expect(try DrugCatalogue.drug(named: text).id == id)
    }

    @Test(arguments: [
        ("H02AB07", "prednisone"), ("h02ab06", "prednisolone"), ("P01BA02", "hydroxychloroquine"),
        ("L04AA06", "mycophenolate-mofetil"), ("L04AD02", "tacrolimus"), ("L01AA01", "cyclophosphamide"),
        ("L01BB05", "fludarabine"), ("L04AG04", "belimumab"), ("L04AA26", "belimumab"),
        ("L04AG11", "anifrolumab"), ("L04AA51", "anifrolumab"), ("L01FA01", "rituximab"), ("L01XC02", "rituximab"),
        ("L04AC07", "tocilizumab"), ("J06BA02", "ivig"), ("J01EE01", "co-trimoxazole")
    ])
    func lookupByATC(code: String, id: String) throws {
        #expect(try DrugCatalogue.drug(named: code).id == id)
    }

    @Test func catalogueEntries() throws {
        let belimumab = try #require(DrugCatalogue.drug(id: "belimumab"))
        #expect(belimumab.atc == "L04AG04")
        #expect(belimumab.formerAtc == ["L04AA26"])
        #expect(belimumab.drugClass == .biologic)
        #expect(belimumab.prednisoneEquivalentFactor == nil)
        #expect(DrugCatalogue.drug(id: "rituximab")?.formerAtc == ["L01XC02"])
        #expect(DrugCatalogue.drug(id: "cyclophosphamide")?.drugClass == .chemotherapy)
        #expect(DrugCatalogue.drug(id: "hydroxychloroquine")?.drugClass == .antimalarial)
        #expect(DrugCatalogue.drug(id: "ivig")?.drugClass == .immunoglobulin)
        #expect(DrugCatalogue.drug(id: "valaciclovir")?.drugClass == .antiInfective)
        #expect(DrugClass.antiInfective.rawValue == "anti-infective")
        #expect(DrugCatalogue.drug(id: "Prednisone") == nil)
    }

    @Test func prednisoneEquivalents() {
        let expected: [String: String] = [
            "prednisone": "1", "prednisolone": "1", "methylprednisolone": "1.25",
            "dexamethasone": "6.25", "hydrocortisone": "0.25"
        ]
        for drug in DrugCatalogue.all {
            if let factor = expected[drug.id] {
                #expect(drug.prednisoneEquivalentFactor == dec(factor), "\(drug.id)")
                #expect(drug.drugClass == .glucocorticoid)
            } else {
                #expect(drug.prednisoneEquivalentFactor == nil, "\(drug.id)")
                #expect(drug.drugClass != .glucocorticoid, "\(drug.id)")
            }
        }
        // 4 mg methylprednisolone is 5 mg prednisone.
        #expect(dec("4") * (DrugCatalogue.drug(id: "methylprednisolone")?.prednisoneEquivalentFactor ?? 0) == 5)
    }

    @Test func namesAndCodesAreUnambiguous() {
        var seen: [String: String] = [:]
        for drug in DrugCatalogue.all {
            #expect(drug.atc.map { $0.count == 7 } ?? true, "\(drug.id)")
            for name in Set(([drug.id, drug.name] + drug.aliases).map { String($0.lowercased().filter { !" -_".contains($0) }) }) {
                #expect(seen[name] == nil, "\(name) is used by \(seen[name] ?? "") and \(drug.id)")
                seen[name] = drug.id
            }
        }
    }

    @Test func unknownDrugPointsToCustom() {
        let error = #expect(throws: InputError.self) { try DrugCatalogue.drug(named: "prednisolon") }
        #expect(error?.field == "DRUG")
        #expect(error?.value == "prednisolon")
        #expect(
            error?.reason
                == "is not in the drug catalogue (did you mean prednisolone?); record a drug outside the catalogue with --custom")
        #expect(error?.accepted?.contains("prednisone, prednisolone") == true)

        let unknown = #expect(throws: InputError.self) { try DrugCatalogue.drug(named: "vitamin D") }
        #expect(unknown?.reason == "is not in the drug catalogue; record a drug outside the catalogue with --custom")
        #expect(unknown?.description.hasPrefix("DRUG 'vitamin D': is not in the drug catalogue;") == true)

        let brand = #expect(throws: InputError.self) { try DrugCatalogue.drug(named: "Plaquenill") }
        #expect(brand?.reason.contains("did you mean hydroxychloroquine?") == true)
    }
}

private extension String {
    /// "TMP/SMX" as users type it with a slash; the catalogue stores the hyphenated spelling.
    func replacingSlash() -> String { String(map { $0 == "/" ? "-" : $0 }) }
}
