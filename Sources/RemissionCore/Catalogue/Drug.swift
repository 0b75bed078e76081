#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A drug the journal knows, with its ATC code for export.
public struct Drug: Sendable, Hashable, Identifiable {
    /// The stable key stored in the journal ("prednisone"); never renamed.
    public let id: String
    public let name: String
    /// Other names and brand names accepted on entry ("Plaquenil", "mmf").
    public let aliases: [String]
    public let drugClass: DrugClass
    /// The current WHO ATC code.
    public let atc: String?
    /// Codes WHO has retired for this drug, still accepted on entry and import.
    public let formerAtc: [String]
    /// Milligrams of prednisone per milligram of this drug, for glucocorticoids only:
    /// DORIS and LLDAS set their limits in prednisone(-olone) equivalents.
    public let prednisoneEquivalentFactor: Decimal?
    /// How often the drug is usually taken by mouth, when one schedule is usual enough to
    /// assume it (and say so) for a dose given without a frequency: a glucocorticoid's daily
    /// dose decides DORIS and LLDAS, and "5 mg" alone leaves it unknown.
    public let usualOralFrequency: DoseFrequency?

    public init(
        id: String, name: String, aliases: [String], drugClass: DrugClass, atc: String?,
        formerAtc: [String] = [], prednisoneEquivalentFactor: Decimal? = nil, usualOralFrequency: DoseFrequency? = nil
    ) {
        self.id = id
        self.name = name
        self.aliases = aliases
        self.drugClass = drugClass
        self.atc = atc
        self.formerAtc = formerAtc
        self.prednisoneEquivalentFactor = prednisoneEquivalentFactor
        self.usualOralFrequency = usualOralFrequency
    }

    /// The ATC code for a period taken by `route`. The catalogue's codes are those of systemic
    /// use (H02AB06 is prednisolone for systemic use; skin preparations are in D07), so a
    /// topical, inhaled or rectal period gets none rather than a code that would call it systemic.
    public func atc(route: String?) -> String? {
        MedicationEntry.isSystemic(route: route) ? atc : nil
    }
}
