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
}
