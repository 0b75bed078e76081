import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A real Apache httpd with mod_dav on 127.0.0.1, with its own configuration in a
/// temporary directory; stopped when the object goes away.
public final class ApacheServer: @unchecked Sendable {
    private let directory: TemporaryDirectory
    private let server: LocalServer
    public var root: URL { directory.url }
    public var port: Int { server.port }
    public var baseURL: String { server.baseURL }
    /// The folder served over WebDAV.
    public var documents: URL { root.appendingPathComponent("dav") }

    public init() throws {
        directory = TemporaryDirectory("apache")
        let root = directory.url
        let documents = root.appendingPathComponent("dav")
        try FileManager.default.createDirectory(at: documents, withIntermediateDirectories: true)
        // Apache started as root drops to an unprivileged user, which must write here.
        let locks = root.appendingPathComponent("lock")
        try FileManager.default.createDirectory(at: locks, withIntermediateDirectories: true)
        chmod(root.path, 0o755)
        chmod(documents.path, 0o777)
        chmod(locks.path, 0o777)
        let file = root.appendingPathComponent("httpd.conf")
        // In the foreground, as a child of this process: never a daemon.
        server = try LocalServer("Apache", log: root.appendingPathComponent("error.log").path) { port in
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
            try configuration.write(to: file, atomically: true, encoding: .utf8)
            return ["/usr/sbin/apache2", "-f", file.path, "-DFOREGROUND"]
        }
    }

    deinit { server.stop() }
}

/// Debian's rclone 1.60 `serve webdav` on 127.0.0.1: a WebDAV server that ignores
/// `If-None-Match` and overwrites, which the create-only probe must refuse.
public final class RcloneServer: @unchecked Sendable {
    private let directory: TemporaryDirectory
    private let server: LocalServer
    public var root: URL { directory.url }
    public var port: Int { server.port }
    public var baseURL: String { server.baseURL }

    public init() throws {
        directory = TemporaryDirectory("rclone")
        let root = directory.url
        try FileManager.default.createDirectory(at: root.appendingPathComponent("dav"), withIntermediateDirectories: true)
        let log = root.appendingPathComponent("rclone.log").path
        server = try LocalServer(
            "rclone serve webdav", hint: " (is Debian's rclone installed? scripts/install-deps.sh test)", stderr: log, log: log
        ) { port in
            [
                "/usr/bin/rclone", "serve", "webdav", root.appendingPathComponent("dav").path, "--addr", "127.0.0.1:\(port)",
                "--config", root.appendingPathComponent("rclone.conf").path
            ]
        }
    }

    /// Every file under the served folder, relative paths.
    public func files() -> [String] {
        let base = root.appendingPathComponent("dav")
        return (FileManager.default.subpaths(atPath: base.path) ?? []).filter {
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: base.appendingPathComponent($0).path, isDirectory: &isFolder) && !isFolder.boolValue
        }
    }

    deinit { server.stop() }
}

/// `scripts/fault-proxy.py` in front of a server: the first `count` requests misbehave.
public final class FaultProxy: @unchecked Sendable {
    private let server: LocalServer
    public var port: Int { server.port }
    public var baseURL: String { server.baseURL }

    public init(upstream: Int, mode: String, count: Int) throws {
        server = try LocalServer("the fault proxy", attempts: 1) { port in
            ["/usr/bin/python3", Repository.path("scripts/fault-proxy.py"), String(port), String(upstream), mode, String(count)]
        }
    }
}

/// moto's S3 on 127.0.0.1 with signature checking on (`scripts/s3-test-server.py`): one per
/// test process, shared by every S3 test, each of which works under its own key prefix. It
/// stops when the test process ends (its standard input, a pipe held here, closes).
public final class MotoServer: @unchecked Sendable {
    public let port: Int
    public let bucket: String
    public let accessKeyID: String
    public let secretAccessKey: String
    /// Session credentials of a role the user assumed: key id, secret, token.
    public let session: (accessKeyID: String, secretAccessKey: String, token: String)
    private let process: AnnouncingProcess

    public var endpoint: String { "http://127.0.0.1:\(port)" }

    /// The environment a device signs with: the IAM user's key, nothing from the real home.
    public func environment(home: URL, extra: [String: String] = [:]) -> [String: String] {
        [
            "HOME": home.path, "AWS_ACCESS_KEY_ID": accessKeyID, "AWS_SECRET_ACCESS_KEY": secretAccessKey,
            "AWS_REGION": "us-east-1", "REMISSION_HTTP_RETRIES": "0", "REMISSION_HTTP_TIMEOUT": "5"
        ].merging(extra) { $1 }
    }

    /// A fresh remote URL in the shared bucket.
    public func newURL(endpoint: String? = nil) -> String {
        "s3://\(bucket)/t-\(UUID().uuidString.lowercased().prefix(13))?endpoint-url="
            + (endpoint ?? self.endpoint)
            .replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: "/", with: "%2F")
    }

    private static let shared: Result<MotoServer, ServerError> = {
        do { return .success(try MotoServer()) } catch let error as ServerError { return .failure(error) } catch {
            return .failure(ServerError(description: "\(error)"))
        }
    }()

    /// The shared server; a test fails (never skips) when it cannot start.
    public static func start() throws -> MotoServer { try shared.get() }

    private init() throws {
        let python = Repository.path(".venv-moto/bin/python3")
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw ServerError(description: "moto is not installed: run scripts/install-deps.sh test (it makes .venv-moto/)")
        }
        process = try AnnouncingProcess(python, [Repository.path("scripts/s3-test-server.py")])
        guard let object = try? JSONSerialization.jsonObject(with: process.line) as? [String: Any],
            let port = object["port"] as? Int, let bucket = object["bucket"] as? String,
            let key = object["accessKeyId"] as? String, let secret = object["secretAccessKey"] as? String,
            let session = object["session"] as? [String: String], let sessionKey = session["accessKeyId"],
            let sessionSecret = session["secretAccessKey"], let token = session["sessionToken"]
        else {
            process.terminate()
            throw ServerError(description: "moto did not start: \(process.text)")
        }
        self.port = port
        self.bucket = bucket
        accessKeyID = key
        secretAccessKey = secret
        self.session = (sessionKey, sessionSecret, token)
    }
}
