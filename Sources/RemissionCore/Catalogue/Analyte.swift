#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A lab measurement the journal knows: its codes, canonical unit and accepted entry units.
///
/// Results are stored with the unit as entered and also in one canonical unit, so that a
/// trend can mix results from labs that report C3 in g/L and in mg/dL.
public struct Analyte: Sendable, Hashable, Identifiable {
    /// The stable key stored in the journal ("cd19", "anti-dsdna"); never renamed.
    public let id: String
    public let name: String
    /// Other names accepted on entry ("dsdna", "hb", "plt").
    public let aliases: [String]
    public let group: AnalyteGroup
    /// The LOINC code for results in the canonical unit.
    public let loinc: String
    public let canonicalUnit: LabUnit
    /// Every accepted entry unit, the canonical one first with factor 1.
    public let conversions: [UnitConversion]
    /// Adult defaults in canonical units, used only when the lab gave no range.
    public let defaultRange: ReferenceRange?

    public init(
        id: String, name: String, aliases: [String], group: AnalyteGroup, loinc: String,
        canonicalUnit: LabUnit, conversions: [UnitConversion], defaultRange: ReferenceRange?
    ) {
        self.id = id
        self.name = name
        self.aliases = aliases
        self.group = group
        self.loinc = loinc
        self.canonicalUnit = canonicalUnit
        self.conversions = conversions
        self.defaultRange = defaultRange
    }

    /// The accepted units by display name, for error messages and help.
    public var acceptedUnits: String {
        conversions.map(\.unit.display).joined(separator: ", ")
    }

    /// Finds how to convert a unit the user typed.
    ///
    /// An exact spelling wins. Otherwise case is ignored ("mg/dl", "UMOL/L"), unless the text
    /// is exactly another catalogue unit: "g/L" (grams) is refused for a cell count even
    /// though "G/L" (10⁹/L) is accepted there.
    ///
    /// - Throws: ``InputError`` with field "UNIT", listing this analyte's units.
    public func conversion(for unitText: String) throws(InputError) -> UnitConversion {
        let key = LabUnit.key(unitText)
        func refuse(_ reason: String) -> InputError {
            InputError(field: "UNIT", value: unitText, reason: reason, accepted: acceptedUnits)
        }
        guard !key.isEmpty else { throw refuse("is empty") }
        if let exact = conversions.first(where: { $0.unit.keys.contains(key) }) {
            return exact
        }
        let notAccepted = refuse("is not a unit for \(name)")
        if AnalyteCatalogue.allUnits.contains(where: { $0.keys.contains(key) }) {
            throw notAccepted
        }
        let folded = key.lowercased()
        let matches = conversions.filter { $0.unit.keys.contains { $0.lowercased() == folded } }
        guard matches.count == 1 else { throw notAccepted }
        return matches[0]
    }

    /// The largest canonical value a person can have; above it, a unit was mistyped.
    public var plausibleMaximum: Decimal? { AnalyteCatalogue.plausibleMaxima[id] }

    /// The value in the canonical unit, exactly: value × factor ÷ divisor.
    public func toCanonical(_ value: Decimal, from conversion: UnitConversion) -> Decimal {
        value * conversion.factor / conversion.divisor
    }
}
