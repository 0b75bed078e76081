#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension ClinicalSettings {
    /// A setting as `remission config` and `--set` name it: the same snake_case key as the
    /// settings file.
    public enum Key: String, Sendable, CaseIterable {
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
        case recentEventDays = "recent_event_days"
        case trendStableFraction = "trend_stable_fraction"

        /// One line for `remission config list`.
        public var help: String {
            switch self {
            case .bCellReconstitutionPerMicrolitre: return "CD19+ B cells/µL at or above which B cells count as reconstituted"
            case .bCellAplasiaPerMicrolitre: return "CD19+ B cells/µL below which a count is aplasia; at or above it, below reconstitution, recovering"
            case .bCellReconstitutionPercent: return "CD19+ % of lymphocytes at or above which the % series counts as reconstituted"
            case .iggLowGPerL: return "IgG g/L at or below which the igg_low alert is raised (replacement threshold)"
            case .proteinuriaMgPerG: return "urine protein/creatinine mg/g above which proteinuria is flagged"
            case .dorisMaxPrednisoneMgPerDay: return "DORIS: highest prednisone-equivalent mg/day"
            case .dorisPGABelow: return "DORIS: PGA (0-3) must be below this"
            case .lldasMaxPrednisoneMgPerDay: return "LLDAS: highest prednisone-equivalent mg/day"
            case .lldasMaxSledai: return "LLDAS: highest SLEDAI-2K"
            case .lldasMaxPGA: return "LLDAS: highest PGA (0-3)"
            case .recentEventDays: return "days back within which a flare or infection raises an alert"
            case .trendStableFraction: return "a trend is stable while |slope per 30 days| <= this fraction of |mean|"
            }
        }

        /// The allowed values, for the help text and errors.
        var bounds: ClosedRange<Decimal> {
            switch self {
            // A threshold of 0 would call "<1" reconstituted: B cells need one above nothing.
            case .bCellReconstitutionPerMicrolitre: return Decimal(1) / 10...100_000
            // Above 0, so that a count of 0 is always aplasia.
            case .bCellAplasiaPerMicrolitre: return Decimal(1) / 10...100_000
            case .bCellReconstitutionPercent: return Decimal(1) / 100...100
            case .iggLowGPerL: return 0...100
            case .proteinuriaMgPerG: return 0...100_000
            case .dorisMaxPrednisoneMgPerDay, .lldasMaxPrednisoneMgPerDay: return 0...1000
            case .dorisPGABelow, .lldasMaxPGA: return 0...3
            case .lldasMaxSledai: return 0...105
            case .recentEventDays: return 0...3650
            case .trendStableFraction: return 0...10
            }
        }

        var isInteger: Bool { self == .lldasMaxSledai || self == .recentEventDays }

        /// - Throws: ``InputError`` naming the key for an unknown key.
        public static func named(_ text: String, field: String = "KEY") throws(InputError) -> Key {
            let normalised = String(TextKey.trimmed(text).lowercased().map { $0 == "-" ? "_" : $0 })
            guard let key = Key(rawValue: normalised) else {
                throw InputError(
                    field: field, value: text, reason: "is not a setting",
                    accepted: allCases.map(\.rawValue).joined(separator: ", "))
            }
            return key
        }
    }

    /// The value of `key` as text ("100", "0.5").
    public func value(of key: Key) -> String {
        switch key {
        case .bCellReconstitutionPerMicrolitre: return "\(bCellReconstitutionPerMicrolitre)"
        case .bCellAplasiaPerMicrolitre: return "\(bCellAplasiaPerMicrolitre)"
        case .bCellReconstitutionPercent: return "\(bCellReconstitutionPercent)"
        case .iggLowGPerL: return "\(iggLowGPerL)"
        case .proteinuriaMgPerG: return "\(proteinuriaMgPerG)"
        case .dorisMaxPrednisoneMgPerDay: return "\(dorisMaxPrednisoneMgPerDay)"
        case .dorisPGABelow: return "\(dorisPGABelow)"
        case .lldasMaxPrednisoneMgPerDay: return "\(lldasMaxPrednisoneMgPerDay)"
        case .lldasMaxSledai: return "\(lldasMaxSledai)"
        case .lldasMaxPGA: return "\(lldasMaxPGA)"
        case .recentEventDays: return "\(recentEventDays)"
        case .trendStableFraction: return "\(trendStableFraction)"
        }
    }

    /// Sets `key` from text, checking it is a plain number within the key's bounds.
    ///
    /// - Throws: ``InputError`` naming the key, the value and what is accepted.
    public mutating func set(_ key: Key, to text: String) throws(InputError) {
        let accepted = "\(key.isInteger ? "a whole number" : "a number") from \(key.bounds.lowerBound) to \(key.bounds.upperBound)"
        let trimmed = TextKey.trimmed(text)
        let negative = trimmed.hasPrefix("-")  // a number, if out of range
        guard let number = DecimalText.parse(negative ? String(trimmed.dropFirst()) : trimmed).map({ negative ? -$0 : $0 }) else {
            throw InputError(field: key.rawValue, value: text, reason: "is not a number", accepted: accepted)
        }
        guard key.bounds.contains(number) else {
            let reason = number < 0 ? "is negative" : "is out of range"
            throw InputError(field: key.rawValue, value: text, reason: reason, accepted: accepted)
        }
        guard !key.isInteger || number == DecimalText.rounded(number, scale: 0) else {
            throw InputError(field: key.rawValue, value: text, reason: "is not a whole number", accepted: accepted)
        }
        switch key {
        case .bCellReconstitutionPerMicrolitre: bCellReconstitutionPerMicrolitre = number
        case .bCellAplasiaPerMicrolitre: bCellAplasiaPerMicrolitre = number
        case .bCellReconstitutionPercent: bCellReconstitutionPercent = number
        case .iggLowGPerL: iggLowGPerL = number
        case .proteinuriaMgPerG: proteinuriaMgPerG = number
        case .dorisMaxPrednisoneMgPerDay: dorisMaxPrednisoneMgPerDay = number
        case .dorisPGABelow: dorisPGABelow = number
        case .lldasMaxPrednisoneMgPerDay: lldasMaxPrednisoneMgPerDay = number
        case .lldasMaxSledai: lldasMaxSledai = Int("\(number)") ?? 0
        case .lldasMaxPGA: lldasMaxPGA = number
        case .recentEventDays: recentEventDays = Int("\(number)") ?? 0
        case .trendStableFraction: trendStableFraction = number
        }
    }

    /// Applies `key=value` overrides (the `--set` option), in order.
    public mutating func apply(overrides: [String]) throws(InputError) {
        for item in overrides {
            guard let equals = item.firstIndex(of: "=") else {
                throw InputError(field: "--set", value: item, reason: "is not KEY=VALUE", accepted: "e.g. --set igg_low_g_per_l=3")
            }
            let key = try Key.named(String(item[..<equals]), field: "--set")
            try set(key, to: String(item[item.index(after: equals)...]))
        }
    }
}
