import Dispatch
import Foundation
import RemissionCore
import RemissionStore
import RemissionTestSupport
import Testing

@Suite struct ConcurrentWriterTests {
    /// Two processes (here: two connections) writing to one journal at once: SQLite's
    /// busy timeout serialises them; no write is lost and no counter is used twice.
    @Test func twoConnectionsWritingAtOnceLoseNothing() throws {
        let directory = TemporaryDirectory()
        let location = directory.location()
        _ = try Journal.create(at: location, logger: quietLogger)
        let journals = try [Journal.open(at: location, logger: quietLogger), Journal.open(at: location, logger: quietLogger)]
        let perWriter = 200
        let errors = ErrorBox()
        let start = DispatchSemaphore(value: 0)
        let group = DispatchGroup()
        for (writer, journal) in journals.enumerated() {
            DispatchQueue.global().async(group: group) {
                start.wait()
                for index in 0..<perWriter {
                    do {
                        try journal.write([.create(.symptom, symptom("writer-\(writer)", severity: Int64(index % 11)))])
                    } catch {
                        errors.add("writer \(writer), record \(index): \(error)")
                        return
                    }
                }
            }
        }
        start.signal()
        start.signal()
        group.wait()
        #expect(errors.all.isEmpty, "\(errors.all.prefix(3))")

        let journal = journals[0]
        let records = try journal.records()
        #expect(records.count == 2 * perWriter)
        for writer in 0..<2 {
            #expect(records.filter { $0["name"] == .text("writer-\(writer)") }.count == perWriter)
        }
        let ids = try journal.operations().map(\.operation.id)
        #expect(ids.count == 2 * perWriter)
        #expect(Set(ids).count == ids.count, "an operation id was used twice")
        #expect(Set(ids.map(\.counter)) == Set(1...Int64(2 * perWriter)), "counters are not 1...400")
        #expect(try journal.identity().counter == Int64(2 * perWriter))
        let report = try journal.check()
        #expect(report.isHealthy, "\(report.problems)")
    }
}

final class ErrorBox: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [String] = []
    func add(_ error: String) { lock.withLock { errors.append(error) } }
    var all: [String] { lock.withLock { errors } }
}
