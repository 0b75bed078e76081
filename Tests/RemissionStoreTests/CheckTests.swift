import Foundation
import GRDB
import RemissionCore
import RemissionFormats
import RemissionReports
import RemissionStore
import RemissionTestSupport
import Testing

@Suite struct CheckTests {
    /// A journal with a bit of everything the merge rule produces.
    static func populated(in directory: TemporaryDirectory) throws -> (Device, symptom: String) {
        let journalID = newRecordID()
        let a = try Device("a", in: directory, journalID: journalID)
        let b = try Device("b", in: directory, journalID: journalID)
        let id = newRecordID()
        let other = newRecordID()
        let context = EntryContext(today: CalendarDate(iso: "2026-11-20")!, infusion: nil)
        try a.journal.write([
            .create(.symptom, symptom(severity: 3), id: id),
            .create(.entry, ["date": .text("2026-03-01"), "wellbeing": .integer(7)], id: other),
            .create(.lab, try LabResultEntry(analyte: "c3", value: "82", unit: "mg/dL", date: "2026-03-01", range: "90-180").fields(context))
        ])
        try send(a, to: b)
        a.clock.advance(1000)
        try a.journal.write([.update(id, kind: .symptom, ["severity": .integer(4)]), .delete(other, kind: .entry)])
        try b.journal.write([.update(id, kind: .symptom, ["severity": .integer(5)])])
        try send(b, to: a)
        return (a, id)
    }

    /// The main file and its WAL, as they are on disk.
    static func files(_ location: JournalLocation) -> [Data?] {
        [fileBytes(location.databasePath), fileBytes(location.databasePath + "-wal")]
    }

    @Test func healthyOnANormalJournal() throws {
        let directory = TemporaryDirectory()
        let empty = try Journal.create(at: directory.location("empty"))
        let emptyReport = try empty.check()
        #expect(emptyReport.isHealthy, "\(emptyReport.problems)")
        let (device, _) = try Self.populated(in: directory)
        let report = try device.journal.check()
        #expect(report.isHealthy, "\(report.problems)")
        #expect(report.passed.count >= 4)
    }

    @Test func detectsATamperedDerivedTableAndLeavesItAlone() throws {
        let directory = TemporaryDirectory()
        let (device, id) = try Self.populated(in: directory)
        let location = device.journal.location
        let before = try device.exportBytes()
        try RawDatabase.write(location) { db in
            try db.execute(sql: "UPDATE symptom SET severity = 9 WHERE id = ?", arguments: [id])
            #expect(db.changesCount == 1)
        }
        let files = Self.files(location)
        let report = try device.journal.check()
        #expect(!report.isHealthy)
        #expect(report.problems.contains { $0.contains("derived tables") && $0.contains("symptom") }, "\(report.problems)")
        // The check reports; it does not repair, nor change anything else.
        #expect(Self.files(location) == files)
        let severity = try device.journal.read { db in
            try Int.fetchOne(db, sql: "SELECT severity FROM symptom WHERE id = ?", arguments: [id])
        }
        #expect(severity == 9)
        #expect(try device.exportBytes() == before, "the export comes from the log and the heads, not the symptom table")
    }

    @Test(arguments: [
        "UPDATE fieldHead SET isWinner = 1 - isWinner WHERE field = 'severity'",
        "UPDATE fieldHead SET value = '9' WHERE field = 'severity' AND isWinner = 0",
        "UPDATE labResult SET canonicalValue = canonicalValue * 100",
        "UPDATE record SET deleted = 1 - deleted",
        "UPDATE operation SET clock = clock + 1 WHERE counter = 1",
        "UPDATE journal SET counter = 0"
    ])
    func detectsOtherTampering(sql: String) throws {
        let directory = TemporaryDirectory()
        let (device, _) = try Self.populated(in: directory)
        try RawDatabase.write(device.journal.location) { db in
            try db.execute(sql: sql)
            #expect(db.changesCount > 0, "the tampering changed nothing: \(sql)")
        }
        let files = Self.files(device.journal.location)
        #expect(try !device.journal.check().isHealthy, "\(sql)")
        #expect(Self.files(device.journal.location) == files)
    }

    /// A canonical value that does not follow from its value and unit is reported with its
    /// record, even when the tables were changed consistently with each other.
    @Test func derivedValuesMustFollowFromTheirGroup() throws {
        let directory = TemporaryDirectory()
        let (device, _) = try Self.populated(in: directory)
        #expect(try device.journal.check().isHealthy)
        try RawDatabase.write(device.journal.location) { db in
            try db.execute(sql: "UPDATE labResult SET canonicalValue = 82")
            try db.execute(sql: "UPDATE fieldHead SET value = '\"82\"' WHERE field = 'canonicalValue' AND isWinner = 1")
        }
        let report = try device.journal.check()
        #expect(
            report.problems.contains { $0.hasPrefix("lab ") && $0.contains("canonicalValue is 82") && $0.contains("its group gives 0.82") },
            "\(report.problems)")
    }

    /// A result that `remission lab` refuses (a range in another unit than the value) can
    /// still arrive from another device or an import: it is kept, and flagged.
    @Test func resultsLabWouldRefuseAreFlaggedNotFailed() throws {
        let directory = TemporaryDirectory()
        let device = try Device("a", in: directory, journalID: newRecordID())
        var fields = try LabResultEntry(analyte: "c3", value: "0.9", unit: "g/L", date: "2026-03-01")
            .fields(EntryContext(today: CalendarDate(iso: "2026-11-20")!, infusion: nil))
        fields["range"] = .text("90-180")
        fields["rangeLow"] = .text("90")
        fields["rangeHigh"] = .text("180")
        let id = newRecordID()
        try device.journal.write([.create(.lab, fields, id: id)])
        let report = try device.journal.check()
        #expect(report.isHealthy, "\(report.problems)")
        #expect(report.flagged.contains { $0.hasPrefix("lab \(id.prefix(8))") && $0.contains("mg/dL") }, "\(report.flagged)")
        // The derived range follows the group, not what the writer stored.
        #expect(try device.snapshot(id)["rangeLow"] == .text("90"))
    }

    @Test func neverModifiesTheJournal() throws {
        let directory = TemporaryDirectory()
        let (device, _) = try Self.populated(in: directory)
        let location = device.journal.location
        let export = try device.exportBytes()
        let identity = try device.journal.identity()
        let files = Self.files(location)
        #expect(files[0] != nil)
        for _ in 0..<2 {
            #expect(try device.journal.check().isHealthy)
        }
        #expect(Self.files(location) == files)
        #expect(try device.exportBytes() == export)
        #expect(try device.journal.identity() == identity)
    }

    @Test func reportsFilesOpenToOtherUsers() throws {
        let directory = TemporaryDirectory()
        let location = directory.location()
        let journal = try Journal.create(at: location)
        chmod(location.databasePath, 0o644)
        let report = try journal.check()
        #expect(report.problems.contains { $0.contains(location.databasePath) }, "\(report.problems)")
        chmod(location.databasePath, 0o600)
        #expect(try journal.check().isHealthy)
    }
}
