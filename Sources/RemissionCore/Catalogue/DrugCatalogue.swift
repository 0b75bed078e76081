#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The drugs a person in follow-up after CAR-T for lupus is likely to take.
///
/// ATC codes follow CLINICAL.md and the WHO ATC index. Prednisone equivalents follow the
/// relative anti-inflammatory potencies of the classic table (Goodman & Gilman: hydrocortisone
/// 1, prednisone and prednisolone 4, methylprednisolone 5, dexamethasone 25), divided by
/// prednisone's 4. Tables that equate 0.75 mg dexamethasone with 5 mg prednisone give 6.67
/// instead of 6.25; the potency ratio is kept because it is exact. Prednisone, prednisolone,
/// methylprednisolone and dexamethasone are taken once daily in the morning when given by
/// mouth for lupus (EULAR 2023 recommendations, tapering to ≤ 5 mg/day); hydrocortisone is
/// split through the day, so it has no usual frequency and a dose needs one.
public enum DrugCatalogue {
    public static let all: [Drug] = [
        // Glucocorticoids
        Drug(
            id: "prednisone", name: "Prednisone", aliases: ["Deltasone", "Rayos", "Decortin"],
            drugClass: .glucocorticoid, atc: "H02AB07", prednisoneEquivalentFactor: 1, usualOralFrequency: .daily),
        Drug(
            id: "prednisolone", name: "Prednisolone", aliases: ["Orapred", "Millipred", "Decortin H"],
            drugClass: .glucocorticoid, atc: "H02AB06", prednisoneEquivalentFactor: 1, usualOralFrequency: .daily),
        Drug(
            id: "methylprednisolone", name: "Methylprednisolone",
            aliases: ["Medrol", "Solu-Medrol", "Urbason", "methylpred"],
            drugClass: .glucocorticoid, atc: "H02AB04", prednisoneEquivalentFactor: Decimal(string: "1.25")!, usualOralFrequency: .daily),
        Drug(
            id: "dexamethasone", name: "Dexamethasone", aliases: ["Decadron", "dex"],
            drugClass: .glucocorticoid, atc: "H02AB02", prednisoneEquivalentFactor: Decimal(string: "6.25")!, usualOralFrequency: .daily),
        Drug(
            id: "hydrocortisone", name: "Hydrocortisone", aliases: ["cortisol", "Cortef", "Solu-Cortef"],
            drugClass: .glucocorticoid, atc: "H02AB09", prednisoneEquivalentFactor: Decimal(string: "0.25")!),

        // Antimalarials
        Drug(
            id: "hydroxychloroquine", name: "Hydroxychloroquine", aliases: ["hcq", "Plaquenil", "Quensyl"],
            drugClass: .antimalarial, atc: "P01BA02"),
        Drug(
            id: "chloroquine", name: "Chloroquine", aliases: ["Resochin", "Aralen"],
            drugClass: .antimalarial, atc: "P01BA01"),

        // Immunosuppressants. Mycophenolate mofetil and mycophenolic acid share L04AA06;
        // looking up the code finds the mofetil, listed first.
        Drug(
            id: "mycophenolate-mofetil", name: "Mycophenolate mofetil",
            aliases: ["mycophenolate", "mmf", "CellCept"],
            drugClass: .immunosuppressant, atc: "L04AA06"),
        Drug(
            id: "mycophenolic-acid", name: "Mycophenolic acid (mycophenolate sodium)",
            aliases: ["mpa", "mycophenolate sodium", "Myfortic"],
            drugClass: .immunosuppressant, atc: "L04AA06"),
        Drug(
            id: "azathioprine", name: "Azathioprine", aliases: ["aza", "Imuran", "Imurek"],
            drugClass: .immunosuppressant, atc: "L04AX01"),
        Drug(
            id: "methotrexate", name: "Methotrexate", aliases: ["mtx", "Trexall", "Metoject", "Otrexup"],
            drugClass: .immunosuppressant, atc: "L04AX03"),
        Drug(
            id: "tacrolimus", name: "Tacrolimus", aliases: ["Prograf", "Advagraf", "Envarsus"],
            drugClass: .immunosuppressant, atc: "L04AD02"),
        Drug(
            id: "voclosporin", name: "Voclosporin", aliases: ["Lupkynis"],
            drugClass: .immunosuppressant, atc: "L04AD03"),
        Drug(
            id: "ciclosporin", name: "Ciclosporin",
            aliases: ["cyclosporine", "cyclosporin", "csa", "Sandimmun", "Sandimmune", "Neoral"],
            drugClass: .immunosuppressant, atc: "L04AD01"),

        // Chemotherapy (lymphodepletion, and cyclophosphamide for nephritis)
        Drug(
            id: "cyclophosphamide", name: "Cyclophosphamide", aliases: ["cyc", "Endoxan", "Cytoxan"],
            drugClass: .chemotherapy, atc: "L01AA01"),
        Drug(
            id: "fludarabine", name: "Fludarabine", aliases: ["Fludara"],
            drugClass: .chemotherapy, atc: "L01BB05"),

        // Biologics
        Drug(
            id: "belimumab", name: "Belimumab", aliases: ["Benlysta"],
            drugClass: .biologic, atc: "L04AG04", formerAtc: ["L04AA26"]),
        Drug(
            id: "anifrolumab", name: "Anifrolumab", aliases: ["Saphnelo"],
            drugClass: .biologic, atc: "L04AG11", formerAtc: ["L04AA51"]),
        Drug(
            id: "rituximab", name: "Rituximab", aliases: ["MabThera", "Rituxan", "Truxima", "Ruxience"],
            drugClass: .biologic, atc: "L01FA01", formerAtc: ["L01XC02"]),
        Drug(
            id: "tocilizumab", name: "Tocilizumab", aliases: ["RoActemra", "Actemra"],
            drugClass: .biologic, atc: "L04AC07"),

        // Immunoglobulin replacement
        Drug(
            id: "ivig", name: "Immunoglobulin, normal human (intravenous)",
            aliases: ["immunoglobulin", "intravenous immunoglobulin", "Privigen", "Octagam", "Gamunex"],
            drugClass: .immunoglobulin, atc: "J06BA02"),

        // Anti-infective prophylaxis
        Drug(
            id: "co-trimoxazole", name: "Co-trimoxazole (sulfamethoxazole/trimethoprim)",
            aliases: [
                "cotrimoxazole", "tmp-smx", "smx-tmp", "sulfamethoxazole-trimethoprim",
                "trimethoprim-sulfamethoxazole", "Bactrim", "Septra", "Cotrim"
            ],
            drugClass: .antiInfective, atc: "J01EE01"),
        Drug(
            id: "aciclovir", name: "Aciclovir", aliases: ["acyclovir", "Zovirax"],
            drugClass: .antiInfective, atc: "J05AB01"),
        Drug(
            id: "valaciclovir", name: "Valaciclovir", aliases: ["valacyclovir", "Valtrex"],
            drugClass: .antiInfective, atc: "J05AB11")
    ]

