import Foundation

/// Storage that holds a synced journal: a folder, a WebDAV server, later an S3 bucket.
///
/// The remote is storage, not a server of ours: it only lists, reads, and creates objects
/// that do not exist yet. Nothing on a remote is ever overwritten or deleted by remission.
/// Paths are relative to the remote's base, with `/` between folders.
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

/// Picks the remote for a URL: `https://` and `http://` are WebDAV; `file://` and plain
/// paths are folders.
public enum RemoteFactory {
    public static func remote(for url: String, environment: [String: String]) throws -> any Remote {
        if url.contains("://"), HTTPClient.hasCredentials(url) {
            throw RemoteError("put no user or password in the URL (it would be stored and shown): use ~/.netrc, or REMISSION_REMOTE_USER and REMISSION_REMOTE_PASSWORD")
        }
        if url.hasPrefix("https://") || url.hasPrefix("http://") {
            return WebDAVRemote(baseURL: url, client: HTTPClient(configuration: .fromEnvironment(environment)))
        }
        if url.hasPrefix("file://") {
            let path = String(url.dropFirst("file://".count))
            guard path.hasPrefix("/") else { throw RemoteError("a file URL needs an absolute path: file:///path/to/folder") }
            return FolderRemote(path: path.removingPercentEncoding ?? path)
        }
        if url.contains("://") {
            throw RemoteError("'\(HTTPClient.redacted(url))' is not a remote remission can use: give https://… (WebDAV), file:///… or a folder path")
        }
        let absolute = url.hasPrefix("/") ? url : FileManager.default.currentDirectoryPath + "/" + url
        return FolderRemote(path: absolute)
    }

    /// The URL to store for a remote: folders become absolute `file://` URLs.
    public static func normalized(_ url: String) throws -> String {
        let remote = try remote(for: url, environment: [:])
        if let folder = remote as? FolderRemote { return "file://" + folder.path }
        return url
    }
}
