import Foundation
import GRDB
import RemissionCore
import RemissionFormats
import RemissionReports
import RemissionStore
import RemissionTestSupport
import Testing

/// The merge rule of DESIGN.md §5, one scenario at a time, with journals in temporary
/// directories standing in for devices and `operations()` → `apply` standing in for sync.
@Suite struct MergeRuleTests {
    let journalID = newRecordID()

    @Test func anEditBeatsWhatItReplacedEvenWithItsClockAYearBehind() throws {
        let directory = TemporaryDirectory()
        let a = try Device("a", in: directory, journalID: journalID)
        let b = try Device(
            "b", in: directory, journalID: journalID,
            clock: ManualClock(Instants.march2026 - Instants.year))
        let id = newRecordID()
        let created = try a.journal.write([.create(.symptom, symptom(severity: 3), id: id)])
        #expect(try send(a, to: b) == 1)
        b.clock.advance(60_000)
        let edit = try b.journal.write([.update(id, kind: .symptom, ["severity": .integer(5)])])
        try #require(edit.count == 1 && created.count == 1)
        #expect(edit[0].clock < created[0].clock, "precondition: the edit carries the older stamp")
        #expect(
            edit[0].recordWrites == [
                FieldWrite(field: "name", value: .text("fatigue"), replaces: [created[0].id]),
                FieldWrite(field: "severity", value: .integer(5), replaces: [created[0].id])
            ])
        try send(b, to: a)
        for device in [a, b] {
            let snapshot = try device.snapshot(id)
            #expect(snapshot["severity"] == .integer(5), "on \(device.name)")
            #expect(snapshot.conflicts.isEmpty, "on \(device.name)")
            #expect(snapshot["name"] == .text("fatigue"), "on \(device.name)")
        }
        // B kept A's stamp, flagged as far ahead of its own clock, which it did not follow.
        let flagged = try b.journal.read { db in
            try Bool.fetchOne(db, sql: "SELECT clockAhead FROM operation WHERE deviceId = ?", arguments: [a.id])
        }
        #expect(flagged == true)
        #expect(try b.journal.identity().clock.physical < Instants.march2026 - Instants.year + Instants.hour)
    }

    @Test func aDeviceAYearAheadCannotBeatAnEditMadeAfterSeeingItsWrite() throws {
        let directory = TemporaryDirectory()
        let ahead = try Device(
            "ahead", in: directory, journalID: journalID,
            clock: ManualClock(Instants.march2026 + Instants.year))
        let b = try Device("b", in: directory, journalID: journalID)
        let id = newRecordID()
        let first = try ahead.journal.write([.create(.symptom, symptom(severity: 3), id: id)])
        ahead.clock.advance(1000)
        let second = try ahead.journal.write([.update(id, kind: .symptom, ["severity": .integer(4)])])
        try send(ahead, to: b)
        b.clock.advance(1000)
        let later = try b.journal.write([.update(id, kind: .symptom, ["severity": .integer(6)])])
        #expect(later[0].clock < second[0].clock && later[0].clock < first[0].clock)
        try send(b, to: ahead)
        // Sent twice, in the other direction too: nothing moves.
        try send(ahead, to: b)
        for device in [ahead, b] {
            let snapshot = try device.snapshot(id)
            #expect(snapshot["severity"] == .integer(6), "on \(device.name)")
            #expect(snapshot.conflicts.isEmpty, "on \(device.name)")
        }
        // And the device ahead, having now seen the edit, can replace it in turn.
        ahead.clock.advance(1000)
        try ahead.journal.write([.update(id, kind: .symptom, ["severity": .integer(7)])])
        try send(ahead, to: b)
        #expect(try b.snapshot(id)["severity"] == .integer(7))
        #expect(try ahead.snapshot(id)["severity"] == .integer(7))
    }

    /// Neither device saw the other's edit: the greater (HLC, device id) wins on both, and
    /// the loser is kept as an open conflict on both.
    @Test(arguments: [false, true])
    func concurrentEditsElectTheSameWinnerEverywhere(sameInstant: Bool) throws {
        let directory = TemporaryDirectory()
        let a = try Device("a", in: directory, journalID: journalID)
        let b = try Device("b", in: directory, journalID: journalID)
        let id = newRecordID()
        try a.journal.write([.create(.symptom, symptom(severity: 3), id: id)])
        try send(a, to: b)
        a.clock.advance(sameInstant ? 10_000 : 20_000)
        b.clock.advance(10_000)
        let editA = try a.journal.write([.update(id, kind: .symptom, ["severity": .integer(4)])])[0]
        let editB = try b.journal.write([.update(id, kind: .symptom, ["severity": .integer(6)])])[0]
        if sameInstant {
            #expect(editA.clock == editB.clock, "precondition: equal stamps, so the device id decides")
        } else {
            #expect(editA.clock > editB.clock)
        }
        let aWins = JournalOperation.wins((editA.clock, editA.id), over: (editB.clock, editB.id))
        let (winner, loser) = aWins ? (editA, editB) : (editB, editA)
        if sameInstant { #expect(winner.id.device == max(a.id, b.id)) } else { #expect(winner.id == editA.id) }

        try send(a, to: b)
        try send(b, to: a)
        for device in [a, b] {
            let snapshot = try device.snapshot(id)
            #expect(snapshot["severity"] == winner.writes.first { $0.field == "severity" }?.value, "on \(device.name)")
            let conflict = try #require(snapshot.conflicts.first, "no conflict on \(device.name)")
            #expect(snapshot.conflicts.count == 1)
            #expect(conflict.register == "rating")
            #expect(conflict.fields == ["name", "severity"])
            #expect(conflict.winner.operation == winner.id)
            #expect(conflict.others.map(\.operation) == [loser.id], "on \(device.name)")
            #expect(conflict.others.map { $0.values["severity"] } == [loser.writes.first { $0.field == "severity" }?.value])
            #expect(conflict.others.map { $0.values["name"] } == [.text("fatigue")], "the alternative is the whole rating")
        }
        #expect(try JournalExport(journal: a.journal).records == JournalExport(journal: b.journal).records)

        // Editing the conflicted field settles it, here and, once synced, there.
        b.clock.advance(1000)
        let settle = try b.journal.write([.update(id, kind: .symptom, ["severity": .integer(5)])])[0]
        #expect(settle.recordWrites.map(\.field) == ["name", "severity"], "an edit of a group writes it whole")
        #expect(settle.recordWrites.allSatisfy { Set($0.replaces) == [editA.id, editB.id] })
        try send(b, to: a)
        for device in [a, b] {
            let snapshot = try device.snapshot(id)
            #expect(snapshot["severity"] == .integer(5), "on \(device.name)")
            #expect(snapshot.conflicts.isEmpty, "on \(device.name)")
            let conflicted = try device.journal.read { db in
                try Bool.fetchOne(db, sql: "SELECT conflicted FROM record WHERE id = ?", arguments: [id])
            }
            #expect(conflicted == false, "on \(device.name)")
        }
    }

    @Test func concurrentEditsOfDifferentRegistersBothApply() throws {
        let directory = TemporaryDirectory()
        let a = try Device("a", in: directory, journalID: journalID)
        let b = try Device("b", in: directory, journalID: journalID)
        let id = newRecordID()
        try a.journal.write([.create(.symptom, symptom(severity: 3), id: id)])
        try send(a, to: b)
        try a.journal.write([.update(id, kind: .symptom, ["severity": .integer(8)])])
        try b.journal.write([.update(id, kind: .symptom, ["date": .text("2026-02-28")])])
        try send(a, to: b)
        try send(b, to: a)
        for device in [a, b] {
            let snapshot = try device.snapshot(id)
            #expect(snapshot["severity"] == .integer(8))
            #expect(snapshot["date"] == .text("2026-02-28"))
            #expect(snapshot.conflicts.isEmpty)
        }
    }

    /// A severity is the severity of a named symptom: a rename on one device and a new score
    /// on another are two whole ratings, never "rash 8".
    @Test func concurrentEditsOfOneGroupAreOneConflictOfWholeAlternatives() throws {
        let directory = TemporaryDirectory()
        let a = try Device("a", in: directory, journalID: journalID)
        let b = try Device("b", in: directory, journalID: journalID)
        let id = newRecordID()
        try a.journal.write([.create(.symptom, symptom(severity: 3), id: id)])
        try send(a, to: b)
        a.clock.advance(1000)
        try a.journal.write([.update(id, kind: .symptom, ["severity": .integer(8)])])
        try b.journal.write([.update(id, kind: .symptom, ["name": .text("rash")])])
        try send(a, to: b)
        try send(b, to: a)
        for device in [a, b] {
            let snapshot = try device.snapshot(id)
            #expect(snapshot["name"] == .text("fatigue"), "on \(device.name)")
            #expect(snapshot["severity"] == .integer(8), "on \(device.name)")
            let conflict = try #require(snapshot.conflicts.first)
            #expect(conflict.register == "rating")
            #expect(conflict.others.map(\.values) == [["name": .text("rash"), "severity": .integer(3)]])
        }
        #expect(try JournalExport(journal: a.journal).records == JournalExport(journal: b.journal).records)
    }

    @Test func concurrentEditsWithTheSameValueAreNoConflict() throws {
        let directory = TemporaryDirectory()
        let a = try Device("a", in: directory, journalID: journalID)
        let b = try Device("b", in: directory, journalID: journalID)
        let id = newRecordID()
        try a.journal.write([.create(.symptom, symptom(severity: 3), id: id)])
        try send(a, to: b)
        try a.journal.write([.update(id, kind: .symptom, ["severity": .integer(8)])])
        try b.journal.write([.update(id, kind: .symptom, ["severity": .integer(8)])])
        try send(a, to: b)
        try send(b, to: a)
        for device in [a, b] {
            #expect(try device.snapshot(id)["severity"] == .integer(8))
            #expect(try device.snapshot(id).conflicts.isEmpty)
        }
    }

    /// A deleted on one device, edited on another that had not seen the delete: visible
    /// and flagged everywhere; then a delete that saw everything hides it everywhere; then
    /// a restore brings it back everywhere.
    @Test func deleteVersusConcurrentEditThenDeleteThenRestore() throws {
        let directory = TemporaryDirectory()
        let devices = try ["a", "b", "c", "d"].map { try Device($0, in: directory, journalID: journalID) }
        let (a, b, c, d) = (devices[0], devices[1], devices[2], devices[3])
        let id = newRecordID()
        try a.journal.write([.create(.symptom, symptom(severity: 3), id: id)])
        for device in [b, c, d] { try send(a, to: device) }
        for device in devices { device.clock.advance(5000) }
        try a.journal.write([.delete(id, kind: .symptom)])
        try b.journal.write([.update(id, kind: .symptom, ["severity": .integer(8)])])
        // c hears of the delete first, d of the edit first; a and b hear of each other.
        try send(a, to: c)
        #expect(try c.snapshot(id).deleted)
        try send(b, to: c)
        try send(b, to: d)
        try send(a, to: d)
        try send(b, to: a)
        try send(a, to: b)
        for device in devices {
            let snapshot = try device.snapshot(id)
            #expect(!snapshot.deleted, "on \(device.name)")
            #expect(snapshot.editedAfterDelete, "on \(device.name)")
            #expect(snapshot["severity"] == .integer(8), "on \(device.name)")
            #expect(try device.journal.records().map(\.id) == [id], "on \(device.name)")
        }

        // A delete made after seeing every edit hides it on every device.
        for device in devices { device.clock.advance(5000) }
        try c.journal.write([.delete(id, kind: .symptom)])
        for device in devices where device.name != "c" { try send(c, to: device) }
        for device in devices {
            let snapshot = try device.snapshot(id)
            #expect(snapshot.deleted, "on \(device.name)")
            #expect(!snapshot.editedAfterDelete, "on \(device.name)")
            #expect(try device.journal.records().isEmpty, "on \(device.name)")
            #expect(try device.journal.records(.init(includeDeleted: true)).map(\.id) == [id])
            let row = try device.journal.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM symptom") }
            #expect(row == 0, "a hidden record keeps no row in its kind's table on \(device.name)")
        }
        // Editing a deleted record is refused; restoring it is the way back.
        #expect(throws: JournalError.self) {
            try d.journal.write([.update(id, kind: .symptom, ["severity": .integer(1)])])
        }

        for device in devices { device.clock.advance(5000) }
        try d.journal.write([.restore(id, kind: .symptom)])
        for device in devices where device.name != "d" { try send(d, to: device) }
        for device in devices {
            let snapshot = try device.snapshot(id)
            #expect(!snapshot.deleted, "on \(device.name)")
            #expect(!snapshot.editedAfterDelete, "on \(device.name)")
            #expect(snapshot.conflicts.isEmpty, "on \(device.name)")
            #expect(snapshot["severity"] == .integer(8), "on \(device.name)")
            #expect(try device.journal.records().map(\.id) == [id])
        }
        let exports = try devices.map { try JournalExport(journal: $0.journal).records }
        #expect(exports.allSatisfy { $0 == exports[0] })
    }

    /// A record kept visible because of an edit the delete had not seen can be settled
    /// either way: deleting it again hides it, restoring it keeps it and clears the flag.
    @Test func aFlaggedRecordCanBeKeptByRestoringIt() throws {
        let directory = TemporaryDirectory()
        let a = try Device("a", in: directory, journalID: journalID)
        let b = try Device("b", in: directory, journalID: journalID)
        let id = newRecordID()
        try a.journal.write([.create(.symptom, symptom(severity: 3), id: id)])
        try send(a, to: b)
        try a.journal.write([.delete(id, kind: .symptom)])
        try b.journal.write([.update(id, kind: .symptom, ["severity": .integer(8)])])
        try send(a, to: b)
        try send(b, to: a)
        #expect(try a.snapshot(id).editedAfterDelete)
        a.clock.advance(1000)
        try a.journal.write([.restore(id, kind: .symptom)])
        try send(a, to: b)
        for device in [a, b] {
            let snapshot = try device.snapshot(id)
            #expect(!snapshot.deleted && !snapshot.editedAfterDelete && snapshot.conflicts.isEmpty, "on \(device.name)")
            #expect(snapshot["severity"] == .integer(8))
            let conflicted = try device.journal.read { db in
                try Bool.fetchOne(db, sql: "SELECT conflicted FROM record WHERE id = ?", arguments: [id])
            }
            #expect(conflicted == false, "on \(device.name)")
        }
    }

    @Test func applyingTheSameOperationsTwiceChangesNothing() throws {
        let directory = TemporaryDirectory()
        let a = try Device("a", in: directory, journalID: journalID)
        let b = try Device("b", in: directory, journalID: journalID)
        let one = newRecordID()
        let two = newRecordID()
        try a.journal.write([
            .create(.symptom, symptom(severity: 3), id: one),
            .create(.entry, ["date": .text("2026-03-02"), "wellbeing": .integer(6), "tags": .list(["tired", "a,b"])], id: two)
        ])
        try send(a, to: b)
        try a.journal.write([.update(one, kind: .symptom, ["severity": .integer(4)])])
        try b.journal.write([.update(one, kind: .symptom, ["severity": .integer(9)]), .delete(two, kind: .entry)])
        let names = [a.id: a.name, b.id: b.name]
        #expect(try send(a, to: b, names: names) == 1)
        let bytes = try b.exportBytes()
        let check = try b.journal.check()
        #expect(check.isHealthy, "\(check.problems)")
        #expect(try send(a, to: b, names: names) == 0)
        let operations = try a.journal.operations().map(\.operation)
        #expect(try b.journal.apply(operations + operations.reversed(), deviceNames: names) == 0)
        #expect(try b.exportBytes() == bytes)
        #expect(try b.journal.check().isHealthy)

        // Duplicates inside one batch count once.
        let c = try Device("c", in: directory, journalID: journalID)
        let all = try b.journal.operations().map(\.operation)
        #expect(try c.journal.apply(all + all.shuffled() + all, deviceNames: names) == all.count)
        #expect(try c.journal.apply(all, deviceNames: names) == 0)
        try send(b, to: a, names: names)
        #expect(try c.exportBytes() == b.exportBytes())
        #expect(try JournalExport(journal: a.journal).records == JournalExport(journal: b.journal).records)
    }

    /// Sync may deliver a write after the write that replaced it: it goes straight to
    /// history and never becomes the value, nor a conflict.
    @Test func aWriteArrivingAfterItsReplacementNeverBecomesAHead() throws {
        let directory = TemporaryDirectory()
        let a = try Device("a", in: directory, journalID: journalID)
        let c = try Device("c", in: directory, journalID: journalID)
        let id = newRecordID()
        let create = try a.journal.write([.create(.symptom, symptom(severity: 3), id: id)])[0]
        let second = try a.journal.write([.update(id, kind: .symptom, ["severity": .integer(5)])])[0]
        let third = try a.journal.write([.update(id, kind: .symptom, ["severity": .integer(7), "name": .text("rash")])])[0]
        let names = [a.id: a.name]

        #expect(try c.journal.apply([third], deviceNames: names) == 1)
        // Only an update so far: the record is incomplete, so not listed, but known.
        #expect(try c.journal.records().isEmpty)
        #expect(try c.snapshot(id)["severity"] == .integer(7))
        #expect(try c.journal.apply([create], deviceNames: names) == 1)
        #expect(try c.journal.apply([second], deviceNames: names) == 1)

        let snapshot = try c.snapshot(id)
        #expect(snapshot["severity"] == .integer(7))
        #expect(snapshot["name"] == .text("rash"))
        #expect(snapshot["date"] == .text("2026-03-01"))
        #expect(snapshot.conflicts.isEmpty)
        #expect(try c.journal.records().map(\.id) == [id])
        let heads = try c.journal.read { db in
            try Row.fetchAll(db, sql: "SELECT field, counter FROM fieldHead WHERE recordId = ? ORDER BY field", arguments: [id])
                .map { "\($0[0] as String):\($0[1] as Int64)" }
        }
        #expect(heads == ["date:1", "name:3", "severity:3"])
        #expect(try c.exportBytes() == a.exportBytes())
        #expect(try c.journal.check().isHealthy)
        #expect(try c.journal.history(of: id).count == 3)
    }

    @Test func anInvalidOperationFromElsewhereIsRejectedWithNothingApplied() throws {
        let directory = TemporaryDirectory()
        let a = try Device("a", in: directory, journalID: journalID)
        let id = newRecordID()
        let good = JournalOperation(
            id: OperationID(device: "other", counter: 1), clock: HLCTimestamp(physical: Instants.march2026, logical: 0),
            record: id, kind: .symptom,
            writes: symptom().map { FieldWrite(field: $0.key, value: $0.value, replaces: []) })
        let bad = JournalOperation(
            id: OperationID(device: "other", counter: 2), clock: HLCTimestamp(physical: Instants.march2026, logical: 1),
            record: id, kind: .symptom,
            writes: [FieldWrite(field: "severity", value: .integer(11), replaces: [good.id])])
        let error = #expect(throws: JournalError.self) { try a.journal.apply([good, bad]) }
        guard case .invalidOperation(let rejected, _) = error else {
            Issue.record("expected .invalidOperation, got \(String(describing: error))")
            return
        }
        #expect(rejected == bad.id)
        #expect(try a.journal.isEmpty())
        #expect(try a.journal.apply([good]) == 1)
        // The same record id with another kind is refused too.
        let otherKind = JournalOperation(
            id: OperationID(device: "other", counter: 3), clock: HLCTimestamp(physical: Instants.march2026, logical: 2),
            record: id, kind: .event, writes: [FieldWrite(field: "type", value: .text("crs"), replaces: [])])
        #expect(throws: JournalError.self) { try a.journal.apply([otherKind]) }
        #expect(try a.journal.operations().count == 1)
    }

    /// Every local write must be one that other devices accept: a create that sets
    /// nothing would be an operation with no writes, which `apply` (and `check`) reject.
    @Test func aCreateThatSetsNothingIsRefused() throws {
        let directory = TemporaryDirectory()
        let a = try Device("a", in: directory, journalID: journalID)
        #expect(throws: JournalError.self) {
            try a.journal.write([.create(.profile, [:], id: Journal.profileID)])
        }
        #expect(throws: JournalError.self) {
            try a.journal.write([.create(.profile, ["note": .null], id: Journal.profileID)])
        }
        #expect(try a.journal.isEmpty())
        try a.journal.write([.create(.profile, ["diagnosis": .text("SLE")], id: Journal.profileID)])
        let b = try Device("b", in: directory, journalID: journalID)
        #expect(try send(a, to: b) == 1)
        #expect(try a.journal.check().isHealthy)
    }
}

