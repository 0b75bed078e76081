import Foundation
import RemissionTestSupport
import Testing

/// `remission import FILE.csv`: lab results from CSV, checked like `remission lab`, all or
/// nothing, duplicates skipped, and a dry run that writes nothing.
@Suite struct LabImportTests {
    func write(_ text: String, to name: String, in cli: CLI) throws -> String {
        let url = cli.home.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// The stored fields of every lab result, without ids, in a fixed order.
    func labs(_ cli: CLI) throws -> [NSDictionary] {
        let records = try #require(try cli.json("list", "--kind", "lab") as? [[String: Any]])
        return records.compactMap { $0["fields"] as? [String: Any] }
            .sorted { a, b in
                let keys = ["date", "analyte", "value", "unit"]
                return keys.map { "\(a[$0] ?? "")" }.lexicographicallyPrecedes(keys.map { "\(b[$0] ?? "")" })
            }
            .map { $0 as NSDictionary }
    }

    @Test func csvExportOfLabsImportsIntoAFreshJournalUnchanged() throws {
        let source = try CLI.withJournal()
        try source.ok("lab", "cd19", "<1", "cells/µL", "--date", "d+7", "--range", "77-427", "--lab", "Klinikum, Labor 2", "--time", "08:30")
        try source.ok(
            "lab", "anti-dsdna", "12", "IU/mL", "--date", "d+30", "--range", "<30", "--note", "-",
            stdin: "assay \"Euroimmun\",\nsecond line")
        try source.ok("lab", "c3", "82", "mg/dl", "--date", "d+30", "--range", "90-180", "--note", "=not a formula")
        try source.ok("lab", "ana", "<1:80", "titre", "--date", "d+30")
        try source.ok("lab", "creatinine", "0.90", "mg/dL", "--date", "d+60", "--range", "0.5-1.1")
        try source.ok("lab", "upcr", ">= 300", "mg/mmol", "--date", "d+60")
        try source.ok("log", "--symptom", "fatigue=2")
        try source.ok("med", "start", "prednisone", "--dose", "5 mg")
        let file = source.home.appendingPathComponent("export.csv").path
        try source.ok("export", "--format", "csv", "--output", file)

        let target = try CLI()
        try target.ok("init", "--infusion-date", "2026-03-02")
        let imported = try target.run(["import", file, "--json"])
        #expect(imported.status == 0, "\(imported)")
        try ScriptCheck.schema(imported.stdout, "lab-import.schema.json")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(imported.stdout.utf8)) as? [String: Any])
        #expect(report["new"] as? Int == 6)
        #expect(report["other_kinds"] as? Int == 5)  // diagnosis, target, infusion, symptom, medication
        #expect(report["dry_run"] as? Bool == false)
        #expect(try labs(target) == (try labs(source)))

