#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The analytes followed after CAR-T for lupus (see CLINICAL.md, "What is followed").
///
/// Canonical units are chosen so that every accepted unit converts by an exact
/// multiplication or a division by a power of ten. LOINC codes and UCUM units follow
/// CLINICAL.md, "Codes and units".
public enum AnalyteCatalogue {
    public static let all: [Analyte] = [
        // CD19 reference 77–427 cells/µL and 6–24 % of lymphocytes: CLINICAL.md, "Thresholds".
        Analyte(
            id: "cd19", name: "CD19+ B cells (absolute)",
            aliases: ["b-cells", "b-cell-count", "cd19-abs", "cd19-absolute", "cd19-count", "cd19+"],
            group: .bCells, loinc: "8116-6", canonicalUnit: .cellsPerMicrolitre,
            conversions: [
                UnitConversion(.cellsPerMicrolitre),
                UnitConversion(.perLitre10e6),
                UnitConversion(.perLitre10e9, factor: 1000)
            ],
            defaultRange: ReferenceRange(low: 77, high: 427)),
        Analyte(
            id: "cd19-percent", name: "CD19+ B cells (% of lymphocytes)",
            aliases: ["cd19%", "cd19-pct", "cd19-percentage", "b-cell-percent", "b-cells-%"],
            group: .bCells, loinc: "8117-4", canonicalUnit: .percent,
            conversions: [UnitConversion(.percent)],
            defaultRange: ReferenceRange(low: 6, high: 24)),

        // Anti-dsDNA cut-offs are assay-specific; < 30 IU/mL negative is one common ELISA
        // (CLINICAL.md). kIU/L equals IU/mL.
        Analyte(
            id: "anti-dsdna", name: "Anti-dsDNA antibodies",
            aliases: ["dsdna", "anti-dna", "dna-antibodies"],  // "anti-ds-dna" matches the id
            group: .autoantibody, loinc: "5130-0", canonicalUnit: .iuPerMillilitre,
            conversions: [UnitConversion(.iuPerMillilitre), UnitConversion(.kiuPerLitre)],
            defaultRange: ReferenceRange(high: 30)),
        // ANA 5048-4 is the titre; 8061-4 (presence) is not a number and is not catalogued.
        // A titre below 1:80 is commonly reported negative.
        Analyte(
            id: "ana-titre", name: "Antinuclear antibodies (titre)",
            aliases: ["ana", "ana-titer", "antinuclear-antibodies"],
            group: .autoantibody, loinc: "5048-4", canonicalUnit: .titre,
            conversions: [UnitConversion(.titre)],
            defaultRange: ReferenceRange(high: 80)),

        // Complement and immunoglobulins: common adult ranges of European labs.
        Analyte(
            id: "c3", name: "Complement C3", aliases: ["complement-c3", "c3c"],
            group: .complement, loinc: "4485-9", canonicalUnit: .gramsPerLitre,
            conversions: massConversions(),
            defaultRange: ReferenceRange(low: Decimal(string: "0.9")!, high: Decimal(string: "1.8")!)),
        Analyte(
            id: "c4", name: "Complement C4", aliases: ["complement-c4"],
            group: .complement, loinc: "4498-2", canonicalUnit: .gramsPerLitre,
            conversions: massConversions(),
            defaultRange: ReferenceRange(low: Decimal(string: "0.1")!, high: Decimal(string: "0.4")!)),
        Analyte(
            id: "igg", name: "Immunoglobulin G (IgG)", aliases: ["immunoglobulin-g", "total-igg"],
            group: .immunoglobulin, loinc: "2465-3", canonicalUnit: .gramsPerLitre,
            conversions: massConversions(),
            defaultRange: ReferenceRange(low: 7, high: 16)),
        Analyte(
            id: "iga", name: "Immunoglobulin A (IgA)", aliases: ["immunoglobulin-a"],
            group: .immunoglobulin, loinc: "2458-8", canonicalUnit: .gramsPerLitre,
            conversions: massConversions(),
            defaultRange: ReferenceRange(low: Decimal(string: "0.7")!, high: 4)),
        Analyte(
            id: "igm", name: "Immunoglobulin M (IgM)", aliases: ["immunoglobulin-m"],
            group: .immunoglobulin, loinc: "2472-0", canonicalUnit: .gramsPerLitre,
            conversions: massConversions(),
            defaultRange: ReferenceRange(low: Decimal(string: "0.4")!, high: Decimal(string: "2.3")!)),

        // UPCR: normal adult < 150 mg/g. The SLEDAI-2K proteinuria item (> 0.5 g/24 h,
        // ≈ 500 mg/g) is a separate clinical rule, not this range. 1 mg/mmol = 8.84 mg/g.
        Analyte(
            id: "upcr", name: "Urine protein/creatinine ratio",
            aliases: ["pcr", "protein-creatinine-ratio", "urine-protein-creatinine", "urine-pcr"],
            group: .kidney, loinc: "2890-2", canonicalUnit: .milligramsPerGram,
            conversions: [
                UnitConversion(.milligramsPerGram),
                UnitConversion(.milligramsPerMillimole, factor: Decimal(string: "8.84")!),
                UnitConversion(.gramsPerGram, factor: 1000),
                UnitConversion(.milligramsPerMilligram, factor: 1000)
            ],
            defaultRange: ReferenceRange(high: 150)),
        // Creatinine 45–110 µmol/L covers common adult female and male ranges; µmol/L = mg/dL × 88.4.
        Analyte(
            id: "creatinine", name: "Creatinine (serum)",
            aliases: ["crea", "creat", "serum-creatinine", "scr"],
            group: .kidney, loinc: "14682-9", canonicalUnit: .micromolesPerLitre,
            conversions: [
                UnitConversion(.micromolesPerLitre),
                UnitConversion(.milligramsPerDecilitre, factor: Decimal(string: "88.4")!, loinc: "2160-0")
            ],
            defaultRange: ReferenceRange(low: 45, high: 110)),
        // eGFR below 60 mL/min/1.73m² defines chronic kidney disease stage 3 (KDIGO 2012).
        Analyte(
            id: "egfr", name: "eGFR (CKD-EPI 2021)", aliases: ["gfr", "estimated-gfr"],
            group: .kidney, loinc: "98979-8", canonicalUnit: .glomerularFiltration,
            conversions: [UnitConversion(.glomerularFiltration)],
            defaultRange: ReferenceRange(low: 60)),

        // Inflammation: common adult upper limits.
        Analyte(
            id: "crp", name: "C-reactive protein", aliases: ["c-reactive-protein"],
            group: .inflammation, loinc: "1988-5", canonicalUnit: .milligramsPerLitre,
            conversions: [
                UnitConversion(.milligramsPerLitre),
                UnitConversion(.milligramsPerDecilitre, factor: 10)
            ],
            defaultRange: ReferenceRange(high: 5)),
        Analyte(
            id: "esr", name: "Erythrocyte sedimentation rate", aliases: ["sed-rate", "bsg", "bsr"],
            group: .inflammation, loinc: "4537-7", canonicalUnit: .millimetresPerHour,
            conversions: [UnitConversion(.millimetresPerHour)],
            defaultRange: ReferenceRange(high: 20)),

        // Blood counts: common adult ranges; 10⁹/L = 10³/µL, and cells/µL ÷ 1000.
        Analyte(
            id: "wbc", name: "White blood cells",
            aliases: ["leukocytes", "leucocytes", "white-cells", "white-blood-cells", "white-count"],
            group: .bloodCount, loinc: "6690-2", canonicalUnit: .perLitre10e9,
            conversions: countConversions(),
            defaultRange: ReferenceRange(low: 4, high: 10)),
        Analyte(
            id: "lymphocytes", name: "Lymphocytes (absolute)",
            aliases: ["alc", "lymphs", "lymphocyte-count"],
            group: .bloodCount, loinc: "731-0", canonicalUnit: .perLitre10e9,
            conversions: countConversions(),
            defaultRange: ReferenceRange(low: 1, high: 3)),
        Analyte(
            id: "neutrophils", name: "Neutrophils (absolute)",
            aliases: ["anc", "neuts", "neutrophil-count"],
            group: .bloodCount, loinc: "751-8", canonicalUnit: .perLitre10e9,
            conversions: countConversions(),
            defaultRange: ReferenceRange(low: Decimal(string: "1.8")!, high: Decimal(string: "7.5")!)),
        Analyte(
            id: "platelets", name: "Platelets", aliases: ["plt", "platelet-count", "thrombocytes"],
            group: .bloodCount, loinc: "777-3", canonicalUnit: .perLitre10e9,
            conversions: countConversions(),
            defaultRange: ReferenceRange(low: 150, high: 400)),
        // Haemoglobin 12–16 g/dL: the adult female range, as most people with lupus are women.
        Analyte(
            id: "haemoglobin", name: "Haemoglobin", aliases: ["hb", "hgb", "hemoglobin"],
            group: .bloodCount, loinc: "718-7", canonicalUnit: .gramsPerDecilitre,
            conversions: [
                UnitConversion(.gramsPerDecilitre),
                UnitConversion(.gramsPerLitre, divisor: 10)
            ],
            defaultRange: ReferenceRange(low: 12, high: 16))
    ]