/// The kinds' tables have CHECK constraints (schema 0001): a value `FieldSpec` accepts must be
/// one the table stores, or an imported or synced operation fails as a database error
/// instead of being refused as invalid.
@Suite struct FieldRangeTests {
    @Test(arguments: [
        ("sledai", FieldValue.integer(106)), ("sledai", .integer(-1)), ("clinicalSledai", .integer(200)),
        ("pga", .text("3.5")), ("pga", .text("-0.5")), ("pga", .text("4")), ("pga", .text("3.0001")),
        ("pga", .text("99999999999999999999"))
    ])
    func outOfRangeAssessmentValuesAreInvalid(field: String, value: FieldValue) throws {
        let directory = TemporaryDirectory()
        let journal = try Journal.create(at: directory.location(), logger: quietLogger)
        let fields: [String: FieldValue] = ["date": .text("2026-03-01"), field: value]
        let local = #expect(throws: JournalError.self) { try journal.write([.create(.assessment, fields)]) }
        guard case .invalidChange = local else {
            Issue.record("a local write: expected .invalidChange, got \(String(describing: local))")
            return
        }
        let operation = JournalOperation(
            id: OperationID(device: "other", counter: 1), clock: HLCTimestamp(physical: Instants.march2026, logical: 0),
            record: newRecordID(), kind: .assessment,
            writes: fields.map { FieldWrite(field: $0.key, value: $0.value, replaces: []) })
        let remote = #expect(throws: JournalError.self) { try journal.apply([operation]) }
        guard case .invalidOperation = remote else {
            Issue.record("an operation from elsewhere: expected .invalidOperation, got \(String(describing: remote))")
            return
        }
        #expect(try journal.isEmpty())
    }

