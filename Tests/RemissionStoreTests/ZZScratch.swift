import Foundation
import RemissionCore
import RemissionReports
import RemissionStore
import Testing

@Test func zzTiming() throws {
    func ms(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
    }
    let dir = TemporaryDirectory()
    var devices: [Device] = []
    print("create 4 devices", try ms { for i in 0..<4 { devices.append(try Device("d\(i)", in: dir, journalID: "j", deviceID: "dev\(i)")) } })
    print("create 1 device plain", try ms { _ = try Journal.create(at: dir.location("plain")) })
    let a = devices[0]
    print("40 writes", try ms { for i in 0..<40 { try a.journal.write([.create(.symptom, symptom(severity: Int64(i % 10)))]) } })
    print("records", try ms { _ = try a.journal.records() })
    print("operations", try ms { _ = try a.journal.operations() })
    print("apply 40", try ms { try send(a, to: devices[1]) })
    print("apply 40 again", try ms { try send(a, to: devices[1]) })
    print("export", try ms { _ = try a.exportBytes() })
    print("check", try ms { _ = try a.journal.check() })
}
