import Foundation
import Testing

/// Runs the built `remission` binary in a private temporary home, as a user would.
///
/// Every run gets a pinned "today" (2026-11-20), UTC, no colour, and `HOME` and
/// `REMISSION_HOME` inside the temporary directory, so nothing outside it is touched.
final class CLI: @unchecked Sendable {
    struct Result: CustomStringConvertible {
        let status: Int32
        let stdout: String
        let stderr: String

        var description: String { "status \(status)\nstdout:\n\(stdout)\nstderr:\n\(stderr)" }
    }

    static let today = "2026-11-20"

    let home: URL
    var journal: String { home.appendingPathComponent("journal").path }

    init() throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("remission-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: home) }

    /// The binary next to the test bundle (SwiftPM builds it for the test target), or
    /// `REMISSION_BINARY` to test another build.
    static let binary: String = {
        if let explicit = ProcessInfo.processInfo.environment["REMISSION_BINARY"] { return explicit }
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("remission").path,
            Bundle.main.bundleURL.appendingPathComponent("remission").path,
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent(".build/debug/remission").path,
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
    }()

    @discardableResult
    func run(
        _ arguments: [String], stdin: String? = nil, environment extra: [String: String] = [:],
        executable: String = CLI.binary, arguments executableArguments: [String]? = nil,
        currentDirectory: String? = nil
    ) throws -> Result {
        let process = Process()
        if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = executableArguments ?? arguments
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("REMISSION_") && $0.key != "XDG_DATA_HOME" }
        environment["HOME"] = home.path
        environment["REMISSION_HOME"] = journal
        environment["REMISSION_TODAY"] = Self.today
        environment["NO_COLOR"] = "1"
        environment["TZ"] = "UTC"
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        let input = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        // Both pipes are read as the child writes, so a large output cannot block it. A server
        // another test starts at the same moment may inherit these pipes and hold them open,
        // so the end of the child, not the end of the pipes, ends the reading (after a drain).
        let outputData = PipeReader(output.fileHandleForReading)
        let errorData = PipeReader(errors.fileHandleForReading)
        process.waitUntilExit()
        outputData.finish()
        errorData.finish()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outputData.data, as: UTF8.self),
            stderr: String(decoding: errorData.data, as: UTF8.self))
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

/// Reads a pipe on a thread of its own until its end, or until told the writer has exited and
/// a short drain has passed.
final class PipeReader: @unchecked Sendable {
    private let lock = NSLock()
    private var buffer = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                lock.withLock { buffer.append(chunk) }
            }
            done.signal()
        }
    }

    /// The writer has exited: what it wrote is in the pipe, read within a few seconds even if
    /// another process still holds the write end.
    func finish() {
        _ = done.wait(timeout: .now() + 5)
    }

    var data: Data { lock.withLock { buffer } }
}
