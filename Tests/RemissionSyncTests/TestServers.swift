import Foundation
import Testing

/// A real Apache httpd with mod_dav on 127.0.0.1, with its own configuration in a
/// temporary directory; stopped when the object goes away.
final class ApacheServer: @unchecked Sendable {
    let root: URL
    let port: Int
    private let pid: pid_t
    var baseURL: String { "http://127.0.0.1:\(port)" }
    var documents: URL { root.appendingPathComponent("dav") }

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("remission-apache-\(UUID().uuidString)")
        let documents = root.appendingPathComponent("dav")
        try FileManager.default.createDirectory(at: documents, withIntermediateDirectories: true)
        // Apache started as root drops to an unprivileged user, which must write here.
        let locks = root.appendingPathComponent("lock")
        try FileManager.default.createDirectory(at: locks, withIntermediateDirectories: true)
        chmod(root.path, 0o755)
        chmod(documents.path, 0o777)
        chmod(locks.path, 0o777)
        var lastError = ""
        for _ in 0..<5 {
            let port = try Self.freePort()
            let modules = "/usr/lib/apache2/modules"
            let user = getuid() == 0 ? "User nobody\nGroup nogroup\n" : ""
            let configuration = """
                ServerRoot "\(root.path)"
                ServerName 127.0.0.1
                Listen 127.0.0.1:\(port)
                PidFile "\(root.path)/httpd.pid"
                ErrorLog "\(root.path)/error.log"
                \(user)LoadModule mpm_event_module \(modules)/mod_mpm_event.so
                LoadModule authz_core_module \(modules)/mod_authz_core.so
                LoadModule authn_core_module \(modules)/mod_authn_core.so
                LoadModule dav_module \(modules)/mod_dav.so
                LoadModule dav_fs_module \(modules)/mod_dav_fs.so
                DAVLockDB "\(root.path)/lock/davlock"
                DocumentRoot "\(documents.path)"
                <Directory "\(documents.path)">
                    Dav On
                    Require all granted
                </Directory>
                """
            let file = root.appendingPathComponent("httpd.conf")
            try configuration.write(to: file, atomically: true, encoding: .utf8)
            // In the foreground, as a child of this process: never a daemon. Spawned and
            // reaped with posix_spawn and waitpid, which a test can rely on when it ends.
            let pid = try Self.spawn(["/usr/sbin/apache2", "-f", file.path, "-DFOREGROUND"])
            if Self.waitForPort(port) {
                self.port = port
                self.pid = pid
                return
            }
            Self.stop(pid)
            lastError = (try? String(contentsOf: root.appendingPathComponent("error.log"), encoding: .utf8)) ?? ""
        }
        throw ServerError(description: "Apache did not start: \(lastError)")
    }

    deinit {
        Self.stop(pid)
        try? FileManager.default.removeItem(at: root)
    }

    static func spawn(_ arguments: [String]) throws -> pid_t {
        var pid = pid_t()
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        // The test runner's threads block some signals; the child must not inherit that,
        // or it would ignore the SIGTERM that stops it.
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
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let status = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, environ)
        guard status == 0 else { throw ServerError(description: "cannot start \(arguments[0]): \(String(cString: strerror(status)))") }
        return pid
    }

    static func stop(_ pid: pid_t) {
        kill(pid, SIGTERM)
        var status: Int32 = 0
        for _ in 0..<100 {
            if waitpid(pid, &status, WNOHANG) == pid { return }
            usleep(50_000)
        }
        kill(pid, SIGKILL)
        waitpid(pid, &status, 0)
    }

    /// A port the kernel just gave out on 127.0.0.1, released for the server to take.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
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

    static func waitForPort(_ port: Int) -> Bool {
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

/// `scripts/fault-proxy.py` in front of a server: the first `count` requests misbehave.
final class FaultProxy: @unchecked Sendable {
    let port: Int
    private let pid: pid_t
    var baseURL: String { "http://127.0.0.1:\(port)" }

    init(upstream: Int, mode: String, count: Int) throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        port = try ApacheServer.freePort()
        pid = try ApacheServer.spawn([
            "/usr/bin/python3", root.appendingPathComponent("scripts/fault-proxy.py").path,
            String(port), String(upstream), mode, String(count),
        ])
        guard ApacheServer.waitForPort(port) else {
            ApacheServer.stop(pid)
            throw ServerError(description: "the fault proxy did not start")
        }
    }

    deinit { ApacheServer.stop(pid) }
}

struct ServerError: Error, CustomStringConvertible {
    let description: String
}