        // The same file again adds nothing.
        let again = try target.run(["import", file, "--json"])
        let second = try #require(try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])
        #expect(second["new"] as? Int == 0)
        #expect(second["duplicates"] as? Int == 6)
        #expect(try labs(target).count == 6)
    }

    @Test func dryRunShowsTheRowsAndWritesNothing() throws {
        let cli = try CLI.withJournal()
        try cli.ok("lab", "c3", "0.82", "g/L", "--date", "2026-05-01")
        let file = try write(
            "Date,Test,Result,Unit,Range\n2026-05-01,C3,0.82,g/L,\n2026-05-01,C4,0.15,g/L,0.1-0.4\n2026-05-01,c4,0.150,g/l,\n",
            to: "labs.csv", in: cli)
        let before = try cli.export()
        let text = try cli.run(["import", file, "--dry-run"])
        #expect(text.status == 0, "\(text)")
        #expect(text.stdout.contains("Would import 1 lab result from \(file); skipped 2 duplicates. Dry run: nothing was written."))
        #expect(text.stdout.contains("duplicate of line 3"))
        let json = try cli.run(["import", file, "--dry-run", "--json"])
        #expect(json.status == 0, "\(json)")
        try ScriptCheck.schema(json.stdout, "lab-import.schema.json")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(report["dry_run"] as? Bool == true)
        let rows = try #require(report["rows"] as? [[String: Any]])
        #expect(rows.map { $0["status"] as? String } == ["duplicate", "new", "duplicate"])
        #expect(rows[0]["duplicate_of_record"] as? String == (try ExportFormatTests.id(cli, kind: "lab", where: "analyte", is: "c3")))
        #expect(rows[1]["id"] is NSNull)
        #expect(rows[1]["day"] as? Int == 60)
        #expect(rows[1]["canonical_value"] as? String == "0.15")
        #expect(rows[2]["duplicate_of_line"] as? Int == 3)
        #expect(try cli.export() == before)

        let done = try cli.run(["import", file])
        #expect(done.status == 0, "\(done)")
        #expect(done.stdout.contains("Imported 1 lab result from \(file); skipped 2 duplicates."))
        #expect(try cli.export() != before)
    }

    @Test func badRowsAreAllNamedAndNothingIsWritten() throws {
        let cli = try CLI.withJournal()
        let file = try write(
            """
            date,analyte,value,unit,range,time,note
            2026-05-01,c3,0.8,g/L,0.9-1.8,08:00,fine
            2026-05-02,c3,1,5,g/L,0.9-1.8,08:00,x
            2026-05-03,c3,abc,g/L,,,
            2026-05-04,unknown-thing,1,g/L,,,
            ,c3,1,g/L,,,
            2026-05-06,c3,1,mmol/L,,,
            2026-05-07,c3,1,g/L,1.8-0.9,,
            2026-05-08,c3,1,g/L,,,"a note on
            two lines"
            2026-05-09,c3,1,g/L,,8:00,

            """, to: "bad.csv", in: cli)
        let before = try cli.export()
        let result = try cli.run(["import", file])
        #expect(result.status == 65, "\(result)")
        let lines = [
            "\(file): 7 rows cannot be imported; nothing was imported.",
            "\(file):3: has 8 fields, but the header has 7",
            "\(file):4: column 'value' (value) 'abc': is not a number",
            "\(file):5: column 'analyte' (analyte) 'unknown-thing': is not a known analyte",
            "\(file):6: column 'date' (date) '': is empty",
            "\(file):7: column 'unit' (unit) 'mmol/L': is not a unit for Complement C3",
            "\(file):8: column 'range' (range) '1.8-0.9': has its low end above its high end",
            "\(file):11: column 'time' (time) '8:00': is not a time of day"
        ]
        for line in lines { #expect(result.stderr.contains(line), "missing \(line) in \(result.stderr)") }
        #expect(!result.stderr.contains(":9:"))
        #expect(!result.stderr.contains(":2:"))
        #expect(try cli.export() == before)
    }

    @Test func columnsThatCannotBeFoundAreUsageErrors() throws {
        let cli = try CLI.withJournal()
        let file = try write("Datum,Test,Wert,Einheit\n2026-05-01,C3,0.8,g/L\n", to: "de.csv", in: cli)
        let missing = try cli.run(["import", file])
        #expect(missing.status == 64, "\(missing)")
        #expect(missing.stderr.contains("no column for the date"))
        #expect(missing.stderr.contains("--column date=HEADER"))
        #expect(missing.stderr.contains("Its columns: 'Datum', 'Test', 'Wert', 'Einheit'"))
        let wrong = try cli.run(["import", file, "--column", "date=Day", "--column", "value=Wert", "--column", "unit=Einheit"])
        #expect(wrong.status == 64)
        #expect(wrong.stderr.contains("--column date=Day: \(file) has no column 'Day'"))
        let unknown = try cli.run(["import", file, "--column", "colour=Test"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("'colour' is not a field"))
        let json = try cli.run(["import", file, "--format", "json", "--dry-run"])
        #expect(json.status == 64)
        #expect(json.stderr.contains("--dry-run applies only to --format labs-csv"))
        let mapped = try cli.run(["import", file, "--column", "date=datum", "--column", "value=WERT", "--column", "unit=Einheit"])
        #expect(mapped.status == 0, "\(mapped)")
        #expect(try labs(cli).count == 1)
    }

    /// What spreadsheets in other languages write: a BOM, semicolons, CRLF, decimal commas,
    /// quoted fields with the delimiter and line breaks in them.
    @Test func europeanSpreadsheetFile() throws {
        let cli = try CLI.withJournal()
        let text =
            "\u{FEFF}Collection Date;Test;Qualifier;Result;Units;Reference range;Laboratory;Comment\r\n"
            + "2026-05-01;Complement C3;;0,82;g/L;0,9-1,8;\"Labor Dr. Müller; Köln\";\"sehr \"\"niedrig\"\"\r\nWiederholung\"\r\n"
            + "\r\n"
            + "2026-05-01;CD19;<;5;cells/µL;;;\r\n"
        let file = try write(text, to: "eu.csv", in: cli)
        let refused = try cli.run(["import", file])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("\(file):2: column 'Result' (value) '0,82': has a comma"))
        #expect(refused.stderr.contains("add --decimal-comma"))

        let result = try cli.run(["import", file, "--decimal-comma"])
        #expect(result.status == 0, "\(result)")
        let c3 = try #require(try labs(cli).first { $0["analyte"] as? String == "c3" })
        #expect(c3["value"] as? String == "0.82")
        #expect(c3["range"] as? String == "0.9-1.8")
        #expect(c3["range_low"] as? String == "0.9")
        #expect(c3["lab"] as? String == "Labor Dr. Müller; Köln")
        // The line break inside the quoted cell is kept, as a plain line break: a CR alone
        // would rewrite a terminal's line.
        #expect(c3["note"] as? String == "sehr \"niedrig\"\nWiederholung")
        let cd19 = try #require(try labs(cli).first { $0["analyte"] as? String == "cd19" })
        #expect(cd19["qualifier"] as? String == "<")
        #expect(cd19["value"] as? String == "5")
        #expect(result.stdout.contains("5     2026-05-01"))  // the line of the second result, after a blank line

        // An explicit delimiter wins over the detected one.
        let commas = try write("date;analyte;value;unit\n2026-06-01;c4;0.2;g/L\n", to: "semi.csv", in: cli)
        let forced = try cli.run(["import", commas, "--delimiter", ","])
        #expect(forced.status == 64)  // one column named "date;analyte;value;unit": nothing matches
        #expect(try cli.run(["import", commas, "--delimiter", ";"]).status == 0)
    }

    @Test func unreadableFiles() throws {
        let cli = try CLI.withJournal()
        let latin1 = cli.home.appendingPathComponent("latin1.csv")
        try Data("date,analyte,value,unit,note\n2026-05-01,c3,0.8,g/L,caf".utf8 + [0xE9] + "\n".utf8).write(to: latin1)
        let encoding = try cli.run(["import", latin1.path])
        #expect(encoding.status == 65)
        #expect(encoding.stderr.contains("\(latin1.path):2: is not UTF-8 text"))
        let open = try write("date,analyte,value,unit,note\n2026-05-01,c3,0.8,g/L,\"unclosed\n", to: "open.csv", in: cli)
        let quote = try cli.run(["import", open])
        #expect(quote.status == 65)
        #expect(quote.stderr.contains("\(open):2: has a quoted field that is never closed"))
        let missing = try cli.run(["import", cli.home.appendingPathComponent("none.csv").path])
        #expect(missing.status == 74)
    }

    @Test func helpShowsTheCSVExamples() throws {
        let cli = try CLI()
        let importHelp = try cli.ok("import", "--help")
        #expect(importHelp.contains("$ remission import labs.csv --dry-run"))
        #expect(importHelp.contains("--column <field=header>"))
        let exportHelp = try cli.ok("export", "--help")
        #expect(exportHelp.contains("$ remission export --format csv --output journal.csv"))
        #expect(exportHelp.contains("$ remission export --format fhir"))
    }

    /// The JSON import keeps working beside the CSV one.
    @Test func jsonImportStillWorks() throws {
        let cli = try ExportFormatTests.clinicalJournal()
        let file = cli.home.appendingPathComponent("backup.json").path
        try cli.ok("export", "--output", file)
        let copy = cli.home.appendingPathComponent("copy").path
        let result = try cli.run(["import", file, "--journal", copy, "--json"])
        #expect(result.status == 0, "\(result)")
        try ScriptCheck.schema(result.stdout, "import.schema.json")
        #expect(try cli.run(["export", "--journal", copy]).stdout == (try cli.export()))
    }
}
