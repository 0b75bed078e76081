import Foundation
import RemissionCore
import RemissionFormats
import RemissionReports
import RemissionStore
import RemissionTestSupport
import Testing

@Suite struct ExportRoundTripTests {
    /// Two devices' worth of journal: a record of every kind, edits, a delete, a conflict,
    /// an edit a delete had not seen; returns the device holding all of it.
    static func richJournal(in directory: TemporaryDirectory) throws -> (Device, conflicted: String) {
        let journalID = newRecordID()
        let a = try Device("phone", in: directory, journalID: journalID)
        let b = try Device("laptop", in: directory, journalID: journalID)
        let symptomID = newRecordID()
        let labID = newRecordID()
        let entryID = newRecordID()
        let medicationID = newRecordID()
        let eventID = newRecordID()
        let assessmentID = newRecordID()
        try a.journal.write([
            .create(.profile, ["diagnosis": .text("SLE"), "product": .text("CD19 CAR-T"), "target": .text("CD19")], id: Journal.profileID),
            .create(.event, ["date": .text("2026-01-10"), "type": .text("infusion"), "note": .text("day 0")], id: eventID),
            .create(
                .entry,
                [
                    "date": .text("2026-01-12"), "wellbeing": .integer(6), "note": .text("tired \"but\" ok\nslept 9 h"),
                    "tags": .list(["fatigue", "a,b", "🧬"])
                ], id: entryID),
            .create(.symptom, symptom("fever", severity: 4, date: "2026-01-12"), id: symptomID),
            .create(
                .lab,
                [
                    "date": .text("2026-01-12"), "time": .text("08:15"), "analyte": .text("c3"), "qualifier": .null,
                    "value": .text("0.82"), "unit": .text("g/L"), "canonicalValue": .text("0.82"),
                    "canonicalUnit": .text("g/L"), "range": .text("0.9-1.8"), "rangeLow": .text("0.9"),
                    "rangeHigh": .text("1.8"), "lab": .text("Uni Lab"), "note": .text("low")
                ], id: labID),
            .create(
                .medication,
                [
                    "drug": .text("prednisolone"), "drugClass": .text("glucocorticoid"), "custom": .bool(false),
                    "dose": .text("5 mg"), "doseAmount": .text("5"), "doseUnit": .text("mg"),
                    "frequency": .text("daily"), "route": .text("oral"), "startDate": .text("2026-01-01"),
                    "reason": .text("flare")
                ], id: medicationID),
            .create(
                .assessment,
                [
                    "date": .text("2026-01-20"), "sledai": .integer(4), "clinicalSledai": .integer(2),
                    "pga": .text("0.5")
                ], id: assessmentID)
        ])
        let deletedID = newRecordID()
        try a.journal.write([.create(.symptom, symptom("rash", severity: 2), id: deletedID)])
        a.clock.advance(1000)
        try a.journal.write([
            .update(medicationID, kind: .medication, ["endDate": .text("2026-02-01")]),
            .update(labID, kind: .lab, ["note": .null]),
            .delete(deletedID, kind: .symptom)
        ])
        try send(a, to: b)
        a.clock.advance(1000)
        b.clock.advance(1000)
        // Concurrent edits of one field, and an edit racing a delete.
        try a.journal.write([.update(symptomID, kind: .symptom, ["severity": .integer(6)]), .delete(eventID, kind: .event)])
        try b.journal.write([
            .update(symptomID, kind: .symptom, ["severity": .integer(7)]),
            .update(eventID, kind: .event, ["grade": .integer(1)])
        ])
        try send(b, to: a, names: [b.id: b.name])
        let symptom = try #require(try a.journal.snapshot(symptomID))
        #expect(symptom.conflicts.count == 1)
        #expect(try a.snapshot(eventID).editedAfterDelete)
        #expect(try a.snapshot(deletedID).deleted)
        return (a, symptomID)
    }

    @Test func exportImportExportIsByteIdentical() throws {
        let directory = TemporaryDirectory()
        let (source, conflicted) = try Self.richJournal(in: directory)
        let bytes = try source.exportBytes()
        let export = try JournalExport.decode(bytes, path: "backup.json")
        #expect(Set(export.records.map(\.kind)) == Set(RecordKind.allCases))
        #expect(export.records.contains { $0.id == conflicted && $0.conflicts?.count == 1 })
        #expect(export.records.contains { $0.deleted })
        #expect(export.devices.map(\.name).sorted() == ["laptop", "phone"])

        let target = try Journal.create(at: directory.location("restored"), journalID: export.journal, deviceName: "new")
        let applied = try target.importExport(export, path: "backup.json")
        #expect(applied == export.operations.count)
        let again = try JournalExport(journal: target).encoded()
        #expect(again == bytes, "\(MergePropertyTests.firstDifference(bytes, again))")
        let report = try target.check()
        #expect(report.isHealthy, "\(report.problems)")
        // Importing the same export again changes nothing.
        #expect(try target.importExport(export, path: "backup.json") == 0)
        #expect(try JournalExport(journal: target).encoded() == bytes)
        // A re-encoding of the decoded export is the same bytes (the format is canonical).
        #expect(try export.encoded() == bytes)
    }

    @Test func aTamperedRecordIsRefusedAndNothingIsImported() throws {
        let directory = TemporaryDirectory()
        let (source, _) = try Self.richJournal(in: directory)
        let bytes = try source.exportBytes()
        var json = try #require(try JSONSerialization.jsonObject(with: bytes) as? [String: Any])
        var records = try #require(json["records"] as? [[String: Any]])
        let index = try #require(records.firstIndex { ($0["kind"] as? String) == "symptom" && ($0["deleted"] as? Bool) == false })
        var fields = try #require(records[index]["fields"] as? [String: Any])
        fields["name"] = "headache"
        records[index]["fields"] = fields
        json["records"] = records
        let tampered = try JSONSerialization.data(withJSONObject: json)
        let export = try JournalExport.decode(tampered, path: "tampered.json")

        let target = try Journal.create(at: directory.location("restored"), journalID: export.journal)
        let error = #expect(throws: ExportError.self) { try target.importExport(export, path: "tampered.json") }
        guard case .mismatch = error else {
            Issue.record("expected .mismatch, got \(String(describing: error))")
            return
        }
        #expect(try target.isEmpty())
        #expect(try target.operations().isEmpty)
        #expect(try target.records(.init(includeDeleted: true)).isEmpty)
        #expect(try target.deviceNames().count == 1, "device names of a refused import were kept")
        // The untampered export still imports into that same journal afterwards.
        #expect(try target.importExport(try JournalExport.decode(bytes, path: "backup.json"), path: "backup.json") > 0)
        #expect(try JournalExport(journal: target).encoded() == bytes)
    }

    @Test func anExportThatIsNotOneIsMalformed() throws {
        for text in ["", "[]", "{\"format\": \"something-else\"}", "not json"] {
            #expect(throws: ExportError.self, "\(text)") { try JournalExport.decode(Data(text.utf8), path: "x.json") }
        }
    }
}