    @Test(arguments: [
        ("sledai", FieldValue.integer(0)), ("sledai", .integer(105)), ("clinicalSledai", .integer(105)),
        ("pga", .text("0")), ("pga", .text("3")), ("pga", .text("3.000")), ("pga", .text("0.25")), ("pga", .text("2.999")),
        ("pga", .text("003")), ("pga", .text("-0"))
    ])
    func inRangeAssessmentValuesAreStored(field: String, value: FieldValue) throws {
        let directory = TemporaryDirectory()
        let journal = try Journal.create(at: directory.location(), logger: quietLogger)
        let id = newRecordID()
        try journal.write([.create(.assessment, ["date": .text("2026-03-01"), field: value], id: id)])
        #expect(try journal.snapshot(id)?[field] == value)
        #expect(try journal.check().isHealthy)
    }
}

/// Fields that belong together merge together (Schema/merge-rule.md).
@Suite struct FieldGroupMergeTests {
    let journalID = newRecordID()
    static let context = EntryContext(today: CalendarDate(iso: "2026-11-20")!, infusion: nil)

    static func c3(_ value: String, _ unit: String, range: String? = nil) throws -> [String: FieldValue] {
        try LabResultEntry(analyte: "c3", value: value, unit: unit, date: "2026-03-01", range: range).fields(context)
    }

