import Foundation
import RemissionTestSupport
import Testing

/// Runs the built `remission` binary in a private temporary home, as a user would.
///
/// Every run gets a pinned "today" (2026-11-20), UTC, no colour, and `HOME` and
/// `REMISSION_HOME` inside the temporary directory, so nothing outside it is touched.
final class CLI: @unchecked Sendable {
    typealias Result = ProcessResult

    static let today = "2026-11-20"

    private let directory = TemporaryDirectory("cli")
    var home: URL { directory.url }
    var journal: String { home.appendingPathComponent("journal").path }

    init() throws {}

    /// The binary next to the test bundle (SwiftPM builds it for the test target), or
    /// `REMISSION_BINARY` to test another build.
    static let binary: String = {
        if let explicit = ProcessInfo.processInfo.environment["REMISSION_BINARY"] { return explicit }
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("remission").path,
            Bundle.main.bundleURL.appendingPathComponent("remission").path,
            Repository.path(".build/debug/remission")
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
    }()

    @discardableResult
    func run(
        _ arguments: [String], stdin: String? = nil, environment extra: [String: String] = [:],
        executable: String = CLI.binary, arguments executableArguments: [String]? = nil,
        currentDirectory: String? = nil
    ) throws -> Result {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("REMISSION_") && $0.key != "XDG_DATA_HOME" }
        environment["HOME"] = home.path
        environment["REMISSION_HOME"] = journal
        environment["REMISSION_TODAY"] = Self.today
        environment["NO_COLOR"] = "1"
        environment["TZ"] = "UTC"
        for (key, value) in extra { environment[key] = value }
        return try ProcessRunner.run(
            executable, executableArguments ?? arguments, stdin: Data((stdin ?? "").utf8), environment: environment,
            currentDirectory: currentDirectory)
    }

    /// Starts `remission arguments` and kills it with SIGKILL after `microseconds`, often in
    /// the middle of its work; its output is discarded.
    ///
    /// The environment is this process's with `environment` and `HOME` (this temporary
    /// home) over it: unlike `run`, nothing is pinned.
    func kill(_ arguments: [String], environment: [String: String], after microseconds: UInt32) throws {
        let pid = try ProcessRunner.spawn(
            [Self.binary] + arguments, environment: environment.merging(["HOME": home.path]) { $1 })
        usleep(microseconds)
        Foundation.kill(pid, SIGKILL)
        _ = ProcessRunner.wait(pid)
    }

    /// Runs a command that must succeed, and returns its standard output.
    @discardableResult
    func ok(_ arguments: String..., stdin: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let result = try run(arguments, stdin: stdin)
        #expect(result.status == 0, "remission \(arguments.joined(separator: " ")) failed:\n\(result)", sourceLocation: sourceLocation)
        return result.stdout
    }

    /// A journal with an infusion on 2026-03-02 (day 0).
    static func withJournal() throws -> CLI {
        let cli = try CLI()
        try cli.ok("init", "--infusion-date", "2026-03-02", "--diagnosis", "SLE", "--target", "CD19", "--device-name", "laptop")
        return cli
    }

    /// The canonical export, the journal's whole content.
    func export() throws -> String {
        let result = try run(["export", "--format", "json"])
        #expect(result.status == 0, "export failed: \(result)")
        return result.stdout
    }

    /// Decodes JSON output.
    func json(_ arguments: String...) throws -> Any {
        let result = try run(arguments + ["--json"])
        #expect(result.status == 0, "remission \(arguments.joined(separator: " ")) --json failed:\n\(result)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8), options: [.fragmentsAllowed])
    }

    /// The full id of the only record `list --json` shows for a kind.
    func onlyID(kind: String) throws -> String {
        let records = try #require(try json("list", "--kind", kind) as? [[String: Any]])
        try #require(records.count == 1, "expected one \(kind) record, found \(records.count)")
        return try #require(records[0]["id"] as? String)
    }
}

/// The permission bits of a file or directory, the sticky bit included; -1 when it is missing.
func fileMode(_ path: String) -> Int {
    var info = stat()
    guard stat(path, &info) == 0 else { return -1 }
    return Int(info.st_mode & 0o7777)
}
