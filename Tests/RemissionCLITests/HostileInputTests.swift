import Foundation
import Testing

/// A remote nobody vouches for, and inputs that are not what they claim: nothing lost,
/// nothing forged, nothing hangs. Memory and time are bounded by limits on the child process
/// (prlimit), never by the wall clock.
@Suite struct HostileInputTests {
    typealias Pair = SyncCommandTests.Pair

    /// Runs remission with at most `memory` bytes of address space and `seconds` of CPU.
    static func limited(_ cli: CLI, _ arguments: [String], memory: Int = 2 << 30, seconds: Int = 60,
                        environment: [String: String] = SyncCommandTests.environment) throws -> CLI.Result {
        try cli.run(arguments, environment: environment, executable: "/usr/bin/prlimit",
                    arguments: ["--as=\(memory)", "--cpu=\(seconds)", "--", CLI.binary] + arguments)
    }

    /// journal.json is read before anything is authenticated: its scrypt parameters are
    /// bounded before any memory is spent (n = 2^23 took 8.4 GB, 2^57 trapped, 2^30 gave a raw
    /// crypto error code).
    @Test(arguments: [(1 << 23, 8, "needs more than 256 MiB"), (1 << 57, 8, "needs more than 256 MiB"),
                      (1 << 30, 8, "needs more than 256 MiB"), (1000, 8, "N must be a power of two"),
                      (1024, 1 << 20, "r at most 32")])
    func journalJSONKeyDerivationIsBounded(n: Int, r: Int, message: String) throws {
        let pair = try Pair()
        let path = pair.remote + "/journal.json"
        var manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        var kdf = try #require(manifest["kdf"] as? [String: Any])
        kdf["n"] = n
        kdf["r"] = r
        manifest["kdf"] = kdf
        try JSONSerialization.data(withJSONObject: manifest).write(to: URL(fileURLWithPath: path))
        let third = pair.cli.home.appendingPathComponent("third").path
        let result = try Self.limited(pair.cli, ["join", pair.remote, "--journal", third], memory: 1 << 30, seconds: 20)
        #expect(result.status == 65, "\(result)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stderr.contains("was not written by remission, or was changed"))
        #expect(!FileManager.default.fileExists(atPath: third))
    }

    /// `Tests/Support/hostile-http.py` on 127.0.0.1, stopped when the test ends.
    final class HostileServer {
        let process = Process()
        let port: Int

        init() throws {
            let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Support/hostile-http.py").path
            process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
            process.arguments = [script]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            var line = Data()
            while let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
                line += byte
            }
            port = try #require(Int(String(decoding: line, as: UTF8.self)), "the hostile server printed no port")
        }

        deinit {
            process.terminate()
            process.waitUntilExit()
        }
    }

    /// A remote that sends a gzip bomb, trickles its answer, or never stops sending: every
    /// request has a deadline and a size limit, and nothing compressed is inflated.
    @Test(arguments: [("bomb", "more than a journal.json can be"), ("trickle", "did not answer in time"), ("huge", "sent more than 40 MiB")])
    func aHostileHTTPServerCannotExhaustMemoryOrTime(mode: String, message: String) throws {
        let server = try HostileServer()
        let cli = try CLI()
        let journal = cli.home.appendingPathComponent("joined").path
        let result = try Self.limited(
            cli, ["join", "http://127.0.0.1:\(server.port)/\(mode)/remission", "--journal", journal], memory: 1 << 30, seconds: 30,
            environment: SyncCommandTests.environment.merging(["REMISSION_HTTP_TIMEOUT": "2", "REMISSION_HTTP_RETRIES": "0"]) { $1 })
        #expect(result.status != 0 && result.status < 128, "\(result)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: journal))
    }

    /// In a folder remote, a FIFO (which would block for ever) or a file of 1 GB in one
    /// device's folder stops that device's chain only, read without touching its bytes.
    @Test(arguments: ["fifo", "huge"])
    func aStrangeObjectInAFolderRemoteStopsOnlyItsDevice(kind: String) throws {
        let pair = try Pair()
        try pair.run(["lab", "c3", "0.8", "g/L", "--journal", pair.laptop])
        try pair.run(["sync", "--journal", pair.laptop])
        let stranger = pair.remote + "/devices/" + UUID().uuidString.lowercased()
        try FileManager.default.createDirectory(atPath: stranger, withIntermediateDirectories: true)
        let object = stranger + "/000000000001.seg"
        if kind == "fifo" {
            #expect(mkfifo(object, 0o600) == 0)
        } else {
            #expect(FileManager.default.createFile(atPath: object, contents: nil))
            #expect(truncate(object, 1 << 30) == 0)
        }
        let result = try Self.limited(pair.cli, ["sync", "--journal", pair.desktop], memory: 1 << 30, seconds: 30)
        #expect(result.status == 65, "\(result)")
        #expect(result.stderr.contains(kind == "fifo" ? "is not a plain file" : "more than any remission object can be"), "\(result.stderr)")
        #expect(result.stdout.contains("pulled 1 from 1 device"), "the laptop's chain was not pulled: \(result.stdout)")
    }
}
