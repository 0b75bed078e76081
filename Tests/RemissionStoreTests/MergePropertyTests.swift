import Foundation
import GRDB
import RemissionCore
import RemissionFormats
import RemissionReports
import RemissionStore
import RemissionTestSupport
import Testing

/// DESIGN.md §5: "Applying the same operation twice, or operations in any order, yields the
/// same state on every device. This must be proven by property tests with many devices and
/// random interleavings."
@Suite struct MergePropertyTests {
    static let baseSeed: UInt64 = 0x5EED_2026_CA47_0001

    /// ~200 cases by default; `REMISSION_PROPERTY_CASES=5000` for a long run, and
    /// `REMISSION_PROPERTY_SEED=N` to replay one case printed by a failure.
    static var cases: [UInt64] {
        let environment = ProcessInfo.processInfo.environment
        if let seed = environment["REMISSION_PROPERTY_SEED"].flatMap({ UInt64($0) }) { return [seed] }
        let count = environment["REMISSION_PROPERTY_CASES"].flatMap { Int($0) } ?? 200
        return (0..<UInt64(max(count, 1))).map { baseSeed &+ $0 }
    }

    @Test func randomInterleavingsConvergeOnEveryDevice() throws {
        let cases = Self.cases
        // Cases are independent (each has its own journals), so they run on every core.
        let shards = max(1, min(ProcessInfo.processInfo.activeProcessorCount, cases.count))
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: shards) { shard in
            var statistics = Statistics()
            for seed in cases.enumerated().filter({ $0.offset % shards == shard }).map(\.element) {
                if results.failed { break }
                do {
                    try Self.run(seed: seed, statistics: &statistics)
                } catch {
                    results.fail("seed \(seed) (replay with REMISSION_PROPERTY_SEED=\(seed)): \(error)")
                    break
                }
            }
            results.add(statistics)
        }
        for failure in results.failures { Issue.record(Comment(rawValue: failure)) }
        let statistics = results.statistics
        // The generator must actually produce the situations the merge rule is about.
        if cases.count >= 50 && results.failures.isEmpty {
            #expect(statistics.conflicts > 0, "no case ended with a conflict: \(statistics)")
            #expect(statistics.editedAfterDelete > 0, "no case had an edit a delete had not seen: \(statistics)")
            #expect(statistics.deleted > 0, "no case ended with a deleted record: \(statistics)")
            #expect(statistics.restores > 0, "no restore: \(statistics)")
            #expect(statistics.incompleteSeen > 0, "no device ever saw an update before its create: \(statistics)")
        }
    }

    final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var _failures: [String] = []
        private var _statistics = Statistics()

        var failed: Bool { lock.withLock { !_failures.isEmpty } }
        var failures: [String] { lock.withLock { _failures } }
        var statistics: Statistics { lock.withLock { _statistics } }
        func fail(_ message: String) { lock.withLock { _failures.append(message) } }
        func add(_ other: Statistics) {
            lock.withLock {
                _statistics.operations += other.operations
                _statistics.conflicts += other.conflicts
                _statistics.editedAfterDelete += other.editedAfterDelete
                _statistics.deleted += other.deleted
                _statistics.restores += other.restores
                _statistics.incompleteSeen += other.incompleteSeen
            }
        }
    }

    struct Statistics: Sendable, CustomStringConvertible {
        var operations = 0
        var conflicts = 0
        var editedAfterDelete = 0
        var deleted = 0
        var restores = 0
        var incompleteSeen = 0
        var description: String {
            "operations \(operations), conflicts \(conflicts), editedAfterDelete \(editedAfterDelete), deleted \(deleted), restores \(restores), incomplete \(incompleteSeen)"
        }
    }

    static func run(seed: UInt64, statistics: inout Statistics) throws {
        var random = SeededGenerator(seed: seed)
        let directory = TemporaryDirectory("property", inMemory: true)
        let journalID = random.uuid()
        let deviceCount = 4
        var devices: [Device] = []
        for index in 0..<deviceCount {
            // Clocks: most about right, some a year off either way, some minutes apart.
            let skew: Int64 =
                switch Int.random(in: 0..<6, using: &random) {
                case 0: Instants.year
                case 1: -Instants.year
                case 2: Int64.random(in: -600_000...600_000, using: &random)
                default: 0
                }
            devices.append(
                try Device(
                    "device-\(index)", in: directory, journalID: journalID,
                    clock: ManualClock(Instants.march2026 + skew), deviceID: random.uuid()))
        }
        let names = Dictionary(uniqueKeysWithValues: devices.map { ($0.id, $0.name) })

        let steps = Int.random(in: 12...28, using: &random)
        for _ in 0..<steps {
            for device in devices {
                switch Int.random(in: 0..<10, using: &random) {
                case 0: device.clock.advance(-Int64.random(in: 1...5_000, using: &random))  // clock set back
                case 1...3: break  // stands still: equal stamps, ties broken by the device id
                default: device.clock.advance(Int64.random(in: 1...3_000, using: &random))
                }
            }
            let device = devices[Int.random(in: 0..<devices.count, using: &random)]
            let roll = Int.random(in: 0..<100, using: &random)
            switch roll {
            case 0..<18:
                try create(on: device, random: &random)
            case 18..<50:
                let visible = try device.journal.records()
                guard let record = visible.randomElement(using: &random) else { continue }
                try device.journal.write([.update(record.id, kind: record.kind, randomFields(record.kind, random: &random, all: false))])
            case 50..<57:
                let visible = try device.journal.records()
                guard let record = visible.randomElement(using: &random) else { continue }
                try device.journal.write([.delete(record.id, kind: record.kind)])
            case 57..<63:
                let restorable = try device.journal.records(.init(includeDeleted: true)).filter { record in
                    record.deleted && record.kind.fields.allSatisfy { !$0.required || !record[$0.name].isNull }
                }
                let flagged = try device.journal.records().filter(\.editedAfterDelete)
                guard let record = (restorable + flagged).randomElement(using: &random) else { continue }
                try device.journal.write([.restore(record.id, kind: record.kind)])
                statistics.restores += 1
            default:
                var target = devices[Int.random(in: 0..<devices.count, using: &random)]
                while target.id == device.id { target = devices[Int.random(in: 0..<devices.count, using: &random)] }
                try partialSync(from: device, to: target, names: names, random: &random)
                // Hidden, yet not deleted: an update that arrived before its create.
                statistics.incompleteSeen += try target.journal.read { db in
                    try Int.fetchOne(
                        db,
                        sql: """
                            SELECT count(*) FROM record r WHERE deleted = 1 AND NOT EXISTS (
                                SELECT 1 FROM fieldHead WHERE recordId = r.id AND field = 'deleted'
                                AND isWinner = 1 AND value = 'true')
                            """) ?? 0
                }
            }
        }

        // Final full exchange, in a random order per device, duplicates included.
        var everything: [String: JournalOperation] = [:]
        for device in devices {
            for operation in try device.journal.operations().map(\.operation) {
                if let known = everything[operation.id.description], known != operation {
                    throw TestFailure("operation \(operation.id) differs between devices")
                }
                everything[operation.id.description] = operation
            }
        }
        let all = Array(everything.values).sorted { $0.id < $1.id }
        statistics.operations += all.count
        for device in devices {
            var batch = all + all.filter { _ in random.chance(10) }
            batch.shuffle(using: &random)
            try device.journal.apply(batch, deviceNames: names)
            guard try device.journal.apply(all, deviceNames: names) == 0 else {
                throw TestFailure("\(device.name) took operations a second time")
            }
        }

        let exports = try devices.map { try $0.exportBytes() }
        for (device, export) in zip(devices, exports) where export != exports[0] {
            throw TestFailure(
                "\(device.name)'s export differs from \(devices[0].name)'s:\n"
                    + firstDifference(exports[0], export))
        }
        for device in devices {
            let count = try device.journal.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM operation") }
            guard count == all.count else {
                throw TestFailure("\(device.name) holds \(count ?? 0) operations of \(all.count)")
            }
            let report = try device.journal.check()
            guard report.isHealthy else { throw TestFailure("check on \(device.name): \(report.problems)") }
        }
        let records = try devices[0].journal.records(.init(includeDeleted: true))
        statistics.conflicts += records.filter { !$0.conflicts.isEmpty }.count
        statistics.editedAfterDelete += records.filter(\.editedAfterDelete).count
        statistics.deleted += records.filter(\.deleted).count
    }

    /// Some of `source`'s operations, in a random order, some twice, in one to three batches.
    static func partialSync(
        from source: Device, to target: Device, names: [String: String],
        random: inout SeededGenerator
    ) throws {
        let operations = try source.journal.operations().map(\.operation)
        let keep = Int.random(in: 20...100, using: &random)
        var chosen = operations.filter { _ in random.chance(keep) }
        chosen += chosen.filter { _ in random.chance(15) }
        chosen.shuffle(using: &random)
        let batches = Int.random(in: 1...3, using: &random)
        var start = 0
        for index in 0..<batches {
            let end = index == batches - 1 ? chosen.count : min(chosen.count, start + chosen.count / batches)
            try target.journal.apply(Array(chosen[start..<end]), deviceNames: names)
            start = end
        }
    }

    static func create(on device: Device, random: inout SeededGenerator) throws {
        if random.chance(10) {
            // The profile has one fixed id: devices may create it concurrently.
            guard try device.journal.snapshot(Journal.profileID) == nil else { return }
            try device.journal.write([.create(.profile, randomFields(.profile, random: &random, all: true), id: Journal.profileID)])
            return
        }
        let kinds: [RecordKind] = [.entry, .symptom, .symptom, .lab, .medication, .event, .assessment]
        let kind = kinds[Int.random(in: 0..<kinds.count, using: &random)]
        try device.journal.write([.create(kind, randomFields(kind, random: &random, all: true), id: random.uuid())])
    }

    /// Values for some fields of `kind` (every required one when `all`), from small pools
    /// so that concurrent edits often collide, with and without the same value.
    static func randomFields(_ kind: RecordKind, random: inout SeededGenerator, all: Bool) -> [String: FieldValue] {
        var fields: [String: FieldValue] = [:]
        let specs = kind.fields
        for spec in specs where (all && spec.required) || random.chance(all ? 50 : 25) {
            fields[spec.name] = value(for: spec, kind: kind, random: &random)
        }
        if fields.isEmpty, let spec = specs.randomElement(using: &random) {
            fields[spec.name] = value(for: spec, kind: kind, random: &random)
        }
        // A create must set something (a profile has no required field); an edit may
        // clear fields.
        if all, fields.values.allSatisfy(\.isNull), let spec = specs.randomElement(using: &random) {
            fields[spec.name] = value(for: spec, kind: kind, random: &random, allowNull: false)
        }
        return fields
    }

    static func value(
        for spec: FieldSpec, kind: RecordKind, random: inout SeededGenerator,
        allowNull: Bool = true
    ) -> FieldValue {
        if allowNull && !spec.required && random.chance(10) { return .null }
        func pick<T>(_ values: [T]) -> T { values[Int.random(in: 0..<values.count, using: &random)] }
        switch spec.type {
        case .text:
            return .text(pick(["a", "b", "fatigue", "comma, inside", "quote \" and \\", "naïve ☃ 🧬", "line\nbreak", ""]))
        case .integer:
            switch (kind, spec.name) {
            case (.assessment, _): return .integer(Int64.random(in: 0...105, using: &random))
            default: return .integer(Int64.random(in: 0...5, using: &random))
            }
        case .score:
            return .integer(Int64.random(in: 0...10, using: &random))
        case .decimal:
            if kind == .assessment { return .text(pick(["0", "0.5", "1.25", "3"])) }
            return .text(pick(["0.82", "12", "-1.5", "100.000", "7"]))
        case .date:
            return .text(pick(["2026-03-01", "2026-03-02", "2026-02-28", "2025-12-31"]))
        case .bool:
            return .bool(random.chance(50))
        case .list:
            return .list(pick([[], ["a"], ["a", "b,c"], ["\"q\"", "x"]]))
        }
    }

    static func firstDifference(_ a: Data, _ b: Data) -> String {
        let left = String(decoding: a, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let right = String(decoding: b, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(left.count, right.count) {
            let l = index < left.count ? String(left[index]) : "(end)"
            let r = index < right.count ? String(right[index]) : "(end)"
            if l != r { return "line \(index + 1):\n  \(l)\n  \(r)" }
        }
        return "(same lines)"
    }
}
