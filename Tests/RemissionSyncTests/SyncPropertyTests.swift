import Foundation
import RemissionCore
import RemissionStore
import RemissionSync
import RemissionTestSupport
import Testing

/// Many devices, random edits, random syncs in random orders: after a final round of syncs,
/// every device's export is byte-identical. Cases: `REMISSION_SYNC_PROPERTY_CASES` (default
/// 1000); one case replays with `REMISSION_SYNC_PROPERTY_SEED`.
@Suite struct SyncPropertyTests {
    static var seeds: [UInt64] {
        let environment = ProcessInfo.processInfo.environment
        if let seed = environment["REMISSION_SYNC_PROPERTY_SEED"].flatMap(UInt64.init) { return [seed] }
        let cases = environment["REMISSION_SYNC_PROPERTY_CASES"].flatMap(Int.init) ?? 1000
        return (0..<UInt64(cases)).map { 0xC0FFEE &+ $0 &* 7919 }
    }

    /// The seeds in chunks that Swift Testing runs in parallel.
    static var chunks: [[UInt64]] {
        let seeds = Self.seeds
        let size = max(1, (seeds.count + 7) / 8)
        return stride(from: 0, to: seeds.count, by: size).map { Array(seeds[$0..<min($0 + size, seeds.count)]) }
    }

    @Test(arguments: chunks)
    func everyDeviceEndsWithTheSameJournal(_ seeds: [UInt64]) throws {
        var totals = (conflicts: 0, deletes: 0, restores: 0, syncs: 0)
        for seed in seeds {
            let stats = try runCase(seed: seed)
            totals.conflicts += stats.conflicts
            totals.deletes += stats.deletes
            totals.restores += stats.restores
            totals.syncs += stats.syncs
        }
        // The random runs must really exercise concurrency, not just pass vacuously.
        if seeds.count >= 100 {
            #expect(totals.conflicts > 0)
            #expect(totals.deletes > 0)
            #expect(totals.restores > 0)
        }
    }

    func runCase(seed: UInt64) throws -> (conflicts: Int, deletes: Int, restores: Int, syncs: Int) {
        var random = SeededGenerator(seed: seed)
        let remote = MemoryRemote()
        let journalID = "journal-\(seed)"
        let count = Int.random(in: 4...5, using: &random)
        let devices = try (0..<count).map { try Device.inMemory(name: "d\($0)", journalID: journalID, remote: remote) }
        // The key as if every device had joined already: scrypt is tested elsewhere, and
        // here it would cost more than everything else together.
        let key = Data((0..<32).map { _ in UInt8.random(in: 0...255, using: &random) })
        for device in devices { try device.journal.setJournalKey(remote: "test", key: key) }
        var records: [(id: String, kind: RecordKind)] = []
        var stats = (conflicts: 0, deletes: 0, restores: 0, syncs: 0)
        let steps = Int.random(in: 8...20, using: &random)
        for _ in 0..<steps {
            let device = devices[Int.random(in: 0..<count, using: &random)]
            let known = try device.journal.records(.init(includeDeleted: true))
            switch Int.random(in: 0..<10, using: &random) {
            case 0...2 where true:
                let id = try device.logSymptom(["fatigue", "rash", "fever"].randomElement(using: &random)!, Int64.random(in: 0...10, using: &random))
                records.append((id, .symptom))
            case 3...5 where !known.isEmpty:
                let record = known.randomElement(using: &random)!
                guard !record.deleted else { continue }
                let change: [String: FieldValue] =
                    Bool.random(using: &random)
                    ? ["severity": .integer(Int64.random(in: 0...10, using: &random))]
                    : ["name": .text(["headache", "nausea", "cough"].randomElement(using: &random)!)]
                try device.journal.write([.update(record.id, kind: .symptom, change)])
            case 6 where !known.isEmpty:
                let record = known.randomElement(using: &random)!
                if record.deleted {
                    try device.journal.write([.restore(record.id, kind: .symptom)])
                    stats.restores += 1
                } else {
                    try device.journal.write([.delete(record.id, kind: .symptom)])
                    stats.deletes += 1
                }
            default:
                try device.sync()
                stats.syncs += 1
            }
        }
        // A final round in a random order, twice, so every device has seen everything.
        for _ in 0..<2 {
            for device in devices.shuffled(using: &random) { try device.sync() }
        }
        let first = try devices[0].export()
        for (index, device) in devices.enumerated().dropFirst() {
            let export = try device.export()
            #expect(export == first, "seed \(seed): device \(index) differs from device 0")
            if export != first { break }
        }
        stats.conflicts += try devices[0].journal.conflictCount()
        _ = records
        return stats
    }
}
