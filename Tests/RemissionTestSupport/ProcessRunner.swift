import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a finished child process left: its exit status and everything it wrote.
public struct ProcessResult: Sendable, CustomStringConvertible {
    public let status: Int32
    public let stdout: String
    public let stderr: String

    public init(status: Int32, stdout: String, stderr: String) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
    }

    public var description: String { "status \(status)\nstdout:\n\(stdout)\nstderr:\n\(stderr)" }
}

/// A child process could not be started.
public struct ProcessError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Runs programs for the tests: to completion with their output captured
/// (`run(_:_:stdin:environment:currentDirectory:)`), or spawned with `posix_spawn` and their
/// output in files (`spawn`, `wait`, `stop`), for servers and for a browser whose helper
/// processes must not hold a pipe open.
public enum ProcessRunner {
    /// Runs `executable` with `arguments` to its end and captures both outputs.
    ///
    /// Both pipes are read as the child writes, so a large output cannot block it. A server
    /// another test starts at the same moment may inherit these pipes and hold them open, so
    /// the end of the child, not the end of the pipes, ends the reading (after a drain of at
    /// most five seconds). There is no timeout: a test that can hang runs its program under
    /// `/usr/bin/timeout`.
    ///
    /// - Parameters:
    ///   - stdin: written to the child's standard input, which is then closed.
    ///   - environment: the child's whole environment; `nil` inherits this process's.
    ///   - currentDirectory: the child's working directory; `nil` keeps this process's.
    @discardableResult
    public static func run(
        _ executable: String, _ arguments: [String], stdin: Data = Data(), environment: [String: String]? = nil,
        currentDirectory: String? = nil
    ) throws -> ProcessResult {
        let process = Process()
        if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let output = Pipe()
        let errors = Pipe()
        let input = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input
        try process.run()
        let outputData = PipeReader(output.fileHandleForReading)
        let errorData = PipeReader(errors.fileHandleForReading)
        if !stdin.isEmpty { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        outputData.finish()
        errorData.finish()
        return ProcessResult(
            status: process.terminationStatus, stdout: String(decoding: outputData.data, as: UTF8.self),
            stderr: String(decoding: errorData.data, as: UTF8.self))
    }

    /// Starts `arguments[0]` (a path) with `posix_spawn` and returns at once.
    ///
    /// The test runner's threads block some signals; the child must not inherit that, or it
    /// would ignore the SIGTERM that stops it, so its signal mask is emptied and SIGTERM and
    /// SIGINT get their default actions.
    ///
    /// - Parameters:
    ///   - stdin: a file for standard input; `nil` inherits this process's.
    ///   - stdout: a file for standard output, emptied first (created 0600 when missing).
    ///   - stderr: a file for standard error, likewise; the same path as `stdout` shares its
    ///     file and offset, so the two streams interleave as written.
    ///   - environment: added to this process's environment.
    public static func spawn(
        _ arguments: [String], stdin: String? = nil, stdout: String = "/dev/null", stderr: String = "/dev/null",
        environment extra: [String: String] = [:]
    ) throws -> pid_t {
        var pid = pid_t()
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let stdin { posix_spawn_file_actions_addopen(&actions, 0, stdin, O_RDONLY, 0) }
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        if stderr == stdout {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGTERM)
        sigaddset(&defaults, SIGINT)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var environment = ProcessInfo.processInfo.environment
        for (key, value) in extra { environment[key] = value }
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        let status = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, envp)
        guard status == 0 else { throw ProcessError("cannot start \(arguments[0]): \(String(cString: strerror(status)))") }
        return pid
    }

    /// Waits for a spawned child to end and returns its exit status, or 128 + the signal
    /// that killed it, as a shell reports it.
    public static func wait(_ pid: pid_t) -> Int32 {
        var result: Int32 = 0
        while waitpid(pid, &result, 0) == -1 && errno == EINTR {}
        return (result & 0x7f) == 0 ? (result >> 8) & 0xff : 128 + (result & 0x7f)
    }

    /// Spawns a child with its output in files and waits for its end: no pipes for its own
    /// children to hold open.
    public static func runSpawned(
        _ arguments: [String], stdin: String? = nil, stdout: String, stderr: String, environment extra: [String: String] = [:]
    ) throws -> Int32 {
        wait(try spawn(arguments, stdin: stdin, stdout: stdout, stderr: stderr, environment: extra))
    }

    /// Stops a spawned child: SIGTERM, five seconds to go, then SIGKILL; reaped either way.
    public static func stop(_ pid: pid_t) {
        kill(pid, SIGTERM)
        var status: Int32 = 0
        for _ in 0..<100 {
            if waitpid(pid, &status, WNOHANG) == pid { return }
            usleep(50_000)
        }
        kill(pid, SIGKILL)
        waitpid(pid, &status, 0)
    }
}

/// A helper program that announces itself with one line on standard output (a port, or a
/// JSON object) and then serves until it is stopped or this process ends.
///
/// Its standard input is a pipe only this process holds the write end of, so a server that
/// watches its input stops when the test process ends, however it ends.
public final class AnnouncingProcess: @unchecked Sendable {
    /// The first line the program printed, without its newline (empty if it printed none).
    public let line: Data
    private let process: Process
    private let input: Pipe

    public init(_ executable: String, _ arguments: [String]) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        input = Pipe()
        let output = Pipe()
        // Only this process may hold these ends: servers other tests start must not keep
        // this one alive after the test process ends.
        _ = fcntl(input.fileHandleForWriting.fileDescriptor, F_SETFD, FD_CLOEXEC)
        _ = fcntl(output.fileHandleForReading.fileDescriptor, F_SETFD, FD_CLOEXEC)
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while true {
            let byte = output.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty || byte == Data("\n".utf8) { break }
            line.append(byte)
        }
        self.line = line
    }

    /// The first line as text.
    public var text: String { String(decoding: line, as: UTF8.self) }

    /// Stops the program with SIGTERM and waits for its end.
    public func terminate() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }
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
