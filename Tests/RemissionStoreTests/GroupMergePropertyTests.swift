import Foundation
import GRDB
import RemissionCore
import RemissionFormats
import RemissionReports
import RemissionStore
import RemissionTestSupport
import Testing

/// Schema/merge-rule.md, as a property: devices edit random parts of lab measurements and
/// medication dosings at once, some writing one field per write as the previous release did,
/// and receive each other's operations in random orders. Afterwards every device holds the
/// same journal, and every record holds values that belong together.
@Suite struct GroupMergePropertyTests {
    static let baseSeed: UInt64 = 0x5EED_2026_6209_0001
    static let context = EntryContext(today: CalendarDate(iso: "2026-11-20")!, infusion: nil)

    /// 40 cases by default, each heavier than one of ``MergePropertyTests``;
    /// `REMISSION_PROPERTY_CASES` (a fifth of it) and `REMISSION_PROPERTY_SEED` as there.
    static var cases: [UInt64] {
        let environment = ProcessInfo.processInfo.environment
        if let seed = environment["REMISSION_PROPERTY_SEED"].flatMap({ UInt64($0) }) { return [seed] }
        let count = environment["REMISSION_PROPERTY_CASES"].flatMap { Int($0) }.map { max(1, $0 / 5) } ?? 40
        return (0..<UInt64(count)).map { baseSeed &+ $0 }
    }

    /// Measurements a person could enter: (analyte, value, unit, range).
    static let measurements: [(String, String, String, String?)] = [
        ("c3", "97", "mg/dL", "90-180"), ("c3", "0.97", "g/L", "0.9-1.8"), ("c3", "95", "mg/dL", nil),
        ("c3", "0.82", "g/L", nil), ("c4", "14", "mg/dL", "10-40"), ("c4", "0.14", "g/L", "0.1-0.4"),
        ("cd19", "<1", "cells/µL", nil), ("cd19", "56", "cells/µL", "77-427"), ("igg", "6.5", "g/L", "7-16")
    ]
    static let doses = ["10 mg", "5 mg", "2.5 mg", "200 mg", nil]
    static let frequencies = ["daily", "twice-daily", "weekly", nil]

    @Test func concurrentGroupEditsConvergeOnWholeGroups() throws {
        let failures = MergePropertyTests.Results()
        let cases = Self.cases
        let shards = max(1, min(ProcessInfo.processInfo.activeProcessorCount, cases.count))
        DispatchQueue.concurrentPerform(iterations: shards) { shard in
            var statistics = MergePropertyTests.Statistics()
            for seed in cases.enumerated().filter({ $0.offset % shards == shard }).map(\.element) {
                if failures.failed { break }
                do {
                    try Self.run(seed: seed, statistics: &statistics)
                } catch {
                    failures.fail("seed \(seed) (replay with REMISSION_PROPERTY_SEED=\(seed)): \(error)")
                    break
                }
            }
            failures.add(statistics)
        }
        for failure in failures.failures { Issue.record(Comment(rawValue: failure)) }
        if cases.count >= 30 && failures.failures.isEmpty {
            #expect(failures.statistics.conflicts > 0, "no group conflict arose: \(failures.statistics)")
            #expect(failures.statistics.restores > 0, "no partial write of the previous release: \(failures.statistics)")
        }
    }

