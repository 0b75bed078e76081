#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Every threshold the summary and trend rules use, with a documented default.
///
/// CLINICAL.md (`../shared/CLINICAL.md`) asks that each threshold be a setting: where the
/// literature gives no number the journal uses a default it can name, and a clinician can
/// change it. Decoding fills any key that is absent with its default, so a configuration
/// file need only hold what the user changed.
public struct ClinicalSettings: Sendable, Hashable, Codable {
    /// CD19+ B cells (absolute, cells/µL) at or above which a result counts as B-cell
    /// reconstitution. Default **100**.
    ///
    /// Why 100: the SLE CAR-T papers (Mackensen 2022, Müller 2024) give no cells/µL cut-off;
    /// the only number in CLINICAL.md is the oncology convention that aplasia is lost at
    /// "> 1 % or > 100 cells/µL". Using it keeps the journal's answer comparable with what
    /// haematology reports say. A lower value (e.g. 10) would call reconstitution on counts
    /// near the assay's detection limit, which single results do not reliably separate from
    /// noise. The rule compares "at or above", so exactly 100 counts; results are also
    /// required to be confirmed by the next one, which guards against a stray value.
    public var bCellReconstitutionPerMicrolitre: Decimal
    /// CD19+ B cells (absolute, cells/µL) below which a count after infusion is aplasia; at or
    /// above it, and below the reconstitution threshold, B cells are recovering. Default **1**.
    ///
    /// Why 1: CLINICAL.md ("B cells between aplasia and reconstitution") says aplasia is
    /// usually reported as *undetectable* B cells, and that a detectable count below the
    /// threshold (12 cells/µL on day 100) is recovery under way, not aplasia. Fewer than one
    /// cell per µL is what a count of none reads as ("0", "0.4"); a result printed as a bound
    /// below the threshold ("<1", "<5") is the lab's "none detected" and is aplasia whatever
    /// this limit. Some centres call aplasia below 20 cells/µL, a convention CLINICAL.md asks
    /// a clinician to review: `remission config set b_cell_aplasia_per_ul 20` follows it. A
    /// limit at or above the reconstitution threshold leaves no room for "recovering".
    public var bCellAplasiaPerMicrolitre: Decimal
    /// CD19+ B cells as % of lymphocytes at or above which the % series counts as
    /// reconstituted. Default **1** (the same oncology convention, "> 1 %").
    public var bCellReconstitutionPercent: Decimal
    /// IgG (g/L) at or below which IgG is "low": the usual trigger to consider immunoglobulin
    /// replacement after CAR-T (Hill et al., Blood Reviews 2019). Default **4** g/L (400 mg/dL).
    public var iggLowGPerL: Decimal
    /// Urine protein/creatinine ratio (mg/g) above which proteinuria counts in SLEDAI-2K
    /// (0.5 g/24 h ≈ 0.5 g/g ≈ 57 mg/mmol). Default **500** mg/g.
    public var proteinuriaMgPerG: Decimal
    /// DORIS 2021: prednisolone-equivalent at most this many mg/day. Default **5**.
    public var dorisMaxPrednisoneMgPerDay: Decimal
    /// DORIS 2021: PGA (0–3) strictly below this. Default **0.5**.
    public var dorisPGABelow: Decimal
    /// LLDAS (Franklyn 2016): prednisolone at most this many mg/day. Default **7.5**.
    public var lldasMaxPrednisoneMgPerDay: Decimal
    /// LLDAS: SLEDAI-2K at most this. Default **4**.
    public var lldasMaxSledai: Int
    /// LLDAS: PGA (0–3) at most this. Default **1**.
    public var lldasMaxPGA: Decimal
    /// The windows, in days ending on the "as of" day, of the mean daily symptom burden.
    /// Default **7, 30, 90** (the `mean_7d`, `mean_30d`, `mean_90d` keys of issue 4).
    public var symptomWindowDays: [Int]
    /// Events (flare, infection) this many days back or fewer raise an alert. Default **30**
    /// (issue 4: "a flare or infection event in the last 30 days").
    public var recentEventDays: Int
    /// A trend is "stable" while the absolute slope per 30 days is at most this fraction of the
    /// absolute mean of the series. Default **0.05** (5 % of the mean per month). Relative, so
    /// one tolerance fits series in any unit (cells/µL, g/L, severity scores); the journal has
    /// no clinical source for it, so it is a plain, documented convention.
    public var trendStableFraction: Decimal

