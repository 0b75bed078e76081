import Foundation
import Testing

/// moto's S3 on 127.0.0.1 with signature checking on (`scripts/s3-test-server.py`): one per
/// test process, shared by the S3 tests, each of which works under its own key prefix. It
/// stops when the test process ends (its standard input, a pipe held here, closes).
final class MotoServer: @unchecked Sendable {
    let port: Int
    let bucket: String
    let accessKeyID: String
    let secretAccessKey: String
    /// Session credentials of a role the user assumed: key id, secret, token.
    let session: (accessKeyID: String, secretAccessKey: String, token: String)
    private let process: Process
    private let input: Pipe

    var endpoint: String { "http://127.0.0.1:\(port)" }

    /// The environment a device signs with: the IAM user's key, nothing from the real home.
    func environment(home: URL, extra: [String: String] = [:]) -> [String: String] {
        [
            "HOME": home.path, "AWS_ACCESS_KEY_ID": accessKeyID, "AWS_SECRET_ACCESS_KEY": secretAccessKey,
            "AWS_REGION": "us-east-1", "REMISSION_HTTP_RETRIES": "0", "REMISSION_HTTP_TIMEOUT": "5",
        ].merging(extra) { $1 }
    }

    /// A fresh remote URL in the shared bucket.
    func newURL(endpoint: String? = nil) -> String {
        "s3://\(bucket)/t-\(UUID().uuidString.lowercased().prefix(13))?endpoint-url=" + (endpoint ?? self.endpoint)
            .replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: "/", with: "%2F")
    }

    static let shared: Result<MotoServer, ServerError> = {
        do { return .success(try MotoServer()) } catch let error as ServerError { return .failure(error) } catch {
            return .failure(ServerError(description: "\(error)"))
        }
    }()

    /// The shared server; a test fails (never skips) when it cannot start.
    static func start() throws -> MotoServer { try shared.get() }

    static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    private init() throws {
        let python = Self.root.appendingPathComponent(".venv-moto/bin/python3").path
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw ServerError(description: "moto is not installed: run scripts/install-deps.sh test (it makes .venv-moto/)")
        }
        process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [Self.root.appendingPathComponent("scripts/s3-test-server.py").path]
        input = Pipe()
        let output = Pipe()
        // Only this process may hold the write end: servers other tests start must not keep
        // moto alive after the test process ends.
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
        guard let object = try? JSONSerialization.jsonObject(with: line) as? [String: Any],
            let port = object["port"] as? Int, let bucket = object["bucket"] as? String,
            let key = object["accessKeyId"] as? String, let secret = object["secretAccessKey"] as? String,
            let session = object["session"] as? [String: String], let sessionKey = session["accessKeyId"],
            let sessionSecret = session["secretAccessKey"], let token = session["sessionToken"]
        else {
            process.terminate()
            throw ServerError(description: "moto did not start: \(String(decoding: line, as: UTF8.self))")
        }
        self.port = port
        self.bucket = bucket
        accessKeyID = key
        secretAccessKey = secret
        self.session = (sessionKey, sessionSecret, token)
    }
}

/// Debian's rclone 1.60 `serve webdav` on 127.0.0.1: a WebDAV server that ignores
/// `If-None-Match` and overwrites, which the create-only probe must refuse.
final class RcloneServer: @unchecked Sendable {
    let root: URL
    let port: Int
    private let pid: pid_t
    var baseURL: String { "http://127.0.0.1:\(port)" }

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("remission-rclone-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("dav"), withIntermediateDirectories: true)
        for _ in 0..<5 {
            let port = try ApacheServer.freePort()
            let pid = try ApacheServer.spawn([
                "/usr/bin/rclone", "serve", "webdav", root.appendingPathComponent("dav").path, "--addr", "127.0.0.1:\(port)",
                "--config", root.appendingPathComponent("rclone.conf").path,
            ])
            if ApacheServer.waitForPort(port) {
                self.port = port
                self.pid = pid
                return
            }
            ApacheServer.stop(pid)
        }
        throw ServerError(description: "rclone serve webdav did not start (is Debian's rclone installed? scripts/install-deps.sh test)")
    }

    /// Every file under the served folder, relative paths.
    func files() -> [String] {
        let base = root.appendingPathComponent("dav")
        return (FileManager.default.subpaths(atPath: base.path) ?? []).filter {
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: base.appendingPathComponent($0).path, isDirectory: &isFolder) && !isFolder.boolValue
        }
    }

    deinit {
        ApacheServer.stop(pid)
        try? FileManager.default.removeItem(at: root)
    }
}