    /// Canonical values above which a result is a typing or unit mistake, not a measurement:
    /// well beyond the highest values reported in people (C3 and C4 in acute inflammation,
    /// immunoglobulins in myeloma and Waldenström's, creatinine on dialysis, white cells in
    /// leukaemia), so that no real result is ever refused. What they catch is a lab's mg/dL
    /// typed as g/L (C3 82 g/L) or g/L as g/dL (haemoglobin 135 g/dL). Analytes whose values
    /// span many orders of magnitude (CD19 counts, autoantibodies, titres) have none.
    public static let plausibleMaxima: [String: Decimal] = [
        "cd19-percent": 100, "c3": 10, "c4": 5, "igg": 200, "iga": 200, "igm": 200,
        "upcr": 100_000, "creatinine": 10_000, "egfr": 300, "crp": 1_000,
        "esr": 200,  // the Westergren tube is 200 mm long
        "wbc": 1_000, "lymphocytes": 1_000, "neutrophils": 1_000, "platelets": 10_000, "haemoglobin": 30
    ]

    /// Proteins reported as mass concentration, canonical g/L.
    private static func massConversions() -> [UnitConversion] {
        [
            UnitConversion(.gramsPerLitre),
            UnitConversion(.milligramsPerDecilitre, divisor: 100),
            UnitConversion(.milligramsPerLitre, divisor: 1000)
        ]
    }

