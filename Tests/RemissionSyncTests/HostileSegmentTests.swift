import Crypto
import Foundation
import RemissionCore
import RemissionFormats
import RemissionReports
import RemissionStore
import RemissionSync
import Testing

/// Segments sealed by another holder of the passphrase (a lost laptop, say): valid, but
/// hostile. They must not rewrite history under another device's name, make devices disagree
/// for ever, stop the other devices, or make this one trap.
@Suite struct HostileSegmentTests {
    let journalID = newRecordID()
    let remote = MemoryRemote()

    /// A key holder's small writer of the documented format (Schema/sync-format.md): it seals
    /// whatever operations it is given as the next segment of `device`'s chain.
    struct Forger {
        let remote: MemoryRemote
        let journalID: String
        let key: SymmetricKey
        let device = newRecordID()
        var sequence: Int64 = 0
        var previous = ""

        init(remote: MemoryRemote, journalID: String, from victim: Device) throws {
            self.remote = remote
            self.journalID = journalID
            key = SymmetricKey(data: try #require(try victim.journal.remotes().first?.journalKey))
        }

        mutating func seal(_ operations: [JournalOperation]) throws {
            sequence += 1
            let header = SegmentHeader(
                format: SegmentCodec.formatVersion, journal: journalID, device: device, sequence: sequence,
                previous: previous, vector: [:], salt: Data((0..<16).map { _ in UInt8.random(in: 0...255) }).base64EncodedString(),
                operations: operations.count)
            let bytes = try SegmentCodec.encode(
                header: header, names: SegmentNames(device: "mallory"),
                operationBodies: operations.map(OperationCodec.encode), journalKey: key)
            remote.set("devices/\(device)/" + SegmentCodec.name(sequence: sequence), bytes)
            previous = SegmentCodec.sha256Hex(bytes)
        }

        func operation(_ device: String, _ counter: Int64, record: String = newRecordID(), writes: [FieldWrite]) -> JournalOperation {
            JournalOperation.written(
                id: OperationID(device: device, counter: counter), clock: HLCTimestamp(physical: Journal.systemClock(), logical: 0),
                record: record, kind: .symptom, writes: writes)
        }

        func symptom(_ name: String, on device: String, counter: Int64) -> JournalOperation {
            operation(
                device, counter,
                writes: [
                    FieldWrite(field: "date", value: .text("2026-11-20"), replaces: []),
                    FieldWrite(field: "name", value: .text(name), replaces: []),
                    FieldWrite(field: "severity", value: .integer(9), replaces: [])
                ])
        }
    }

    func records(_ device: Device) throws -> [JournalExport.Record] { try JournalExport(journal: device.journal).records }

    /// A relay under the laptop's id and next counter: until the laptop's own segment arrives
    /// the desktop shows it, then the laptop's true operation replaces it on every device, and
    /// the clash is reported. The laptop itself refuses a relay claiming its own id.
    @Test(arguments: [false, true])
    func aForgedRelayNeverShadowsTheDevicesOwnOperation(trueOneFirst: Bool) throws {
        let laptop = try Device.inMemory(name: "laptop", journalID: journalID, remote: remote)
        let desktop = try Device.inMemory(name: "desktop", journalID: journalID, remote: remote)
        try laptop.logSymptom("fatigue", 3)
        try laptop.sync()
        try desktop.sync()
        var mallory = try Forger(remote: remote, journalID: journalID, from: laptop)
        let laptopID = try laptop.journal.identity().deviceID
        let next = try laptop.journal.identity().counter + 1
        try mallory.seal([mallory.symptom("forged", on: laptopID, counter: next)])

        if trueOneFirst {
            try laptop.logSymptom("headache", 2)
            try laptop.sync()
        }
        let report = try desktop.sync()
        #expect(report.problems.isEmpty, "\(report.problems)")
        if !trueOneFirst {
            try laptop.logSymptom("headache", 2)
            let own = try laptop.sync()
            // The laptop pulls mallory's segment too: a relay under its own id is refused, and
            // only mallory's chain stops.
            #expect(own.problems.count == 1)
            #expect(own.problems.first?.description.contains("claims this device's own id") == true, "\(own.problems)")
            let again = try desktop.sync()
            #expect(again.clashes == 1)
        } else {
            #expect(report.clashes == 1)
        }
        let names = try desktop.journal.records(.init(kind: .symptom)).compactMap { $0["name"].text }.sorted()
        #expect(names == ["fatigue", "headache"], "the forged operation is still shown: \(names)")
        #expect(try records(desktop) == records(laptop))
        let check = try desktop.journal.check()
        #expect(check.isHealthy)
        #expect(check.flagged.contains { $0.contains("operation \(laptopID):\(next) arrived with two different bodies") }, "\(check.flagged)")
    }

