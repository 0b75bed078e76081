import Foundation
import RemissionCore
import RemissionReports

/// `remission summary --json`, as documented by `Schema/json/summary.schema.json`.
///
/// Every key is always present; what cannot be computed is `null`.
public enum SummaryJSON {
    public static func document(_ s: ClinicalSummary) -> JSONValue {
        [
            "as_of": .date(s.asOf),
            "infusion_date": .date(s.infusionDate),
            "days_since_infusion": .integer(s.daysSinceInfusion),
            "b_cells": [
                "status": .string(s.bCells.status.rawValue),
                "last_value": .number(s.bCells.lastValue),
                "last_qualifier": .string(s.bCells.lastQualifier?.rawValue),
                "last_date": .date(s.bCells.lastDate),
                "reconstitution_day": .integer(s.bCells.reconstitutionDay),
                "reconstitution_date": .date(s.bCells.reconstitutionDate),
                "recovering_since": .date(s.bCells.recoveringSince),
                "threshold": .number(s.bCells.threshold),
                "aplasia_limit": .number(s.bCells.aplasiaLimit)
            ],
            "anti_dsdna": [
                "status": .string(s.antiDsDNA.status.rawValue),
                "last_value": .number(s.antiDsDNA.lastValue),
                "last_qualifier": .string(s.antiDsDNA.lastQualifier?.rawValue),
                "last_date": .date(s.antiDsDNA.lastDate),
                "negative_since": .date(s.antiDsDNA.negativeSince),
                "negative_since_day": .integer(s.antiDsDNA.negativeSinceDay),
                "positive_since": .date(s.antiDsDNA.positiveSince),
                "positive_since_day": .integer(s.antiDsDNA.positiveSince.flatMap { StudyDay.number(for: $0, infusion: s.infusionDate) }),
                "assay_changed": .bool(s.antiDsDNA.assayChangedAtLast)
            ],
            "complement": [
                "c3_status": .string(s.complement.c3Status.rawValue),
                "c4_status": .string(s.complement.c4Status.rawValue),
                "c3_last_value": .number(s.complement.c3LastValue),
                "c4_last_value": .number(s.complement.c4LastValue),
                "normal_since": .date(s.complement.normalSince),
                "normal_since_day": .integer(s.complement.normalSinceDay)
            ],
            "igg": [
                "status": .string(s.igg.status.rawValue),
                "last_g_per_l": .number(s.igg.lastGPerL),
                "last_qualifier": .string(s.igg.lastQualifier?.rawValue),
                "last_date": .date(s.igg.lastDate),
                "at_or_below_threshold": .bool(s.igg.atOrBelowThreshold),
                "threshold": .number(s.igg.threshold)
            ],
            "glucocorticoid": [
                "current_prednisone_equivalent_mg_per_day": .number(s.glucocorticoid.currentPrednisoneEquivalent),
                "steroid_free_since": .date(s.glucocorticoid.steroidFreeSince),
                "steroid_free_days": .integer(s.glucocorticoid.steroidFreeDays)
            ],
            "immunosuppressant_free_since": .date(s.immunosuppressantFreeSince),
            "immunosuppressant_free_days": .integer(s.immunosuppressantFreeDays),
            "active_immunosuppressants": .strings(s.activeImmunosuppressants),
            "doris": assessment(s.doris),
            "lldas": assessment(s.lldas),
            "symptoms": [
                "mean_7d": .number(s.symptoms.mean7d),
                "mean_30d": .number(s.symptoms.mean30d),
                "mean_90d": .number(s.symptoms.mean90d)
            ],
            "alerts": .array(s.alerts.map { ["code": .string($0.code.rawValue), "message": .string($0.message), "date": .date($0.date)] }),
            "settings": settings(s.settings)
        ]
    }

    static func assessment(_ a: RemissionAssessment) -> JSONValue {
        [
            "status": .string(a.status.rawValue),
            "assessed_on": .date(a.assessedOn),
            "reasons": .strings(a.reasons),
            "missing": .strings(a.missing)
        ]
    }

    /// The thresholds in effect, so a reader of the JSON knows what the statuses mean.
    public static func settings(_ settings: ClinicalSettings) -> JSONValue {
        var members: [String: JSONValue] = [:]
        for key in ClinicalSettings.Key.allCases {
            members[key.rawValue] = .number(Decimal(string: settings.value(of: key)))
        }
        return .object(members)
    }
}