    /// Blood cell counts, canonical 10⁹/L.
    private static func countConversions() -> [UnitConversion] {
        [UnitConversion(.perLitre10e9), UnitConversion(.cellsPerMicrolitre, divisor: 1000)]
    }

    /// Every unit any analyte accepts, to tell a wrong unit from a mistyped case.
    static let allUnits: [LabUnit] = {
        var units: [LabUnit] = []
        for conversion in all.flatMap(\.conversions) where !units.contains(conversion.unit) {
            units.append(conversion.unit)
        }
        return units
    }()

    private static let index: [String: Int] = {
        var index: [String: Int] = [:]
        for (position, analyte) in all.enumerated() {
            for name in [analyte.id] + analyte.aliases {
                index[TextKey.lookup(name)] = index[TextKey.lookup(name)] ?? position
            }
        }
        return index
    }()

    /// The analyte stored under `id`, nil for an id this version does not know.
    public static func analyte(id: String) -> Analyte? {
        all.first { $0.id == id }
    }

    /// Finds an analyte by id or alias, ignoring case, spaces, hyphens and underscores.
    ///
    /// - Throws: ``InputError`` with field "ANALYTE", listing the ids and suggesting a near miss.
    public static func analyte(named text: String) throws(InputError) -> Analyte {
        let key = TextKey.lookup(text)
        if let position = index[key] { return all[position] }
        let suggestion = TextKey.suggestion(for: key, among: index.map { ($0.key, all[$0.value].id) }.sorted { $0.0 < $1.0 })
        throw InputError(
            field: "ANALYTE", value: text,
            reason: key.isEmpty
                ? "is empty"
                : "is not a known analyte" + (suggestion.map { " (did you mean \($0)?)" } ?? ""),
            accepted: all.map(\.id).joined(separator: ", "))
    }
}
