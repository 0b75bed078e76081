import Foundation

/// Storage that holds a synced journal: a folder, a WebDAV server, an S3 bucket.
///
/// The remote is storage, not a server of ours: it only lists, reads, and creates objects
/// that do not exist yet. Nothing on a remote is ever overwritten or deleted by remission,
/// except journal.json on a passphrase change and the probe object of `CreateOnlyProbe`.
/// Paths are relative to the remote's base, with `/` between folders; names starting with
/// `.` are never listed.
public protocol Remote: Sendable {
    /// The remote's URL without credentials, for messages.
    var displayURL: String { get }

    /// Names directly inside `folder` ("" for the base), in name order, only those after
    /// `startAfter`; folders end in `/`. Nil when the folder does not exist.
    func list(_ folder: String, startAfter: String?) throws -> [String]?

    /// The object's bytes, or nil when it does not exist.
    func get(_ path: String) throws -> Data?

    /// Creates the object (and its folders) only if nothing is there yet.
    func createOnly(_ path: String, data: Data) throws -> CreateOutcome

    /// Replaces an object whole; used only for journal.json when the passphrase changes.
    func replace(_ path: String, data: Data) throws

    /// Requests sent so far, by kind, for benchmarks and tests.
    var requestCounts: [String: Int] { get }

    /// Whether create-only writes rest on the server's word (`If-None-Match: *`), which
    /// `CreateOnlyProbe` must check before the first write; a folder's `link(2)` needs no proof.
    var needsCreateOnlyProbe: Bool { get }

    /// Removes an object; used only for the probe object. An absent object is no error.
    func delete(_ path: String) throws
}

extension Remote {
    public var needsCreateOnlyProbe: Bool { false }

    public func delete(_ path: String) throws {
        throw RemoteError("\(displayURL): remission does not delete objects on this remote")
    }
}

public enum CreateOutcome: Sendable, Equatable {
    case created
    case alreadyExists
}

/// Why a remote cannot be used.
public struct RemoteError: Error, Sendable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) { self.description = description }
}

/// Picks the remote for a URL: `s3://` is S3; `https://` and `http://` are WebDAV; `file://`
/// and plain paths are folders.
public enum RemoteFactory {
    /// - Parameters:
    ///   - environment: the process's environment (credentials, timeouts); `HOME` in it
    ///     locates `~/.aws/`, so tests never read the real home.
    public static func remote(for url: String, environment: [String: String]) throws -> any Remote {
        if url.hasPrefix("s3://") {
            if HTTPClient.hasCredentials(url) {
                throw RemoteError(
                    "put no access key in the URL (it would be stored and shown): use AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or ~/.aws/credentials")
            }
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            return S3Remote(location: try S3Location.parse(url, environment: environment), environment: environment, home: home)
        }
        if url.contains("://"), HTTPClient.hasCredentials(url) {
            throw RemoteError(
                "put no user or password in the URL (it would be stored and shown): use ~/.netrc, or REMISSION_REMOTE_USER and REMISSION_REMOTE_PASSWORD")
        }
        if url.hasPrefix("https://") || url.hasPrefix("http://") {
            try refuseInsecureHTTP(url, environment: environment)
            return WebDAVRemote(baseURL: url, client: HTTPClient(configuration: .fromEnvironment(environment)))
        }
        if url.hasPrefix("file://") {
            let path = String(url.dropFirst("file://".count))
            guard path.hasPrefix("/") else { throw RemoteError("a file URL needs an absolute path: file:///path/to/folder") }
            return FolderRemote(path: path.removingPercentEncoding ?? path)
        }
        if url.contains("://") {
            throw RemoteError(
                "'\(HTTPClient.redacted(url))' is not a remote remission can use: give s3://BUCKET/PREFIX, https://… (WebDAV), file:///… or a folder path")
        }
        let absolute = url.hasPrefix("/") ? url : FileManager.default.currentDirectoryPath + "/" + url
        return FolderRemote(path: absolute)
    }

    /// The URL to store for a remote: folders become absolute `file://` URLs; an S3 URL
    /// keeps its endpoint (`--endpoint-url`, else `AWS_ENDPOINT_URL`) and a `--region`.
    public static func normalized(
        _ url: String, endpoint: String? = nil, region: String? = nil,
        environment: [String: String] = [:]
    ) throws -> String {
        if url.hasPrefix("s3://") {
            if HTTPClient.hasCredentials(url) { _ = try remote(for: url, environment: [:]) }
            return try S3Location.parse(url, endpoint: endpoint, region: region, environment: environment).stored
        }
        guard endpoint == nil, region == nil else {
            throw RemoteError("--endpoint-url and --region are for s3:// remotes only")
        }
        let remote = try remote(for: url, environment: environment)
        if let folder = remote as? FolderRemote { return "file://" + folder.path }
        return url
    }

    /// The variable that lets a password travel over plain HTTP to another machine.
    public static let allowInsecureHTTPVariable = "REMISSION_ALLOW_INSECURE_HTTP"

    /// Refuses plain `http://` to a machine other than this one when a password would go with
    /// it (REMISSION_REMOTE_USER, or a `machine` or `default` entry of ~/.netrc), unless
    /// REMISSION_ALLOW_INSECURE_HTTP=1. Checked before any request is made.
    static func refuseInsecureHTTP(_ url: String, environment: [String: String]) throws {
        guard url.lowercased().hasPrefix("http://"), environment[allowInsecureHTTPVariable] != "1",
            let host = host(of: url), !isLoopback(host)
        else { return }
        let user = environment["REMISSION_REMOTE_USER"].map { !$0.isEmpty } ?? false
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        let netrc = (try? String(contentsOfFile: home + "/.netrc", encoding: .utf8)).map { netrcHasEntry($0, for: host) } ?? false
        guard user || netrc else { return }
        throw SyncError.insecureHTTP(url: HTTPClient.redacted(url), source: user ? "REMISSION_REMOTE_USER" : "~/.netrc")
    }

    /// The host of a URL, lowercased, without the brackets of an IPv6 address.
    static func host(of url: String) -> String? {
        guard let host = URLComponents(string: url)?.host, !host.isEmpty else { return nil }
        return host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
    }

    /// localhost, 127.0.0.0/8 and ::1: requests that never leave this machine.
    static func isLoopback(_ host: String) -> Bool {
        if host == "localhost" || host == "::1" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
    }

    /// Whether a .netrc has credentials libcurl would send to `host`: its machine, or a default.
    static func netrcHasEntry(_ text: String, for host: String) -> Bool {
        let tokens = text.split(whereSeparator: \.isWhitespace)
        for (index, token) in tokens.enumerated() {
            if token == "default" { return true }
            if token == "machine", index + 1 < tokens.count, tokens[index + 1].lowercased() == host { return true }
        }
        return false
    }
}