    /// Two key holders relaying different bodies under one id, in either order: every
    /// device keeps the same one.
    @Test func twoForgedBodiesOfOneIdResolveTheSameEverywhere() throws {
        let laptop = try Device.inMemory(name: "laptop", journalID: journalID, remote: remote)
        try laptop.logSymptom("fatigue", 3)
        try laptop.sync()
        var first = try Forger(remote: remote, journalID: journalID, from: laptop)
        var second = try Forger(remote: remote, journalID: journalID, from: laptop)
        let ghost = newRecordID()  // a device with no chain of its own
        let a = first.symptom("one", on: ghost, counter: 1)
        let b = second.symptom("two", on: ghost, counter: 1)
        let desktop = try Device.inMemory(name: "desktop", journalID: journalID, remote: remote)
        let phone = try Device.inMemory(name: "phone", journalID: journalID, remote: remote)
        try first.seal([a])
        try desktop.sync()
        try second.seal([b])
        try desktop.sync()
        try phone.sync()
        let shown = { (device: Device) in try device.journal.records(.init(kind: .symptom)).compactMap { $0["name"].text }.sorted() }
        #expect(try shown(desktop) == shown(phone))
        #expect(try shown(desktop).count == 2)
        #expect(try records(desktop) == records(phone))
    }

    /// A relay claiming the syncing device's own id at counter 2^63−1 once made every later
    /// `log` trap. It is refused, only its chain stops, and writing goes on.
    @Test func aCounterAtTheEndOfItsRangeIsRefusedAndNothingTraps() throws {
        let laptop = try Device.inMemory(name: "laptop", journalID: journalID, remote: remote)
        try laptop.logSymptom("fatigue", 3)
        try laptop.sync()
        var mallory = try Forger(remote: remote, journalID: journalID, from: laptop)
        let desktop = try Device.inMemory(name: "desktop", journalID: journalID, remote: remote)
        let desktopID = try desktop.journal.identity().deviceID
        try mallory.seal([mallory.symptom("huge", on: desktopID, counter: .max)])
        let report = try desktop.sync()
        #expect(report.problems.count == 1, "\(report.problems)")
        #expect(try desktop.journal.records(.init(kind: .symptom)).count == 1, "the laptop's chain was still pulled")
        try desktop.logSymptom("headache", 2)
        #expect(try desktop.journal.identity().counter < 1 << 53)
    }

    /// A field of a newer version is kept and carried, never fatal; a value of the wrong type
    /// or a record of another kind stops only its device's chain.
    @Test func oneBadDeviceDoesNotStopTheOthers() throws {
        let laptop = try Device.inMemory(name: "laptop", journalID: journalID, remote: remote)
        try laptop.logSymptom("fatigue", 3)
        try laptop.sync()
        var newer = try Forger(remote: remote, journalID: journalID, from: laptop)
        var broken = try Forger(remote: remote, journalID: journalID, from: laptop)
        var future = newer.symptom("with a future field", on: newer.device, counter: 1)
        future = JournalOperation(
            id: future.id, clock: future.clock, record: future.record, kind: .symptom,
            writes: future.writes + [FieldWrite(field: "bodySite", value: .text("left knee"), replaces: [])])
        try newer.seal([future])
        try broken.seal([broken.operation(broken.device, 1, writes: [FieldWrite(field: "severity", value: .text("high"), replaces: [])])])
        let desktop = try Device.inMemory(name: "desktop", journalID: journalID, remote: remote)
        let report = try desktop.sync()
        #expect(report.problems.count == 1, "\(report.problems)")
        #expect(report.problems.first?.description.contains("cannot be \"high\"") == true)
        let names = try desktop.journal.records(.init(kind: .symptom)).compactMap { $0["name"].text }.sorted()
        #expect(names == ["fatigue", "with a future field"])
        let check = try desktop.journal.check()
        #expect(check.isHealthy, "\(check.problems)")
        #expect(check.flagged.contains { $0.contains("symptom.bodySite") && $0.contains("update remission") }, "\(check.flagged)")
        // Carried on: a device that joins later from the desktop's export holds it too.
        let exported = try JournalExport(journal: desktop.journal).operations
        #expect(exported.contains { $0.writes.contains { $0.field == "bodySite" } })
    }
}