    static func run(seed: UInt64, statistics: inout MergePropertyTests.Statistics) throws {
        var random = SeededGenerator(seed: seed)
        func pick<T>(_ values: [T]) -> T { values[Int.random(in: 0..<values.count, using: &random)] }
        let directory = TemporaryDirectory("groups", inMemory: true)
        let journalID = random.uuid()
        var devices: [Device] = []
        for index in 0..<Int.random(in: 4...5, using: &random) {
            devices.append(
                try Device(
                    "device-\(index)", in: directory, journalID: journalID,
                    clock: ManualClock(Instants.march2026 + Int64.random(in: -600_000...600_000, using: &random)),
                    deviceID: random.uuid()))
        }
        // Each device also has a twin running the previous release, writing one field per write.
        var legacyCounters = devices.map { _ in (id: random.uuid(), counter: Int64(0)) }
        let names = Dictionary(uniqueKeysWithValues: devices.map { ($0.id, $0.name) })

        // A few records everyone has.
        var labs: [String] = []
        var medications: [String] = []
        for _ in 0..<2 {
            let (analyte, value, unit, range) = pick(measurements)
            let id = random.uuid()
            try devices[0].journal.write([
                .create(
                    .lab,
                    try LabResultEntry(
                        analyte: analyte, value: value, unit: unit, date: "2026-03-01", range: range
                    ).fields(context), id: id)
            ])
            labs.append(id)
        }
        let medication = random.uuid()
        try devices[0].journal.write([
            .create(
                .medication,
                try MedicationEntry(
                    drug: "prednisone", dose: "10 mg", frequency: "daily", startDate: "2026-03-01"
                ).fields(context), id: medication)
        ])
        medications.append(medication)
        for device in devices.dropFirst() { try send(devices[0], to: device, names: names) }

        for _ in 0..<Int.random(in: 10...24, using: &random) {
            for device in devices { device.clock.advance(Int64.random(in: 0...2_000, using: &random)) }
            let index = Int.random(in: 0..<devices.count, using: &random)
            let device = devices[index]
            let roll = Int.random(in: 0..<100, using: &random)
            if roll < 60 {
                // This version: an edit of some fields, written whole by the journal.
                if random.chance(60), let id = labs.randomElement(using: &random) {
                    let current = try device.snapshot(id)
                    var entry = LabResultEntry(fields: current.fields)
                    let (analyte, value, unit, range) = pick(measurements)
                    if random.chance(50) { entry.value = value }
                    if random.chance(50) || entry.analyte != analyte { entry.unit = unit; entry.range = range; entry.analyte = analyte; entry.value = value }
                    guard let fields = try? entry.fields(context) else { continue }
                    let changed = fields.filter { current[$0.key] != $0.value && $0.key != "date" }
                    if !changed.isEmpty { try device.journal.write([.update(id, kind: .lab, changed)]) }
                } else if let id = medications.randomElement(using: &random) {
                    let current = try device.snapshot(id)
                    var entry = MedicationEntry(fields: current.fields)
                    if random.chance(60) { entry.dose = pick(doses) } else { entry.frequency = pick(frequencies) }
                    let fields = try entry.fields(context)
                    let changed = fields.filter { current[$0.key] != $0.value }
                    if !changed.isEmpty { try device.journal.write([.update(id, kind: .medication, changed)]) }
                }
            } else if roll < 80 {
                // The previous release on the same device: one field (and what it derived),
                // replacing the writes of that field it had seen.
                let id = random.chance(60) ? labs.randomElement(using: &random)! : medications[0]
                let record = try device.snapshot(id)
                var written: [String: FieldValue] = [:]
                if record.kind == .lab {
                    guard let text = record["value"].text, let number = Decimal(string: text) else { continue }
                    let value = "\(number + Decimal(Int.random(in: 1...9, using: &random)))"
                    written["value"] = .text(value)
                    var fields = record.fields
                    fields["value"] = .text(value)
                    if let derived = LabResultEntry.derivedFields(fields) { written["canonicalValue"] = derived["canonicalValue"] }
                } else {
                    guard let dose = pick(doses) else { continue }
                    written["dose"] = .text(dose)
                    written["doseAmount"] = MedicationEntry.derivedFields(["dose": .text(dose)])?["doseAmount"]
                }
                let history = try device.journal.history(of: id)
                var writers: [String: Set<OperationID>] = [:]
                for operation in history { for write in operation.writes { writers[write.field, default: []].insert(operation.id) } }
                let heads = Set(record.conflicts.flatMap { $0.candidates.map(\.operation) })
                    .union(
                        try device.journal.read { db in
                            try Row.fetchAll(db, sql: "SELECT DISTINCT deviceId, counter FROM fieldHead WHERE recordId = ?", arguments: [id])
                                .map { OperationID(device: $0[0], counter: $0[1]) }
                        })
                legacyCounters[index].counter += 1
                let operation = JournalOperation(
                    id: OperationID(device: legacyCounters[index].id, counter: legacyCounters[index].counter),
                    clock: HLCTimestamp(physical: device.clock.now, logical: 0), record: id, kind: record.kind,
                    writes: written.map { field, value in
                        FieldWrite(field: field, value: value, replaces: Array(heads.intersection(writers[field] ?? [])))
                    })
                try device.journal.apply([operation], deviceNames: names)
                statistics.restores += 1
            } else {
                var target = devices[Int.random(in: 0..<devices.count, using: &random)]
                while target.id == device.id { target = devices[Int.random(in: 0..<devices.count, using: &random)] }
                try MergePropertyTests.partialSync(from: device, to: target, names: names, random: &random)
            }
        }

        var everything: [OperationID: JournalOperation] = [:]
        for device in devices {
            for operation in try device.journal.operations().map(\.operation) { everything[operation.id] = operation }
        }
        let all = everything.values.sorted { $0.id < $1.id }
        statistics.operations += all.count
        for device in devices {
            var batch = all
            batch.shuffle(using: &random)
            try device.journal.apply(batch, deviceNames: names)
        }
        let exports = try devices.map { try $0.exportBytes() }
        for (device, export) in zip(devices, exports) where export != exports[0] {
            throw TestFailure(
                "\(device.name)'s export differs from \(devices[0].name)'s:\n"
                    + MergePropertyTests.firstDifference(exports[0], export))
        }
        for record in try devices[0].journal.records() {
            statistics.conflicts += record.conflicts.count
            switch record.kind {
            case .lab:
                guard let derived = LabResultEntry.derivedFields(record.fields) else {
                    throw TestFailure("lab \(record.id) cannot be derived: \(record.fields)")
                }
                for (field, value) in derived where record[field] != value {
                    throw TestFailure("lab \(record.id): \(field) \(record[field]) does not follow from \(record["value"]) \(record["unit"])")
                }
                // A range is in the unit it was entered with: never g/L next to a mg/dL range.
                if let range = record["range"].text {
                    let pairs = measurements.filter { $0.3 == range }.map(\.2)
                    guard pairs.contains(record["unit"].text ?? "") else {
                        throw TestFailure("lab \(record.id): range \(range) next to unit \(record["unit"])")
                    }
                }
            case .medication:
                let dose = record["dose"].text.flatMap { try? Dose.parse($0) }
                guard record["doseAmount"] == (dose.map { .text($0.amount.description) } ?? .null),
                    record["doseUnit"] == (dose.map { .text($0.unit.rawValue) } ?? .null)
                else { throw TestFailure("medication \(record.id): \(record["doseAmount"]) \(record["doseUnit"]) is not \(record["dose"])") }
            default: break
            }
        }
        let report = try devices[0].journal.check()
        guard report.isHealthy else { throw TestFailure("check: \(report.problems)") }
    }
}