    /// The issue's two devices: one re-enters C3 in g/L, the other corrects the number in
    /// mg/dL. Both end with a result somebody entered, the same one, the other in conflict.
    @Test func aValueAndAUnitFromTwoDevicesNeverMix() throws {
        let directory = TemporaryDirectory()
        let a = try Device("a", in: directory, journalID: journalID)
        let b = try Device("b", in: directory, journalID: journalID)
        let id = newRecordID()
        try a.journal.write([.create(.lab, try Self.c3("97", "mg/dL"), id: id)])
        try send(a, to: b)
        a.clock.advance(1000)
        b.clock.advance(2000)
        let gl = try Self.c3("0.97", "g/L")
        try a.journal.write([.update(id, kind: .lab, ["value": gl["value"]!, "unit": gl["unit"]!, "canonicalValue": gl["canonicalValue"]!])])
        try b.journal.write([.update(id, kind: .lab, ["value": .text("95"), "canonicalValue": .text("0.95")])])
        try send(a, to: b)
        try send(b, to: a)
        for device in [a, b] {
            let lab = try device.snapshot(id)
            // B's edit is later: 95 mg/dL = 0.95 g/L, whole.
            #expect(lab["value"] == .text("95") && lab["unit"] == .text("mg/dL"), "on \(device.name): \(lab.fields)")
            #expect(lab["canonicalValue"] == .text("0.95"))
            let conflict = try #require(lab.conflicts.first)
            #expect(conflict.register == "measurement")
            #expect(conflict.others.count == 1)
            #expect(conflict.others[0].values["value"] == .text("0.97") && conflict.others[0].values["unit"] == .text("g/L"))
            #expect(try device.journal.check().isHealthy)
        }
        #expect(try JournalExport(journal: a.journal).records == JournalExport(journal: b.journal).records)

        // Settling keeps the other alternative whole, and its canonical value follows.
        let chosen = try a.snapshot(id).conflicts[0].others[0].values
        try a.journal.write([.update(id, kind: .lab, chosen)])
        try send(a, to: b)
        for device in [a, b] {
            let lab = try device.snapshot(id)
            #expect(lab["value"] == .text("0.97") && lab["unit"] == .text("g/L") && lab["canonicalValue"] == .text("0.97"))
            #expect(lab.conflicts.isEmpty)
        }
    }

