import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A test server could not be started.
public struct ServerError: Error, CustomStringConvertible {
    public let description: String
    public init(description: String) { self.description = description }
}

/// A server program on 127.0.0.1, a child of this process (never a daemon), stopped when the
/// value goes.
///
/// It is started on a port the kernel just gave out; if it is not listening within five
/// seconds (another process took the port in between, or it failed), it is stopped and tried
/// again on another port, `attempts` times in all. The failure names the server and quotes its
/// log.
public final class LocalServer: @unchecked Sendable {
    public let port: Int
    private let pid: pid_t
    private let lock = NSLock()
    private var running = true

    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// - Parameters:
    ///   - name: the server's name in the failure ("Apache", "the fault proxy").
    ///   - hint: said after "did not start", such as how to install the server.
    ///   - attempts: how many ports to try.
    ///   - stderr: where the server's standard error goes (each attempt empties it first).
    ///   - log: a file quoted in the failure, such as the server's error log or `stderr`.
    ///   - command: the program and its arguments for a port.
    public init(
        _ name: String, hint: String = "", attempts: Int = 5, stderr: String = "/dev/null", log: String? = nil,
        command: (Int) throws -> [String]
    ) throws {
        for _ in 0..<attempts {
            let port = try Self.freePort()
            let pid = try ProcessRunner.spawn(command(port), stderr: stderr)
            if Self.waitForPort(port) {
                self.port = port
                self.pid = pid
                return
            }
            ProcessRunner.stop(pid)
        }
        let logText = log.flatMap { try? String(contentsOfFile: $0, encoding: .utf8) } ?? ""
        throw ServerError(description: "\(name) did not start\(hint)" + (log == nil ? "" : ": \(logText.suffix(4000))"))
    }

    /// Stops the server now rather than when the value goes (before its files are removed).
    public func stop() {
        let wasRunning = lock.withLock {
            defer { running = false }
            return running
        }
        if wasRunning { ProcessRunner.stop(pid) }
    }

    deinit { stop() }

    /// A port the kernel just gave out on 127.0.0.1, released for a server to take.
    public static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ServerError(description: "no socket: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Whether something accepts connections on 127.0.0.1:`port` within five seconds.
    public static func waitForPort(_ port: Int) -> Bool {
        for _ in 0..<100 {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = UInt16(port).bigEndian
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            close(fd)
            if connected == 0 { return true }
            usleep(50_000)
        }
        return false
    }
}