    public init(
        bCellReconstitutionPerMicrolitre: Decimal = 100,
        bCellAplasiaPerMicrolitre: Decimal = 1,
        bCellReconstitutionPercent: Decimal = 1,
        iggLowGPerL: Decimal = 4,
        proteinuriaMgPerG: Decimal = 500,
        dorisMaxPrednisoneMgPerDay: Decimal = 5,
        dorisPGABelow: Decimal = Decimal(sign: .plus, exponent: -1, significand: 5),
        lldasMaxPrednisoneMgPerDay: Decimal = Decimal(sign: .plus, exponent: -1, significand: 75),
        lldasMaxSledai: Int = 4,
        lldasMaxPGA: Decimal = 1,
        symptomWindowDays: [Int] = [7, 30, 90],
        recentEventDays: Int = 30,
        trendStableFraction: Decimal = Decimal(sign: .plus, exponent: -2, significand: 5)
    ) {
        self.bCellReconstitutionPerMicrolitre = bCellReconstitutionPerMicrolitre
        self.bCellAplasiaPerMicrolitre = bCellAplasiaPerMicrolitre
        self.bCellReconstitutionPercent = bCellReconstitutionPercent
        self.iggLowGPerL = iggLowGPerL
        self.proteinuriaMgPerG = proteinuriaMgPerG
        self.dorisMaxPrednisoneMgPerDay = dorisMaxPrednisoneMgPerDay
        self.dorisPGABelow = dorisPGABelow
        self.lldasMaxPrednisoneMgPerDay = lldasMaxPrednisoneMgPerDay
        self.lldasMaxSledai = lldasMaxSledai
        self.lldasMaxPGA = lldasMaxPGA
        self.symptomWindowDays = symptomWindowDays
        self.recentEventDays = recentEventDays
        self.trendStableFraction = trendStableFraction
    }

    /// The defaults above.
    public static let defaults = ClinicalSettings()

    enum CodingKeys: String, CodingKey {
        case bCellReconstitutionPerMicrolitre = "b_cell_reconstitution_per_ul"
        case bCellAplasiaPerMicrolitre = "b_cell_aplasia_per_ul"
        case bCellReconstitutionPercent = "b_cell_reconstitution_percent"
        case iggLowGPerL = "igg_low_g_per_l"
        case proteinuriaMgPerG = "proteinuria_mg_per_g"
        case dorisMaxPrednisoneMgPerDay = "doris_max_prednisone_mg_per_day"
        case dorisPGABelow = "doris_pga_below"
        case lldasMaxPrednisoneMgPerDay = "lldas_max_prednisone_mg_per_day"
        case lldasMaxSledai = "lldas_max_sledai"
        case lldasMaxPGA = "lldas_max_pga"
        case symptomWindowDays = "symptom_window_days"
        case recentEventDays = "recent_event_days"
        case trendStableFraction = "trend_stable_fraction"
    }

    /// Absent keys take their default, so a configuration holds only what was changed.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = ClinicalSettings.defaults
        bCellReconstitutionPerMicrolitre = try c.decodeIfPresent(Decimal.self, forKey: .bCellReconstitutionPerMicrolitre) ?? d.bCellReconstitutionPerMicrolitre
        bCellAplasiaPerMicrolitre = try c.decodeIfPresent(Decimal.self, forKey: .bCellAplasiaPerMicrolitre) ?? d.bCellAplasiaPerMicrolitre
        bCellReconstitutionPercent = try c.decodeIfPresent(Decimal.self, forKey: .bCellReconstitutionPercent) ?? d.bCellReconstitutionPercent
        iggLowGPerL = try c.decodeIfPresent(Decimal.self, forKey: .iggLowGPerL) ?? d.iggLowGPerL
        proteinuriaMgPerG = try c.decodeIfPresent(Decimal.self, forKey: .proteinuriaMgPerG) ?? d.proteinuriaMgPerG
        dorisMaxPrednisoneMgPerDay = try c.decodeIfPresent(Decimal.self, forKey: .dorisMaxPrednisoneMgPerDay) ?? d.dorisMaxPrednisoneMgPerDay
        dorisPGABelow = try c.decodeIfPresent(Decimal.self, forKey: .dorisPGABelow) ?? d.dorisPGABelow
        lldasMaxPrednisoneMgPerDay = try c.decodeIfPresent(Decimal.self, forKey: .lldasMaxPrednisoneMgPerDay) ?? d.lldasMaxPrednisoneMgPerDay
        lldasMaxSledai = try c.decodeIfPresent(Int.self, forKey: .lldasMaxSledai) ?? d.lldasMaxSledai
        lldasMaxPGA = try c.decodeIfPresent(Decimal.self, forKey: .lldasMaxPGA) ?? d.lldasMaxPGA
        symptomWindowDays = try c.decodeIfPresent([Int].self, forKey: .symptomWindowDays) ?? d.symptomWindowDays
        recentEventDays = try c.decodeIfPresent(Int.self, forKey: .recentEventDays) ?? d.recentEventDays
        trendStableFraction = try c.decodeIfPresent(Decimal.self, forKey: .trendStableFraction) ?? d.trendStableFraction
    }
}