    /// Operations as the previous release wrote them: one write per field, each naming the
    /// writes of that field it replaced. In every order of arrival the result is a whole group.
    @Test func partialWritesOfAnEarlierVersionAreCompletedFromTheirBase() throws {
        let record = newRecordID()
        let (deviceA, deviceB) = (newRecordID(), newRecordID())
        let clock = { (ms: Int64) in HLCTimestamp(physical: Instants.march2026 + ms, logical: 0) }
        let created = try Self.c3("97", "mg/dL", range: "90-180")
        let create = JournalOperation(
            id: OperationID(device: deviceA, counter: 1), clock: clock(0), record: record, kind: .lab,
            writes: created.filter { !$0.value.isNull }.map { FieldWrite(field: $0.key, value: $0.value, replaces: []) })
        let c1 = create.id
        // Device A: unit and value to g/L (with the range, as the old editor required).
        let toGrams = JournalOperation(
            id: OperationID(device: deviceA, counter: 2), clock: clock(1000), record: record, kind: .lab,
            writes: [
                FieldWrite(field: "value", value: .text("0.97"), replaces: [c1]),
                FieldWrite(field: "unit", value: .text("g/L"), replaces: [c1]),
                FieldWrite(field: "range", value: .text("0.9-1.8"), replaces: [c1]),
                FieldWrite(field: "canonicalValue", value: .text("0.97"), replaces: [c1]),
                FieldWrite(field: "rangeLow", value: .text("0.9"), replaces: [c1]),
                FieldWrite(field: "rangeHigh", value: .text("1.8"), replaces: [c1])
            ])
        // Device B, concurrently, later clock: only the number.
        let number = JournalOperation(
            id: OperationID(device: deviceB, counter: 1), clock: clock(2000), record: record, kind: .lab,
            writes: [
                FieldWrite(field: "value", value: .text("95"), replaces: [c1]),
                FieldWrite(field: "canonicalValue", value: .text("0.95"), replaces: [c1])
            ])
        // Then B again, on top of its own edit: the lab's name only (another register).
        let labName = JournalOperation(
            id: OperationID(device: deviceB, counter: 2), clock: clock(3000), record: record, kind: .lab,
            writes: [FieldWrite(field: "lab", value: .text("City Lab"), replaces: [])])
        let all = [create, toGrams, number, labName]
        var exports: Set<Data> = []
        for order in [[0, 1, 2, 3], [3, 2, 1, 0], [2, 0, 3, 1], [1, 3, 0, 2], [2, 1, 0, 3]] {
            let directory = TemporaryDirectory()
            let device = try Device("d", in: directory, journalID: journalID)
            for index in order { try device.journal.apply([all[index]]) }
            let lab = try device.snapshot(record)
            #expect(
                lab["value"] == .text("95") && lab["unit"] == .text("mg/dL") && lab["range"] == .text("90-180"),
                "order \(order): \(lab.fields)")
            #expect(lab["canonicalValue"] == .text("0.95") && lab["rangeLow"] == .text("0.9"))
            #expect(lab["lab"] == .text("City Lab"))
            #expect(lab.conflicts.map(\.register) == ["measurement"])
            #expect(lab.conflicts.first?.others.first?.values["unit"] == .text("g/L"))
            #expect(try device.journal.check().isHealthy)
            exports.insert(try device.exportBytes())
        }
        #expect(exports.count == 1, "the order of arrival changed the journal")
    }

    /// A dose from one device and a frequency from another would be a daily dose nobody takes.
    @Test func aDoseAndAFrequencyFromTwoDevicesNeverMix() throws {
        let directory = TemporaryDirectory()
        let a = try Device("a", in: directory, journalID: journalID)
        let b = try Device("b", in: directory, journalID: journalID)
        let id = newRecordID()
        let fields = try MedicationEntry(drug: "prednisone", dose: "10 mg", frequency: "daily", startDate: "2026-03-01").fields(Self.context)
        try a.journal.write([.create(.medication, fields, id: id)])
        try send(a, to: b)
        a.clock.advance(1000)
        b.clock.advance(2000)
        try a.journal.write([.update(id, kind: .medication, ["dose": .text("5 mg"), "doseAmount": .text("5")])])
        try b.journal.write([.update(id, kind: .medication, ["frequency": .text("twice-daily")])])
        try send(a, to: b)
        try send(b, to: a)
        for device in [a, b] {
            let period = try device.snapshot(id)
            #expect(
                period["dose"] == .text("10 mg") && period["frequency"] == .text("twice-daily") && period["doseAmount"] == .text("10"),
                "on \(device.name): \(period.fields)")
            #expect(period.conflicts.map(\.register) == ["dosing"])
        }
    }

    /// A journal of schema 4 is rebuilt by the new rule when it is opened.
    @Test func derivedTablesAreRebuiltWhenTheSchemaIsUpgraded() throws {
        let directory = TemporaryDirectory()
        let device = try Device("a", in: directory, journalID: journalID)
        try device.journal.write([.create(.lab, try Self.c3("82", "mg/dL"))])
        let before = try device.exportBytes()
        let location = device.journal.location
        try RawDatabase.write(location) { db in
            try db.execute(
                sql: """
                    DELETE FROM fieldHead; DELETE FROM labResult;
                    DELETE FROM grdb_migrations WHERE identifier IN ('0005_field_groups', '0007_head_index')
                    """)
            try db.execute(sql: "ALTER TABLE fieldHead DROP COLUMN fieldGroup")
            try db.execute(
                sql:
                    "CREATE TABLE fieldReplacement (recordId TEXT NOT NULL, field TEXT NOT NULL, replacedDeviceId TEXT NOT NULL, replacedCounter INTEGER NOT NULL, deviceId TEXT NOT NULL, counter INTEGER NOT NULL, PRIMARY KEY (recordId, field, replacedDeviceId, replacedCounter, deviceId, counter)) WITHOUT ROWID"
            )
        }
        let reopened = try Journal.open(at: location, logger: quietLogger)
        #expect(try reopened.check().isHealthy)
        #expect(try JournalExport(journal: reopened).encoded() == before)
    }
}
