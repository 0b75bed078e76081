import Foundation
import RemissionTestSupport
import Testing

/// `remission summary`: every key of the JSON on journals with known timelines, built with the
/// binary as a user would. Expected values are worked out by hand in the comments.
@Suite struct SummaryCommandTests {
    /// Compares two JSON documents structurally (key order and number spelling aside).
    /// Compares two JSON texts as values: key order and spacing aside, but `false` is not `0`
    /// (NSObject equality would call them equal).
    static func expectJSON(_ actual: String, equals expected: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        func canonical(_ text: String) throws -> String {
            let value = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
            let data = try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .prettyPrinted, .fragmentsAllowed])
            return String(decoding: data, as: UTF8.self)
        }
        let a = try canonical(actual), e = try canonical(expected)
        #expect(a == e, "JSON differs.\nactual:\n\(a)\nexpected:\n\(e)", sourceLocation: sourceLocation)
    }

    static let defaultSettings = """
        {"b_cell_reconstitution_per_ul": 100, "b_cell_aplasia_per_ul": 1, "b_cell_reconstitution_percent": 1, "igg_low_g_per_l": 4,
         "proteinuria_mg_per_g": 500, "doris_max_prednisone_mg_per_day": 5, "doris_pga_below": 0.5,
         "lldas_max_prednisone_mg_per_day": 7.5, "lldas_max_sledai": 4, "lldas_max_pga": 1,
         "recent_event_days": 30, "trend_stable_fraction": 0.05}
        """

    /// Infusion 2026-03-02 (day 0), today 2026-11-20 (day +263): a patient in drug-free remission.
    static func remissionJournal() throws -> CLI {
        let cli = try CLI.withJournal()
        // B cells: aplasia, one count above 100 that the next does not confirm, then two in a row.
        try cli.ok("lab", "cd19", "250", "cells/uL", "--date", "2026-02-20")  // day -10: before infusion, ignored
        try cli.ok("lab", "cd19", "<1", "cells/uL", "--date", "2026-03-16")  // day 14
        try cli.ok("lab", "cd19", "4", "cells/uL", "--date", "2026-05-01")  // day 60
        try cli.ok("lab", "cd19", "120", "cells/uL", "--date", "2026-06-20")  // day 110, not confirmed
        try cli.ok("lab", "cd19", "95", "cells/uL", "--date", "2026-07-20")  // day 140
        try cli.ok("lab", "cd19", "130", "cells/uL", "--date", "2026-08-20")  // day 171, confirmed by
        try cli.ok("lab", "cd19", "160", "cells/uL", "--date", "2026-09-20")  // day 202
        // anti-dsDNA: positive before, negative from day 30 on.
        try cli.ok("lab", "anti-dsdna", "85", "IU/mL", "--range", "<30", "--date", "2026-02-20")
        try cli.ok("lab", "anti-dsdna", "20", "IU/mL", "--range", "<30", "--date", "2026-04-01")
        try cli.ok("lab", "anti-dsdna", "8", "IU/mL", "--range", "<30", "--date", "2026-06-01")
        try cli.ok("lab", "anti-dsdna", "<5", "IU/mL", "--range", "<30", "--date", "2026-10-01")
        // Complement: C3 normal from 2026-05-01, C4 from 2026-06-01 → both since day 91.
        try cli.ok("lab", "c3", "0.6", "g/L", "--date", "2026-02-20")
        try cli.ok("lab", "c3", "95", "mg/dL", "--range", "90-180", "--date", "2026-05-01")
        try cli.ok("lab", "c3", "1.02", "g/L", "--date", "2026-10-01")
        try cli.ok("lab", "c4", "0.05", "g/L", "--date", "2026-02-20")
        try cli.ok("lab", "c4", "0.15", "g/L", "--date", "2026-06-01")
        // IgG 5.2 g/L: low against the default range (7–16), above the replacement threshold of 4: no alert.
        try cli.ok("lab", "igg", "5.2", "g/L", "--date", "2026-10-01")
        // Prednisone 20 → 10 mg on the infusion day → 5 mg → stopped on 2026-06-01 (172 days ago).
        try cli.ok("med", "start", "prednisone", "--dose", "20 mg", "--frequency", "daily", "--date", "2026-01-01")
        try cli.ok("med", "change", "prednisone", "--dose", "10 mg", "--date", "2026-03-02")
        try cli.ok("med", "change", "prednisone", "--dose", "5 mg", "--date", "2026-04-01")
        try cli.ok("med", "stop", "prednisone", "--date", "2026-06-01")
        // Mycophenolate stopped before infusion (278 days ago); hydroxychloroquine continues.
        try cli.ok("med", "start", "mycophenolate", "--dose", "1 g", "--frequency", "twice-daily", "--date", "2025-06-01")
        try cli.ok("med", "stop", "mycophenolate", "--date", "2026-02-15")
        try cli.ok("med", "start", "hydroxychloroquine", "--dose", "200 mg", "--frequency", "daily", "--date", "2025-01-01")
        try cli.ok("assess", "--sledai", "0", "--pga", "0.2", "--date", "2026-10-01")
        try cli.ok("event", "flare", "--date", "2026-09-01")  // 80 days ago: no alert
        try cli.ok("event", "infection", "--date", "2026-11-05")  // 15 days ago: alert
        // Burden per day: 09-01 8, 10-25 6, 11-15 4, 11-20 2+1 = 3.
        try cli.ok("log", "--date", "2026-09-01", "--symptom", "fatigue=8")
        try cli.ok("log", "--date", "2026-10-25", "--symptom", "fatigue=6")
        try cli.ok("log", "--date", "2026-11-15", "--symptom", "fatigue=4")
        try cli.ok("log", "--date", "2026-11-20", "--symptom", "fatigue=2", "--symptom", "joint-pain=1")
        return cli
    }

    @Test func everyKeyOfARemissionTimeline() throws {
        let cli = try Self.remissionJournal()
        let result = try cli.run(["summary", "--json"])
        #expect(result.status == 0, "\(result)")
        try Self.expectJSON(
            result.stdout,
            equals: """
                {
                  "as_of": "2026-11-20", "infusion_date": "2026-03-02", "days_since_infusion": 263,
                  "b_cells": {"status": "reconstituted", "last_value": 160, "last_qualifier": null, "last_date": "2026-09-20",
                              "reconstitution_day": 171, "reconstitution_date": "2026-08-20", "recovering_since": null,
                              "threshold": 100, "aplasia_limit": 1},
                  "anti_dsdna": {"status": "negative", "last_value": 5, "last_qualifier": "<", "last_date": "2026-10-01",
                                 "negative_since": "2026-04-01", "negative_since_day": 30, "positive_since": null, "positive_since_day": null,
                                 "assay_changed": false},
                  "complement": {"c3_status": "normal", "c4_status": "normal", "c3_last_value": 1.02, "c4_last_value": 0.15,
                                 "normal_since": "2026-06-01", "normal_since_day": 91},
                  "igg": {"status": "low", "last_g_per_l": 5.2, "last_qualifier": null, "last_date": "2026-10-01",
                          "at_or_below_threshold": false, "threshold": 4},
                  "glucocorticoid": {"current_prednisone_equivalent_mg_per_day": 0, "steroid_free_since": "2026-06-01",
                                     "steroid_free_days": 172},
                  "immunosuppressant_free_since": "2026-02-15", "immunosuppressant_free_days": 278,
                  "active_immunosuppressants": [],
                  "doris": {"status": "met", "assessed_on": "2026-10-01",
                            "reasons": ["clinical SLEDAI-2K 0", "PGA 0.2 below 0.5", "prednisone equivalent 0 mg/day, at most 5"],
                            "missing": []},
                  "lldas": {"status": "met", "assessed_on": "2026-10-01",
                            "reasons": ["SLEDAI-2K 0, at most 4", "no clinical SLEDAI-2K activity, so no major-organ or new activity",
                                        "PGA 0.2, at most 1", "prednisone equivalent 0 mg/day, at most 7.5",
                                        "haemolytic anaemia and gastrointestinal activity are not recorded by the journal and were not checked"],
                            "missing": []},
                  "symptoms": {"mean_7d": 3.5, "mean_30d": 4.33, "mean_90d": 5.25},
                  "alerts": [
                    {"code": "recent_infection", "date": "2026-11-05", "message": "infection on 2026-11-05 (day +248), 15 days ago"},
                    {"code": "b_cells_reconstituted", "date": "2026-08-20",
                     "message": "B cells reconstituted: at or above 100 cells/µL from 2026-08-20 (day +171), confirmed by the next result"}
                  ],
                  "settings": \(Self.defaultSettings)
                }
                """)
        let text = try cli.ok("summary")
        #expect(text.contains("Remission summary as of 2026-11-20, day +263 after the infusion on 2026-03-02"))
        #expect(text.contains("reconstituted from day +171 (2026-08-20); last 160 cells/µL on day +202 (2026-09-20)"))
        #expect(text.contains("negative since day +30 (2026-04-01); last <5 IU/mL"))
        #expect(text.contains("0 mg/day prednisone equivalent; steroid-free since 2026-06-01 (172 days)"))
        #expect(text.contains("none since 2026-02-15 (278 days)"))
        #expect(text.contains("low (below its reference range), above the 4 g/L replacement threshold; last 5.2 g/L on day +213 (2026-10-01)"))
        #expect(text.contains("! 2026-11-05  infection on 2026-11-05 (day +248), 15 days ago  [recent_infection]"))
    }

    /// "As of" a past day: only what was recorded by then, and the dose of that day.
    @Test func asOfAPastDayUsesOnlyWhatWasKnownThen() throws {
        let cli = try Self.remissionJournal()
        let past = try #require(try cli.json("summary", "--as-of", "2026-07-01") as? [String: Any])
        let b = try #require(past["b_cells"] as? [String: Any])
        #expect(b["status"] as? String == "unconfirmed")  // 120 on day 110, nothing after it yet
        #expect(b["reconstitution_day"] is NSNull)
        #expect(past["days_since_infusion"] as? Int == 121)
        let steroid = try #require(past["glucocorticoid"] as? [String: Any])
        #expect(steroid["steroid_free_days"] as? Int == 30)
        #expect((past["doris"] as? [String: Any])?["status"] as? String == "insufficient_data")
        #expect((past["doris"] as? [String: Any])?["missing"] as? [String] == ["clinical SLEDAI-2K", "PGA"])
        #expect((past["alerts"] as? [Any])?.isEmpty == true)
    }

    @Test func noInfusionDateGivesNullsNotGuesses() throws {
        let cli = try CLI()
        try cli.ok("init", "--device-name", "laptop")
        try cli.ok("lab", "cd19", "150", "cells/uL", "--date", "2026-05-01")
        try cli.ok("lab", "cd19", "180", "cells/uL", "--date", "2026-06-01")
        try cli.ok("lab", "anti-dsdna", "10", "IU/mL", "--date", "2026-06-01")
        let result = try cli.run(["summary", "--json"])
        try Self.expectJSON(
            result.stdout,
            equals: """
                {
                  "as_of": "2026-11-20", "infusion_date": null, "days_since_infusion": null,
                  "b_cells": {"status": "unknown", "last_value": 180, "last_qualifier": null, "last_date": "2026-06-01",
                              "reconstitution_day": null, "reconstitution_date": null, "recovering_since": null,
                              "threshold": 100, "aplasia_limit": 1},
                  "anti_dsdna": {"status": "negative", "last_value": 10, "last_qualifier": null, "last_date": "2026-06-01",
                                 "negative_since": "2026-06-01", "negative_since_day": null, "positive_since": null, "positive_since_day": null,
                                 "assay_changed": false},
                  "complement": {"c3_status": "unknown", "c4_status": "unknown", "c3_last_value": null, "c4_last_value": null,
                                 "normal_since": null, "normal_since_day": null},
                  "igg": {"status": "unknown", "last_g_per_l": null, "last_qualifier": null, "last_date": null,
                          "at_or_below_threshold": null, "threshold": 4},
                  "glucocorticoid": {"current_prednisone_equivalent_mg_per_day": null, "steroid_free_since": null,
                                     "steroid_free_days": null},
                  "immunosuppressant_free_since": null, "immunosuppressant_free_days": null,
                  "active_immunosuppressants": [],
                  "doris": {"status": "insufficient_data", "assessed_on": null, "reasons": [],
                            "missing": ["clinical SLEDAI-2K", "PGA", "prednisone-equivalent dose"]},
                  "lldas": {"status": "insufficient_data", "assessed_on": null, "reasons": [],
                            "missing": ["SLEDAI-2K", "PGA", "prednisone-equivalent dose"]},
                  "symptoms": {"mean_7d": null, "mean_30d": null, "mean_90d": null},
                  "alerts": [],
                  "settings": \(Self.defaultSettings)
                }
                """)
        let text = try cli.ok("summary")
        #expect(text.contains("no infusion recorded"))
    }

    @Test func noResultsAfterInfusionAndASingleUnconfirmedResult() throws {
        let cli = try CLI.withJournal()
        try cli.ok("lab", "cd19", "300", "cells/uL", "--date", "2026-02-01")
        var b = try #require((try cli.json("summary") as? [String: Any])?["b_cells"] as? [String: Any])
        #expect(b["status"] as? String == "unknown")
        #expect(b["last_value"] as? Int == 300)
        try cli.ok("lab", "cd19", "100", "cells/uL", "--date", "2026-07-01")  // exactly the threshold counts
        b = try #require((try cli.json("summary") as? [String: Any])?["b_cells"] as? [String: Any])
        #expect(b["status"] as? String == "unconfirmed")
        #expect(b["reconstitution_date"] is NSNull)
        // The same journal judged with a higher threshold: 100 cells/µL are detectable B cells
        // below it, recovering since that result.
        b = try #require((try cli.json("summary", "--set", "b_cell_reconstitution_per_ul=101") as? [String: Any])?["b_cells"] as? [String: Any])
        #expect(b["status"] as? String == "recovering")
        #expect(b["recovering_since"] as? String == "2026-07-01")
        #expect(b["threshold"] as? Int == 101)
    }

    @Test func positiveAfterYearsOfNegativesAndProteinuriaAndLowIgG() throws {
        let cli = try CLI()
        try cli.ok("init", "--infusion-date", "2022-01-10", "--device-name", "laptop")
        for year in 2022...2025 {
            try cli.ok("lab", "anti-dsdna", "6", "IU/mL", "--range", "<30", "--date", "\(year)-06-01")
        }
        try cli.ok("lab", "anti-dsdna", "41", "IU/mL", "--range", "<30", "--date", "2026-11-02")
        try cli.ok("lab", "upcr", "62", "mg/mmol", "--date", "2026-11-02")  // 62 × 8.84 = 548.08 mg/g
        try cli.ok("lab", "igg", "400", "mg/dL", "--date", "2026-11-02")  // 4 g/L: at the threshold counts
        try cli.ok("lab", "c3", "1.1", "g/L", "--date", "2026-06-01")
        try cli.ok("lab", "c3", "0.85", "g/L", "--date", "2026-11-02")  // below the default 0.9
        try cli.ok("event", "flare", "--date", "2026-10-21")  // 30 days ago: outside the last 30 days
        try cli.ok("event", "flare", "--date", "2026-10-22")  // 29 days ago: the window's first day
        let summary = try #require(try cli.json("summary") as? [String: Any])
        let anti = try #require(summary["anti_dsdna"] as? [String: Any])
        #expect(anti["status"] as? String == "positive")
        #expect(anti["negative_since"] is NSNull)
        #expect(anti["positive_since"] as? String == "2026-11-02" && anti["positive_since_day"] as? Int == 1757)
        let text = try cli.ok("summary")
        #expect(text.contains("positive since day +1757 (2026-11-02); last 41 IU/mL on day +1757 (2026-11-02)"))
        #expect(text.contains("low, at or below the 4 g/L replacement threshold; last 4 g/L on day +1757"), "\(text)")
        #expect((summary["igg"] as? [String: Any])?["at_or_below_threshold"] as? Bool == true)
        #expect((summary["igg"] as? [String: Any])?["status"] as? String == "low")
        #expect((summary["complement"] as? [String: Any])?["c3_status"] as? String == "low")
        let alerts = try #require(summary["alerts"] as? [[String: Any]])
        #expect(
            alerts.map { $0["code"] as? String } == [
                "anti_dsdna_positive_again", "complement_below_range", "igg_low", "proteinuria", "recent_flare"
            ])
        #expect(alerts.map { $0["date"] as? String } == ["2026-11-02", "2026-11-02", "2026-11-02", "2026-11-02", "2026-10-22"])
        #expect(alerts[0]["message"] as? String == "anti-dsDNA 41 IU/mL on 2026-11-02 (day +1757) is positive after negative results")
        #expect(alerts[1]["message"] as? String == "C3 0.85 g/L on 2026-11-02 (day +1757) fell below its range (range 0.9–1.8)")
        #expect(alerts[3]["message"] as? String == "urine protein/creatinine 548.08 mg/g on 2026-11-02 (day +1757) is above 500 mg/g")
        #expect(alerts[4]["message"] as? String == "flare on 2026-10-22 (day +1746), 29 days ago")
        // Thresholds are settings: with proteinuria at 600 and the window at 29 days, two alerts go.
        try cli.ok("config", "set", "proteinuria_mg_per_g", "600")
        try cli.ok("config", "set", "recent-event-days", "29")
        let changed = try #require((try cli.json("summary") as? [String: Any])?["alerts"] as? [[String: Any]])
        #expect(changed.map { $0["code"] as? String } == ["anti_dsdna_positive_again", "complement_below_range", "igg_low"])

        // A second positive and a second low C3: the alerts stay dated at the first of each run.
        try cli.ok("lab", "anti-dsdna", "55", "IU/mL", "--range", "<30", "--date", "2026-11-16")
        try cli.ok("lab", "c3", "0.8", "g/L", "--date", "2026-11-16")
        let later = try #require((try cli.json("summary") as? [String: Any])?["alerts"] as? [[String: Any]])
        #expect(later.map { $0["code"] as? String } == ["anti_dsdna_positive_again", "complement_below_range", "igg_low"])
        #expect(later.map { $0["date"] as? String } == ["2026-11-02", "2026-11-02", "2026-11-02"])
        #expect(
            later[0]["message"] as? String
                == "anti-dsDNA 41 IU/mL on 2026-11-02 (day +1757) is positive after negative results; latest 55 IU/mL on 2026-11-16 (day +1771)")
        #expect(later[1]["message"] as? String == "C3 0.85 g/L on 2026-11-02 (day +1757) fell below its range (range 0.9–1.8)")
    }

    @Test func aDoseChangeOnTheInfusionDayAndTwoAssays() throws {
        let cli = try CLI.withJournal()
        try cli.ok("med", "start", "prednisone", "--dose", "10 mg", "--frequency", "daily", "--date", "2026-02-01")
        try cli.ok("med", "change", "prednisone", "--dose", "4 mg", "--date", "2026-03-02")
        try cli.ok("med", "start", "methylprednisolone", "--dose", "4 mg", "--frequency", "alternate-days", "--date", "2026-03-02")
        try cli.ok("assess", "--clinical-sledai", "0", "--pga", "0.4", "--date", "2026-03-02")
        try cli.ok("lab", "anti-dsdna", "25", "IU/mL", "--range", "<30", "--lab", "Lab A", "--date", "2026-04-01")
        try cli.ok("lab", "anti-dsdna", "12", "IU/mL", "--range", "<10", "--lab", "Lab B", "--date", "2026-05-01")
        let summary = try #require(try cli.json("summary") as? [String: Any])
        // On the infusion day: prednisone 4 + methylprednisolone 4 mg every other day × 1.25 = 2.5 → 6.5 mg/day.
        let doris = try #require(summary["doris"] as? [String: Any])
        #expect(doris["status"] as? String == "not_met")
        #expect(doris["reasons"] as? [String] == ["prednisone equivalent 6.5 mg/day (needs at most 5)"])
        #expect((summary["lldas"] as? [String: Any])?["status"] as? String == "insufficient_data")
        #expect((summary["glucocorticoid"] as? [String: Any])?["current_prednisone_equivalent_mg_per_day"] as? Double == 6.5)
        let anti = try #require(summary["anti_dsdna"] as? [String: Any])
        #expect(anti["status"] as? String == "positive")  // 12 is above Lab B's own range
        #expect(anti["assay_changed"] as? Bool == true)
        let alerts = try #require(summary["alerts"] as? [[String: Any]])
        #expect(alerts.map { $0["code"] as? String } == ["anti_dsdna_positive_again", "anti_dsdna_assay_changed"])
        #expect(
            alerts[1]["message"] as? String
                == "anti-dsDNA on 2026-05-01 (day +60) comes from Lab B, the result before from Lab A: values of two assays are not comparable")
    }

    /// A steroid cream is not a prednisone dose: DORIS and LLDAS limit systemic glucocorticoids.
    @Test func onlySystemicGlucocorticoidsCount() throws {
        let cli = try CLI.withJournal()
        try cli.ok("med", "start", "prednisolone", "--dose", "5 mg", "--frequency", "daily", "--route", "topical", "--date", "2026-10-01")
        var steroid = try #require((try cli.json("summary") as? [String: Any])?["glucocorticoid"] as? [String: Any])
        #expect(steroid["current_prednisone_equivalent_mg_per_day"] as? Int == 0)
        try cli.ok("med", "start", "prednisone", "--dose", "2.5 mg", "--frequency", "daily", "--date", "2026-11-01")
        steroid = try #require((try cli.json("summary") as? [String: Any])?["glucocorticoid"] as? [String: Any])
        #expect(steroid["current_prednisone_equivalent_mg_per_day"] as? Double == 2.5)
        #expect(steroid["steroid_free_since"] is NSNull)
    }

    @Test func settingsAreCheckedAndKeptPrivate() throws {
        let cli = try CLI.withJournal()
        let before = try cli.export()
        for (arguments, message) in [
            (["config", "set", "igg_low_g_per_l", "abc"], "igg_low_g_per_l 'abc': is not a number. Accepted: a number from 0 to 100"),
            (["config", "set", "igg_low_g_per_l", "101"], "igg_low_g_per_l '101': is out of range. Accepted: a number from 0 to 100"),
            (["summary", "--set", "igg_low_g_per_l=-1"], "igg_low_g_per_l '-1': is negative. Accepted: a number from 0 to 100"),
            (["config", "set", "lldas_max_sledai", "4.5"], "'4.5': is not a whole number. Accepted: a whole number from 0 to 105"),
            (["config", "set", "b_cell_threshold", "50"], "'b_cell_threshold': is not a setting"),
            (["config", "set", "b_cell_reconstitution_per_ul", "0"], "Accepted: a number from 0.1 to 100000"),
            (["summary", "--set", "igg_low_g_per_l"], "is not KEY=VALUE"),
            (["summary", "--set", "doris_pga_below=4"], "a number from 0 to 3")
        ] {
            let result = try cli.run(arguments)
            #expect(result.status == 64, "\(arguments): \(result)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: cli.journal + "/settings.json"))
        try cli.ok("config", "set", "igg_low_g_per_l", "3.5")
        let attributes = try FileManager.default.attributesOfItem(atPath: cli.journal + "/settings.json")
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(try cli.ok("config", "get", "igg_low_g_per_l") == "3.5\n")
        let list = try #require(try cli.json("config", "list") as? [[String: Any]])
        let igg = try #require(list.first { $0["key"] as? String == "igg_low_g_per_l" })
        #expect(igg["value"] as? Double == 3.5 && igg["default"] as? Int == 4 && igg["changed"] as? Bool == true)
        try cli.ok("config", "unset", "igg_low_g_per_l")
        #expect(try cli.ok("config", "get", "igg_low_g_per_l") == "4\n")
        #expect(!FileManager.default.fileExists(atPath: cli.journal + "/settings.json"))
        // 0 and 1 are numbers, not booleans: the saved file must read back.
        try cli.ok("config", "set", "lldas_max_pga", "1")
        try cli.ok("config", "set", "lldas_max_sledai", "0")
        #expect(try cli.ok("config", "get", "lldas_max_sledai") == "0\n")
        let settings = try #require((try cli.json("summary") as? [String: Any])?["settings"] as? [String: Any])
        #expect(settings["lldas_max_pga"] as? Int == 1 && settings["lldas_max_sledai"] as? Int == 0)
        try cli.ok("config", "reset")
        #expect(!FileManager.default.fileExists(atPath: cli.journal + "/settings.json"))
        // A damaged settings file is named, not ignored.
        try Data("{\"igg_low_g_per_l\": \"low\"}".utf8).write(to: URL(fileURLWithPath: cli.journal + "/settings.json"))
        let damaged = try cli.run(["summary"])
        #expect(damaged.status == 65)
        #expect(damaged.stderr.contains("settings.json cannot be used: 'igg_low_g_per_l' is not a number"))
        #expect(try cli.export() == before)
    }
}
