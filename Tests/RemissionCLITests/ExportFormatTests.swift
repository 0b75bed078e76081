import Foundation
import RemissionTestSupport
import Testing

/// `remission export --format csv` and `--format fhir`: exact bytes, spreadsheet safety, and a
/// FHIR Bundle that fhir.resources accepts as R4.
@Suite struct ExportFormatTests {
    /// The records of one kind as `list --json` prints them, oldest first.
    static func records(_ cli: CLI, kind: String) throws -> [[String: Any]] {
        try #require(try cli.json("list", "--kind", kind) as? [[String: Any]])
    }

    static func id(_ cli: CLI, kind: String, where field: String, is value: String) throws -> String {
        let match = try records(cli, kind: kind).first { ($0["fields"] as? [String: Any])?[field] as? String == value }
        return try #require(match?["id"] as? String, "no \(kind) with \(field) \(value)")
    }

    // MARK: CSV

    @Test func csvHasExactBytes() throws {
        let cli = try CLI.withJournal()
        try cli.ok("lab", "cd19", "<1", "cells/µL", "--date", "d+7", "--range", "77-427", "--lab", "Hôpital Européen")
        try cli.ok(
            "lab", "c3", "82", "mg/dL", "--date", "d+30", "--range", "90-180", "--note", "-",
            stdin: "low, \"again\"\nsee letter")
        try cli.ok("log", "--date", "d+30", "--symptom", "fatigue=3", "--wellbeing", "6", "--note", "=1+1", "--tag", "walk")
        try cli.ok("med", "start", "prednisone", "--dose", "5 mg", "--frequency", "daily", "--date", "2026-01-01", "--reason", "flare")
        try cli.ok("med", "stop", "prednisone", "--date", "d+10", "--reason", "tapered off")
        try cli.ok("assess", "--date", "d+90", "--sledai", "2", "--pga", "0.5")
        try cli.ok("event", "crs", "--date", "d+1", "--grade", "1")
        try cli.ok("lab", "igg", "3", "g/L", "--date", "d+40")
        let deleted = try Self.id(cli, kind: "lab", where: "analyte", is: "igg")
        try cli.ok("delete", deleted)

        let profile = "00000000-0000-4000-8000-000000000001"
        let cd19 = try Self.id(cli, kind: "lab", where: "analyte", is: "cd19")
        let c3 = try Self.id(cli, kind: "lab", where: "analyte", is: "c3")
        let entry = try #require(try Self.records(cli, kind: "entry").first?["id"] as? String)
        let symptom = try #require(try Self.records(cli, kind: "symptom").first?["id"] as? String)
        let med = try #require(try Self.records(cli, kind: "medication").first?["id"] as? String)
        let assessment = try #require(try Self.records(cli, kind: "assessment").first?["id"] as? String)
        let infusion = try Self.id(cli, kind: "event", where: "type", is: "infusion")
        let crs = try Self.id(cli, kind: "event", where: "type", is: "crs")

        let expected =
            [
                "date,day,kind,name,value,qualifier,unit,canonical_value,canonical_unit,range,range_low,range_high,flag,code_system,code,category,lab,time,period,frequency,route,reason,tags,note,record_id",
                ",,profile,diagnosis,SLE,,,,,,,,,,,,,,,,,,,,\(profile)",
                ",,profile,target,CD19,,,,,,,,,,,,,,,,,,,,\(profile)",
                "2026-01-01,-60,medication,prednisone,5,,mg,,,,,,,ATC,H02AB07,glucocorticoid,,,start,daily,,flare,,,\(med)",
                "2026-03-02,0,event,infusion,,,,,,,,,,,,,,,,,,,,,\(infusion)",
                "2026-03-03,1,event,crs,1,,grade,,,,,,,,,,,,,,,,,,\(crs)",
                "2026-03-09,7,lab,cd19,1,<,cells/µL,1,cells/µL,77-427,77,427,low,LOINC,8116-6,b-cells,Hôpital Européen,,,,,,,,\(cd19)",
                "2026-03-12,10,medication,prednisone,5,,mg,,,,,,,ATC,H02AB07,glucocorticoid,,,end,daily,,tapered off,,,\(med)",
                "2026-04-01,30,entry,wellbeing,6,,score 0-10,,,,,,,,,,,,,,,,walk,'=1+1,\(entry)",
                "2026-04-01,30,symptom,fatigue,3,,score 0-10,,,,,,,,,,,,,,,,,,\(symptom)",
                "2026-04-01,30,lab,c3,82,,mg/dL,0.82,g/L,90-180,0.9,1.8,low,LOINC,4485-9,complement,,,,,,,,\"low, \"\"again\"\"\nsee letter\",\(c3)",
                "2026-05-31,90,assessment,sledai,2,,score 0-105,,,,,,,,,,,,,,,,,,\(assessment)",
                "2026-05-31,90,assessment,pga,0.5,,score 0-3,,,,,,,,,,,,,,,,,,\(assessment)"
            ].joined(separator: "\r\n") + "\r\n"

        let plain = try cli.run(["export", "--format", "csv", "--no-bom"])
        #expect(plain.status == 0, "\(plain)")
        #expect(plain.stdout == expected)
        #expect(!plain.stdout.contains(deleted))

        // By default the file starts with the UTF-8 byte order mark, then the same bytes.
        let file = cli.home.appendingPathComponent("journal.csv")
        try cli.ok("export", "--format", "csv", "--output", file.path)
        let bytes = try Data(contentsOf: file)
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(bytes.dropFirst(3) == Data(expected.utf8))
        #expect(try cli.run(["export", "--format", "csv"]).stdout == "\u{FEFF}" + expected)

        // Python's csv module, reading as spreadsheets do (BOM dropped), gets every cell back.
        let read = try ScriptCheck.run(
            python: "/usr/bin/python3",
            arguments: [
                "-c", "import csv, json, sys; print(json.dumps(list(csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline='')))))",
                file.path
            ])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(read.stdout.utf8)) as? [[String]], "\(read)")
        #expect(rows.count == 13)
        #expect(rows.allSatisfy { $0.count == 25 })
        #expect(rows[0].first == "date")
        #expect(rows[6][16] == "Hôpital Européen")
        #expect(rows[10][23] == "low, \"again\"\nsee letter")
        #expect(rows[8][23] == "'=1+1")
    }

    /// A spreadsheet must never run a cell as a formula, and numbers must stay numbers.
    @Test func csvKeepsFormulasInert() throws {
        let cli = try CLI.withJournal()
        try cli.ok("lab", "c3", "0.8", "g/L", "--lab", "@lab", "--note", "+cmd|' /C calc'!A0")
        try cli.ok("med", "start", "=evil", "--custom", "--reason=-2+3", "--date", "2026-02-27")
        try cli.ok("log", "--note", "'=already quoted")
        let csv = try cli.ok("export", "--format", "csv", "--no-bom")
        #expect(csv.contains(",'@lab,"))
        #expect(csv.contains(",'+cmd|' /C calc'!A0,"))
        #expect(csv.contains(",medication,'=evil,"))
        #expect(csv.contains(",'-2+3,"))
        #expect(csv.contains(",''=already quoted,"))
        #expect(csv.contains("2026-02-27,-3,medication"))  // a negative day is a number, left alone
    }

    @Test func noBomOnlyForCSV() throws {
        let cli = try CLI.withJournal()
        let result = try cli.run(["export", "--format", "fhir", "--no-bom"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--no-bom applies only to --format csv"))
    }

    @Test func csvWithoutInfusionLeavesDayEmpty() throws {
        let cli = try CLI()
        try cli.ok("init")
        try cli.ok("log", "--date", "2026-11-01", "--symptom", "rash=2")
        try cli.ok("log", "--date", "2026-11-02", "--note", "no score today", "--tag", "travel")
        let csv = try cli.ok("export", "--format", "csv", "--no-bom")
        #expect(csv.contains("\r\n2026-11-01,,symptom,rash,2,,score 0-10,"))
        // A day without a well-being score: its row is named "day", not an empty "wellbeing".
        #expect(csv.contains("\r\n2026-11-02,,entry,day,,,,,,,,,,,,,,,,,,,travel,no score today,"))
        #expect(!csv.contains(",entry,wellbeing,,"))
    }

    // MARK: FHIR

    /// A journal with every kind of record and every resource the FHIR export writes.
    static func clinicalJournal() throws -> CLI {
        let cli = try CLI()
        try cli.ok(
            "init", "--infusion-date", "2026-03-02", "--diagnosis", "SLE", "--target", "CD19",
            "--product", "KYV-101", "--device-name", "laptop")
        try cli.ok("event", "lymphodepletion", "--date", "d-5", "--note", "Flu/Cy")
        try cli.ok("event", "crs", "--date", "d+1", "--grade", "2", "--note", "fever 38.9")
        try cli.ok("event", "icans", "--date", "d+4", "--grade", "1")
        try cli.ok("event", "infection", "--date", "d+40", "--note", "cold")
        try cli.ok("event", "hospitalisation", "--date", "d+2", "--note", "observation <24 h & fine")
        try cli.ok("event", "visit", "--date", "d+90")
        try cli.ok("event", "vaccination", "--date", "d+200")
        try cli.ok("event", "ivig", "--date", "d+60")
        try cli.ok("event", "flare", "--date", "d+250")
        try cli.ok("lab", "cd19", "<1", "cells/uL", "--date", "d+7", "--range", "77-427", "--lab", "City Hospital", "--time", "08:30")
        try cli.ok("lab", "anti-dsdna", "12", "IU/mL", "--date", "d+30", "--range", "<30")
        try cli.ok("lab", "c3", "82", "mg/dL", "--date", "d+30", "--range", "90-180", "--note", "repeat in 4 weeks")
        try cli.ok("lab", "ana", "1:160", "titre", "--date", "d+30")
        try cli.ok("lab", "creatinine", "0.90", "mg/dL", "--date", "d+30")
        try cli.ok("lab", "upcr", ">300", "mg/g", "--date", "d+30")
        try cli.ok(
            "log", "--date", "d+30", "--symptom", "fatigue=3", "--symptom", "joint-pain=1", "--wellbeing", "7",
            "--tag", "walk", "--note", "better")
        try cli.ok("log", "--date", "d+31", "--note", "no score today")
        try cli.ok("med", "start", "prednisone", "--dose", "10 mg", "--frequency", "daily", "--route", "oral", "--date", "2026-01-05")
        try cli.ok("med", "change", "prednisone", "--dose", "2.50 mg", "--date", "d+30", "--reason", "taper")
        try cli.ok("med", "stop", "prednisone", "--date", "d+100", "--reason", "tapered off")
        try cli.ok("med", "start", "hcq", "--dose", "200 mg", "--frequency", "twice-daily", "--date", "d+10")
        try cli.ok("med", "start", "belimumab", "--dose", "10 mg/kg", "--frequency", "every-4-weeks", "--date", "d+20")
        try cli.ok("med", "start", "vitamin d", "--custom", "--dose", "1000 IU", "--frequency", "as-needed", "--date", "d+10")
        try cli.ok("assess", "--date", "d+90", "--sledai", "2", "--clinical-sledai", "0", "--pga", "0.50", "--note", "DORIS")
        return cli
    }

    /// The resource whose fullUrl is `urn:uuid:id`.
    static func resource(_ bundle: [String: Any], _ id: String) throws -> [String: Any] {
        let entries = try #require(bundle["entry"] as? [[String: Any]])
        let entry = try #require(entries.first { $0["fullUrl"] as? String == "urn:uuid:" + id }, "no entry \(id)")
        return try #require(entry["resource"] as? [String: Any])
    }

    static func coding(_ concept: Any?) -> [String: Any]? {
        ((concept as? [String: Any])?["coding"] as? [[String: Any]])?.first
    }

    @Test func fhirBundleValidatesAsR4() throws {
        let cli = try Self.clinicalJournal()
        let export = try cli.run(["export", "--format", "fhir"])
        #expect(export.status == 0, "\(export)")
        let validation = try ScriptCheck.fhir(export.stdout)
        #expect(validation.status == 0, "\(validation)")
        #expect(validation.stdout.contains("a valid FHIR R4 Bundle (collection)"), "\(validation)")
        for kind in ["Condition", "Encounter", "MedicationStatement", "Observation", "Patient", "Procedure"] {
            #expect(validation.stdout.contains(kind), "no \(kind): \(validation.stdout)")
        }
        // Deterministic bytes.
        #expect(try cli.ok("export", "--format", "fhir") == export.stdout)
    }

    @Test func fhirValidatorRejectsWhatR4Forbids() throws {
        let cli = try CLI.withJournal()
        try cli.ok("lab", "c3", "0.5", "g/L")
        let bundle = try cli.ok("export", "--format", "fhir")
        let broken = [
            bundle.replacingOccurrences(of: "\"status\": \"final\"", with: "\"status\": \"done\""),
            bundle.replacingOccurrences(of: "\"effectiveDateTime\"", with: "\"effectiveDate\""),
            bundle.replacingOccurrences(of: "\"type\": \"collection\"", with: "\"type\": \"pile\"")
        ]
        for document in broken {
            #expect(document != bundle)
            let result = try ScriptCheck.fhir(document)
            #expect(result.status == 1, "\(result)")
            #expect(result.stderr.contains("validate-fhir:"))
        }
    }

    @Test func fhirResourcesCarryTheirCodes() throws {
        let cli = try Self.clinicalJournal()
        try cli.ok("med", "start", "hydrocortisone", "--route", "topical", "--dose", "1 %", "--frequency", "daily", "--date", "d+40")
        let text = try cli.ok("export", "--format", "fhir")
        let bundle = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(bundle["resourceType"] as? String == "Bundle")
        #expect(bundle["type"] as? String == "collection")
        let entries = try #require(bundle["entry"] as? [[String: Any]])
        let patient = try #require(entries.first?["resource"] as? [String: Any])
        #expect(patient["resourceType"] as? String == "Patient")
        #expect(Set(patient.keys) == ["resourceType", "id"])  // nothing that identifies a person
        let subject = ["reference": "urn:uuid:" + (patient["id"] as? String ?? "")]
        for entry in entries.dropFirst() {
            let resource = try #require(entry["resource"] as? [String: Any])
            #expect(resource["subject"] as? [String: String] == subject)
        }

        // Lab: LOINC, canonical UCUM value, comparator, range in the canonical unit, flag.
        let cd19 = try Self.resource(bundle, try Self.id(cli, kind: "lab", where: "analyte", is: "cd19"))
        #expect(Self.coding(cd19["code"])?["system"] as? String == "http://loinc.org")
        #expect(Self.coding(cd19["code"])?["code"] as? String == "8116-6")
        #expect(cd19["status"] as? String == "final")
        #expect(Self.coding((cd19["category"] as? [Any])?.first)?["code"] as? String == "laboratory")
        #expect(cd19["effectiveDateTime"] as? String == "2026-03-09")
        let cd19Value = try #require(cd19["valueQuantity"] as? [String: Any])
        #expect(cd19Value["system"] as? String == "http://unitsofmeasure.org")
        #expect(cd19Value["code"] as? String == "/uL")
        #expect(cd19Value["comparator"] as? String == "<")
        #expect(cd19Value["value"] as? Int == 1)
        #expect(Self.coding((cd19["interpretation"] as? [Any])?.first)?["code"] as? String == "L")
        #expect((cd19["performer"] as? [[String: String]])?.first?["display"] == "City Hospital")
        let notes = (cd19["note"] as? [[String: String]])?.compactMap { $0["text"] } ?? []
        #expect(notes.contains("Value as printed by the lab: <1 cells/uL"))
        #expect(notes.contains { $0.contains("08:30") })

        let c3 = try Self.resource(bundle, try Self.id(cli, kind: "lab", where: "analyte", is: "c3"))
        #expect(Self.coding(c3["code"])?["code"] as? String == "4485-9")
        #expect((c3["valueQuantity"] as? [String: Any])?["code"] as? String == "g/L")
        let range = try #require((c3["referenceRange"] as? [[String: Any]])?.first)
        #expect((range["low"] as? [String: Any])?["code"] as? String == "g/L")
        #expect(text.contains("\"value\": 0.82"))
        #expect(text.contains("\"value\": 0.9\n"))

        let upcr = try Self.resource(bundle, try Self.id(cli, kind: "lab", where: "analyte", is: "upcr"))
        #expect((upcr["valueQuantity"] as? [String: Any])?["comparator"] as? String == ">")
        #expect((upcr["valueQuantity"] as? [String: Any])?["code"] as? String == "mg/g")
        let creatinine = try Self.resource(bundle, try Self.id(cli, kind: "lab", where: "analyte", is: "creatinine"))
        #expect(Self.coding(creatinine["code"])?["code"] as? String == "14682-9")
        #expect((creatinine["valueQuantity"] as? [String: Any])?["code"] as? String == "umol/L")

        // Medications: ATC, the period (FHIR's end is the last day on the dose), dose and reason.
        let medications = try Self.records(cli, kind: "medication")
        func medication(_ drug: String, start: String) throws -> [String: Any] {
            let record = try #require(
                medications.first {
                    let fields = $0["fields"] as? [String: Any]
                    return fields?["drug"] as? String == drug && fields?["start_date"] as? String == start
                })
            return try Self.resource(bundle, try #require(record["id"] as? String))
        }
        let tapered = try medication("prednisone", start: "2026-04-01")
        #expect(Self.coding(tapered["medicationCodeableConcept"])?["system"] as? String == "http://www.whocc.no/atc")
        #expect(Self.coding(tapered["medicationCodeableConcept"])?["code"] as? String == "H02AB07")
        #expect(tapered["status"] as? String == "completed")
        #expect(tapered["effectivePeriod"] as? [String: String] == ["start": "2026-04-01", "end": "2026-06-09"])
        #expect((tapered["statusReason"] as? [[String: String]])?.first?["text"] == "tapered off")
        #expect(
            (tapered["note"] as? [[String: String]])?.map { $0["text"] } == [
                "Stopped on 2026-06-10 (the first day without it).", "Reason given for this period: taper"
            ])
        let dosage = try #require((tapered["dosage"] as? [[String: Any]])?.first)
        #expect(dosage["text"] as? String == "2.50 mg, daily, oral")
        #expect(text.contains("\"value\": 2.50"))
        let hcq = try medication("hydroxychloroquine", start: "2026-03-12")
        #expect(Self.coding(hcq["medicationCodeableConcept"])?["code"] as? String == "P01BA02")
        #expect(hcq["status"] as? String == "active")
        // A cream has no systemic ATC code (H02AB09 would call it a systemic glucocorticoid).
        let cream = try medication("hydrocortisone", start: "2026-04-11")
        #expect((cream["medicationCodeableConcept"] as? [String: Any])?["coding"] == nil)
        #expect((cream["medicationCodeableConcept"] as? [String: Any])?["text"] as? String == "Hydrocortisone")
        // Its strength is not an amount given: dosage text only, no doseQuantity.
        let creamDosage = try #require((cream["dosage"] as? [[String: Any]])?.first)
        #expect(creamDosage["text"] as? String == "1 %, daily, topical" && creamDosage["doseAndRate"] == nil)
        let csv = try cli.ok("export", "--format", "csv", "--no-bom")
        #expect(csv.contains(",medication,hydrocortisone,1,,%,,,,,,,,,glucocorticoid,,,start,daily,topical,"), "\(csv)")
        #expect(hcq["effectivePeriod"] as? [String: String] == ["start": "2026-03-12"])
        let belimumab = try medication("belimumab", start: "2026-03-22")
        #expect(Self.coding(belimumab["medicationCodeableConcept"])?["code"] as? String == "L04AG04")
        let custom = try medication("vitamin d", start: "2026-03-12")
        #expect((custom["medicationCodeableConcept"] as? [String: String]) == ["text": "vitamin d"])

        // The CAR-T infusion is the Procedure on day 0, with the profile's product.
        let infusion = try Self.resource(bundle, try Self.id(cli, kind: "event", where: "type", is: "infusion"))
        #expect(infusion["resourceType"] as? String == "Procedure")
        #expect(infusion["performedDateTime"] as? String == "2026-03-02")
        #expect(infusion["status"] as? String == "completed")
        #expect((infusion["usedCode"] as? [[String: String]])?.first?["text"] == "KYV-101")

        // The diagnosis: SNOMED CT and ICD-10.
        let diagnosis = try #require(
            entries.compactMap { $0["resource"] as? [String: Any] }.first {
                $0["resourceType"] as? String == "Condition" && (($0["code"] as? [String: Any])?["text"] as? String) == "SLE"
            })
        // Its id is the name-based UUID (version 5) of "diagnosis" in the journal's id, as Python computes it.
        let uuid5 = try ScriptCheck.run(
            python: "/usr/bin/python3",
            arguments: [
                "-c", "import sys, uuid; print(uuid.uuid5(uuid.UUID(sys.argv[1]), sys.argv[2]))",
                patient["id"] as? String ?? "", "diagnosis"
            ])
        #expect(diagnosis["id"] as? String == uuid5.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        let codes = ((diagnosis["code"] as? [String: Any])?["coding"] as? [[String: String]]) ?? []
        #expect(codes.contains(["system": "http://snomed.info/sct", "code": "55464009", "display": "Systemic lupus erythematosus"]))
        #expect(codes.contains(["system": "http://hl7.org/fhir/sid/icd-10", "code": "M32", "display": "Systemic lupus erythematosus"]))

        // CRS keeps its grade; a hospitalisation is an Encounter with its note as narrative.
        let crs = try Self.resource(bundle, try Self.id(cli, kind: "event", where: "type", is: "crs"))
        #expect(crs["resourceType"] as? String == "Condition")
        #expect(((crs["stage"] as? [[String: Any]])?.first?["summary"] as? [String: String])?["text"] == "ASTCT grade 2")
        let stay = try Self.resource(bundle, try Self.id(cli, kind: "event", where: "type", is: "hospitalisation"))
        #expect(stay["resourceType"] as? String == "Encounter")
        let narrative = (stay["text"] as? [String: String])?["div"] ?? ""
        #expect(narrative.contains("observation &lt;24 h &amp; fine"))

        // Scores: local codes, never a made-up LOINC code.
        let scores = entries.compactMap { $0["resource"] as? [String: Any] }.filter {
            (Self.coding($0["code"])?["system"] as? String)?.hasPrefix("https://remission.invalid/fhir/CodeSystem/") == true
                && $0["resourceType"] as? String == "Observation"
        }
        let scoreCodes = Set(scores.compactMap { Self.coding($0["code"])?["code"] as? String })
        #expect(scoreCodes.isSuperset(of: ["sledai-2k", "clinical-sledai-2k", "pga", "fatigue", "joint-pain", "wellbeing"]))
        #expect(text.contains("\"value\": 0.50"))
        let dayEntry = try Self.resource(bundle, try Self.id(cli, kind: "entry", where: "note", is: "better"))
        #expect(dayEntry["valueInteger"] as? Int == 7)
        #expect((dayEntry["hasMember"] as? [Any])?.count == 2)
        let noScore = try Self.resource(bundle, try Self.id(cli, kind: "entry", where: "note", is: "no score today"))
        #expect(noScore["valueInteger"] == nil)
        #expect(noScore["dataAbsentReason"] != nil)
    }

    @Test func fhirWithoutInfusionKeepsTheProfile() throws {
        let cli = try CLI()
        try cli.ok("init", "--diagnosis", "systemic sclerosis", "--product", "CD19 CAR-T (trial)", "--target", "CD19")
        let text = try cli.ok("export", "--format", "fhir")
        let validation = try ScriptCheck.fhir(text)
        #expect(validation.status == 0, "\(validation)")
        #expect(text.contains("\"text\": \"systemic sclerosis\""))
        #expect(!text.contains("55464009"))  // only SLE gets the SLE codes
        #expect(text.contains("\"text\": \"CD19 CAR-T (trial)\""))
        #expect(text.contains("\"status\": \"unknown\""))
        #expect(text.contains("CAR-T target: CD19"))
    }
}
