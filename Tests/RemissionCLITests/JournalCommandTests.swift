import Foundation
import RemissionTestSupport
import Testing

/// `init`, where the journal lives, and the files' privacy.
@Suite struct InitTests {
    @Test func initCreatesAPrivateJournalWithDayZero() throws {
        let cli = try CLI()
        let output = try cli.ok(
            "init", "--infusion-date", "2026-03-02", "--diagnosis", "SLE", "--product", "KYV-101",
            "--target", "cd19", "--device-name", "laptop")
        #expect(output.contains("Created a journal at \(cli.journal) (device laptop)."))
        #expect(output.contains("Infusion (day 0): 2026-03-02."))
        let attributes = try FileManager.default.attributesOfItem(atPath: cli.journal)
        #expect((attributes[.posixPermissions] as? Int) == 0o700)
        let file = try FileManager.default.attributesOfItem(atPath: cli.journal + "/journal.sqlite")
        #expect((file[.posixPermissions] as? Int) == 0o600)

        let profile = try #require(try cli.json("list", "--kind", "profile") as? [[String: Any]])
        let fields = try #require(profile.first?["fields"] as? [String: Any])
        #expect(fields["diagnosis"] as? String == "SLE")
        #expect(fields["product"] as? String == "KYV-101")
        #expect(fields["target"] as? String == "CD19")
        let events = try #require(try cli.json("list", "--kind", "event") as? [[String: Any]])
        #expect(events.count == 1)
        #expect(events.first?["date"] as? String == "2026-03-02")
        #expect(events.first?["day"] as? Int == 0)
    }

    @Test func secondInitIsRefusedAndChangesNothing() throws {
        let cli = try CLI.withJournal()
        let before = try cli.export()
        let result = try cli.run(["init", "--infusion-date", "2026-01-01"])
        #expect(result.status == 73)
        #expect(result.stderr.contains("a journal already exists at \(cli.journal)/journal.sqlite; nothing was changed"))
        #expect(try cli.export() == before)
    }