    private static let index: [String: Int] = {
        var index: [String: Int] = [:]
        // Names first, then ATC codes, so that a name never loses to a code.
        for (position, drug) in all.enumerated() {
            for name in [drug.id, drug.name] + drug.aliases where index[TextKey.lookup(name)] == nil {
                index[TextKey.lookup(name)] = position
            }
        }
        for (position, drug) in all.enumerated() {
            for code in [drug.atc].compactMap({ $0 }) + drug.formerAtc where index[TextKey.lookup(code)] == nil {
                index[TextKey.lookup(code)] = position
            }
        }
        return index
    }()

    /// The drug stored under `id`, nil for an id this version does not know.
    public static func drug(id: String) -> Drug? {
        all.first { $0.id == id }
    }

    /// Finds a drug by id, name, alias, brand name or ATC code (current or former),
    /// ignoring case, spaces, hyphens and underscores.
    ///
    /// - Throws: ``InputError`` with field "DRUG", suggesting a near miss and pointing to
    ///   `--custom` for drugs outside the catalogue.
    public static func drug(named text: String) throws(InputError) -> Drug {
        let key = TextKey.lookup(text)
        if let position = index[key] { return all[position] }
        let suggestion = TextKey.suggestion(
            for: key, among: index.map { ($0.key, all[$0.value].id) }.sorted { $0.0 < $1.0 })
        let hint = suggestion.map { " (did you mean \($0)?)" } ?? ""
        throw InputError(
            field: "DRUG", value: text,
            reason: (key.isEmpty ? "is empty" : "is not in the drug catalogue\(hint)")
                + "; record a drug outside the catalogue with --custom",
            accepted: all.map(\.id).joined(separator: ", "))
    }
}