    @Test func invalidInitCreatesNothing() throws {
        let cli = try CLI()
        let result = try cli.run(["init", "--target", "CD20"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--target 'CD20'"))
        #expect(result.stderr.contains("CD19, BCMA, CD19+BCMA"))
        #expect(!FileManager.default.fileExists(atPath: cli.journal))
    }

    @Test func journalLocationFollowsFlagThenEnvironmentThenXDG() throws {
        let cli = try CLI()
        let flagged = cli.home.appendingPathComponent("flagged").path
        try cli.ok("init", "--journal", flagged)
        #expect(FileManager.default.fileExists(atPath: flagged + "/journal.sqlite"))

        let xdg = cli.home.appendingPathComponent("xdg").path
        var result = try cli.run(["init"], environment: ["REMISSION_HOME": "", "XDG_DATA_HOME": xdg])
        #expect(result.status == 0, "\(result)")
        #expect(FileManager.default.fileExists(atPath: xdg + "/remission/journal.sqlite"))

        result = try cli.run(["init"], environment: ["REMISSION_HOME": "", "XDG_DATA_HOME": ""])
        #expect(result.status == 0, "\(result)")
        #expect(FileManager.default.fileExists(atPath: cli.home.path + "/.local/share/remission/journal.sqlite"))
    }

    @Test func commandsWithoutAJournalSayHowToCreateOne() throws {
        let cli = try CLI()
        let result = try cli.run(["log", "--symptom", "fatigue=3"])
        #expect(result.status == 66)
        #expect(result.stderr.contains("no journal at \(cli.journal)/journal.sqlite. Create one with `remission init`"))
        #expect(!FileManager.default.fileExists(atPath: cli.journal))
    }
}

/// `log`: symptoms, well-being, notes from options, standard input and the editor.
@Suite struct LogTests {
    @Test func logRecordsSymptomsAndADayEntry() throws {
        let cli = try CLI.withJournal()
        let output = try cli.ok(
            "log", "--symptom", "fatigue=3", "--symptom", "Joint Pain=2", "--wellbeing", "7",
            "--note", "walked 2 km", "--tag", "Walk")
        #expect(output.contains("logged entry"))
        #expect(output.contains("2026-11-20 (day +263)  well-being 7/10, #walk, “walked 2 km”"))
        #expect(output.contains("fatigue 3/10"))
        #expect(output.contains("joint-pain 2/10"))
        let symptoms = try #require(try cli.json("list", "--kind", "symptom") as? [[String: Any]])
        #expect(symptoms.count == 2)
        let entry = try cli.onlyID(kind: "entry")
        for symptom in symptoms {
            let fields = try #require(symptom["fields"] as? [String: Any])
            #expect(fields["entry_id"] as? String == entry)
            #expect(symptom["day"] as? Int == 263)
        }
    }

    @Test func logAcceptsEveryDateForm() throws {
        let cli = try CLI.withJournal()
        let forms = [
            "2026-11-01": "2026-11-01", "today": "2026-11-20", "yesterday": "2026-11-19", "-3d": "2026-11-17",
            "d+30": "2026-04-01", "d0": "2026-03-02"
        ]
        for (form, date) in forms.sorted(by: { $0.key < $1.key }) {
            let output = try cli.ok("log", "--date", form, "--symptom", "fatigue=1")
            #expect(output.contains(date), "\(form) should be \(date): \(output)")
        }
        let symptoms = try #require(try cli.json("list", "--kind", "symptom") as? [[String: Any]])
        #expect(Set(symptoms.compactMap { $0["date"] as? String }) == Set(forms.values))
    }

    @Test func noteFromStandardInput() throws {
        let cli = try CLI.withJournal()
        let note = "Private detail: rash on both cheeks\nsecond line"
        let output = try cli.ok("log", "--note", "-", "--wellbeing", "5", stdin: note)
        #expect(output.contains("rash on both cheeks"))
        let entries = try #require(try cli.json("list", "--kind", "entry") as? [[String: Any]])
        #expect((entries.first?["fields"] as? [String: Any])?["note"] as? String == note)
    }

    @Test func noteFromTheEditor() throws {
        let cli = try CLI.withJournal()
        let editor = cli.home.appendingPathComponent("fake-editor.sh")
        try "#!/bin/sh\nprintf 'written in the editor\\n# a comment line\\n' > \"$1\"\n".write(to: editor, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: editor.path)
        let result = try cli.run(["log", "--edit-note"], environment: ["EDITOR": editor.path, "VISUAL": ""])
        #expect(result.status == 0, "\(result)")
        let entries = try #require(try cli.json("list", "--kind", "entry") as? [[String: Any]])
        #expect((entries.first?["fields"] as? [String: Any])?["note"] as? String == "written in the editor")
    }

    @Test func emptyEditorNoteCancels() throws {
        let cli = try CLI.withJournal()
        let before = try cli.export()
        let result = try cli.run(["log", "--edit-note"], environment: ["EDITOR": "true", "VISUAL": ""])
        #expect(result.status == 1)
        #expect(result.stderr.contains("the note is empty; nothing was written"))
        #expect(try cli.export() == before)
    }
}

/// `lab`: catalogue, aliases, units, qualifiers, ranges.
@Suite struct LabTests {
    @Test func labKeepsTheEnteredValueAndConvertsExactly() throws {
        let cli = try CLI.withJournal()
        let output = try cli.ok("lab", "C3", "82", "mg/dL", "--range", "90-180", "--lab", "City Lab", "--date", "d+90")
        #expect(output.contains("2026-05-31 (day +90)  Complement C3 82 mg/dL (0.82 g/L), range 90-180 ↓ low"))
        let records = try #require(try cli.json("list", "--kind", "lab") as? [[String: Any]])
        let fields = try #require(records.first?["fields"] as? [String: Any])
        #expect(fields["value"] as? String == "82")
        #expect(fields["unit"] as? String == "mg/dL")
        #expect(fields["canonical_value"] as? String == "0.82")
        #expect(fields["canonical_unit"] as? String == "g/L")
        #expect(fields["range_low"] as? String == "0.9")
        #expect(fields["range_high"] as? String == "1.8")
        #expect(fields["lab"] as? String == "City Lab")
        #expect(records.first?["flag"] as? String == "low")
    }

    @Test(
        arguments: [
            (["cd19", "<1", "cells/uL"], "cd19", "1", "<"),
            (["b-cells", "0.142", "10^9/L"], "cd19", "142", nil),
            (["anti-dsdna", "12.0", "IU/mL"], "anti-dsdna", "12", nil),
            (["dsdna", ">300", "kIU/L"], "anti-dsdna", "300", ">"),
            (["creatinine", "1.2", "mg/dL"], "creatinine", "106.08", nil),
            (["upcr", "57", "mg/mmol"], "upcr", "503.88", nil),
            (["hb", "128", "g/L"], "haemoglobin", "12.8", nil),
            (["igg", "650", "mg/dL"], "igg", "6.5", nil),
            (["ana", "1:160", "titre"], "ana-titre", "160", nil)
        ] as [([String], String, String, String?)])
    func analytesAliasesAndUnits(arguments: [String], analyte: String, canonical: String, qualifier: String?) throws {
        let cli = try CLI.withJournal()
        try cli.ok("lab", arguments[0], arguments[1], arguments[2])
        let records = try #require(try cli.json("list", "--kind", "lab") as? [[String: Any]])
        let fields = try #require(records.first?["fields"] as? [String: Any])
        #expect(fields["analyte"] as? String == analyte)
        #expect(fields["canonical_value"] as? String == canonical)
        #expect(fields["qualifier"] as? String == qualifier)
        #expect(fields["unit"] as? String == arguments[2])
    }
}

/// `med start|change|stop`: periods, catalogue, custom drugs.
@Suite struct MedicationTests {
    @Test func startChangeStopKeepsEveryPeriod() throws {
        let cli = try CLI.withJournal()
        try cli.ok("med", "start", "Prednisolone", "--dose", "10 mg", "--frequency", "daily", "--date", "2026-01-05")
        try cli.ok("med", "change", "prednisolone", "--dose", "5mg", "--date", "d+0")
        let stopped = try cli.ok("med", "stop", "prednisolone", "--date", "d+100", "--reason", "tapered off")
        #expect(stopped.contains("Prednisolone 5 mg daily (from 2026-03-02 until 2026-06-10)"))
        let periods = try #require(try cli.json("list", "--kind", "medication") as? [[String: Any]])
        let summary = periods.compactMap { record -> String? in
            guard let fields = record["fields"] as? [String: Any] else { return nil }
            return "\(fields["dose"] ?? "") \(fields["start_date"] ?? "")→\(fields["end_date"] ?? "now")"
        }
        #expect(summary == ["10 mg 2026-01-05→2026-03-02", "5 mg 2026-03-02→2026-06-10"])
        let fields = try #require(periods.first?["fields"] as? [String: Any])
        #expect(fields["drug"] as? String == "prednisolone")
        #expect(fields["drug_class"] as? String == "glucocorticoid")
        #expect(fields["frequency"] as? String == "daily")
    }

    /// The reason a drug was started for and the reason it was stopped are two facts: stopping
    /// must not replace the first.
    @Test func theStopReasonKeepsTheStartReason() throws {
        let cli = try CLI.withJournal()
        try cli.ok(
            "med", "start", "belimumab", "--dose", "10 mg/kg", "--frequency", "every-4-weeks", "--date", "2025-01-10",
            "--reason", "renal flare")
        try cli.ok("med", "stop", "belimumab", "--date", "2026-02-20", "--reason", "before CAR-T")
        let period = try #require((try cli.json("list", "--kind", "medication") as? [[String: Any]])?.first)
        let fields = try #require(period["fields"] as? [String: Any])
        #expect(fields["reason"] as? String == "renal flare")
        #expect(fields["stop_reason"] as? String == "before CAR-T")
        let id = try #require(period["id"] as? String)
        // Corrected with edit; a stop reason on a period still running is refused.
        try cli.ok("edit", id, "--stop-reason", "lymphodepletion planned")
        let shown = try cli.ok("show", id)
        #expect(shown.contains("reason: renal flare") && shown.contains("stop_reason: lymphodepletion planned"), "\(shown)")
        let before = try cli.export()
        let reopened = try cli.run(["edit", id, "--end-date", ""])
        #expect(reopened.status == 64)
        #expect(reopened.stderr.contains("--stop-reason 'lymphodepletion planned': is for a stopped period, and this one has no end date"))
        #expect(try cli.export() == before)
        try cli.ok("edit", id, "--end-date", "", "--stop-reason", "")
        let current = try #require((try cli.json("list", "--kind", "medication") as? [[String: Any]])?.first?["fields"] as? [String: Any])
        #expect(current["end_date"] == nil || current["end_date"] is NSNull)
        #expect(current["stop_reason"] == nil || current["stop_reason"] is NSNull)
        #expect(current["reason"] as? String == "renal flare")
    }

    @Test func startingACurrentDrugAgainIsRefused() throws {
        let cli = try CLI.withJournal()
        try cli.ok("med", "start", "hydroxychloroquine", "--dose", "200 mg")
        let before = try cli.export()
        let result = try cli.run(["med", "start", "Plaquenil", "--dose", "400 mg"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("hydroxychloroquine is already current since 2026-11-20"))
        #expect(try cli.export() == before)
    }

    @Test func customDrugsNeedTheCustomFlag() throws {
        let cli = try CLI.withJournal()
        let refused = try cli.run(["med", "start", "vitamin-d", "--dose", "1000 IU"])
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("--custom"))
        try cli.ok("med", "start", "vitamin-d", "--dose", "1000 IU", "--custom")
        let stopped = try cli.ok("med", "stop", "vitamin-d")
        #expect(stopped.contains("vitamin-d 1000 IU"))
    }

    @Test func changeWithoutCurrentPeriodIsRefused() throws {
        let cli = try CLI.withJournal()
        let result = try cli.run(["med", "change", "prednisone", "--dose", "5 mg"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("prednisone is not a current medication"))
    }
}

/// `event` and `assess`.
@Suite struct EventAndAssessmentTests {
    @Test func eventsWithGrades() throws {
        let cli = try CLI.withJournal()
        let output = try cli.ok("event", "CRS", "--date", "d+1", "--grade", "2", "--note", "hypotension, no pressors")
        #expect(output.contains("2026-03-03 (day +1)  Cytokine release syndrome (CRS) grade 2: hypotension, no pressors"))
        try cli.ok("event", "hospitalization", "--date", "d+1")
        let events = try #require(try cli.json("list", "--kind", "event") as? [[String: Any]])
        let types = events.compactMap { ($0["fields"] as? [String: Any])?["type"] as? String }
        #expect(types == ["infusion", "crs", "hospitalisation"])
    }

    @Test func assessmentScores() throws {
        let cli = try CLI.withJournal()
        let output = try cli.ok("assess", "--date", "d+90", "--sledai", "4", "--clinical-sledai", "2", "--pga", "0.5")
        #expect(output.contains("SLEDAI-2K 4, clinical SLEDAI-2K 2, PGA 0.5"))
    }
}
