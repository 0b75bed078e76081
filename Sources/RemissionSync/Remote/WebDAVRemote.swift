import Foundation

/// A WebDAV server as a remote (Nextcloud, Apache httpd with mod_dav, rclone serve webdav).
///
/// Listing is one PROPFIND with `Depth: 1`; writes are PUT with `If-None-Match: *`, so an
/// existing object is never replaced (412 tells us it exists); missing folders are made
/// with MKCOL.
public final class WebDAVRemote: Remote, @unchecked Sendable {
    public let baseURL: String
    let client: HTTPClient

    public init(baseURL: String, client: HTTPClient) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.client = client
    }

    public var displayURL: String { HTTPClient.redacted(baseURL) }

    public var requestCounts: [String: Int] { client.requestCounts }

    private func url(_ relative: String) -> String {
        guard !relative.isEmpty else { return baseURL + "/" }
        let encoded = relative.split(separator: "/", omittingEmptySubsequences: false).map {
            $0.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#"))) ?? String($0)
        }
        return baseURL + "/" + encoded.joined(separator: "/")
    }

    public func list(_ folder: String, startAfter: String?) throws -> [String]? {
        let folderPath = folder.isEmpty || folder.hasSuffix("/") ? folder : folder + "/"
        let body = Data(
            """
            <?xml version="1.0" encoding="utf-8"?><D:propfind xmlns:D="DAV:"><D:prop><D:resourcetype/></D:prop></D:propfind>
            """.utf8)
        let response = try client.send(
            HTTPRequest(
                method: "PROPFIND", url: url(folderPath),
                headers: ["Depth: 1", "Content-Type: application/xml; charset=utf-8"], body: body))
        if response.status == 404 { return nil }
        guard response.status == 207 else {
            throw HTTPError(url: displayURL + "/" + folderPath, kind: .status(response.status))
        }
        let own = URL(string: url(folderPath))?.path ?? ""
        let names = Self.hrefs(in: response.body).compactMap { href -> String? in
            let path = (URL(string: href)?.path ?? href).removingPercentEncoding ?? href
            let isFolder = href.hasSuffix("/")
            let trimmed = path.hasSuffix("/") ? String(path.dropLast()) : path
            let ownTrimmed = own.hasSuffix("/") ? String(own.dropLast()) : own
            guard trimmed != ownTrimmed, let name = trimmed.split(separator: "/").last.map(String.init) else { return nil }
            guard !name.hasPrefix(".") else { return nil }
            return isFolder ? name + "/" : name
        }
        return names.sorted().filter { startAfter == nil || $0 > startAfter! }
    }

    public func get(_ relative: String) throws -> Data? {
        let response = try client.send(HTTPRequest(method: "GET", url: url(relative)))
        switch response.status {
        case 200: return response.body
        case 404: return nil
        default: throw HTTPError(url: displayURL + "/" + relative, kind: .status(response.status))
        }
    }

    public func createOnly(_ relative: String, data: Data) throws -> CreateOutcome {
        var madeFolders = false
        while true {
            let response = try client.send(
                HTTPRequest(
                    method: "PUT", url: url(relative),
                    headers: ["If-None-Match: *", "Content-Type: application/octet-stream"], body: data))
            switch response.status {
            case 200, 201, 204:
                return .created
            case 412:
                return .alreadyExists
            case 409 where !madeFolders, 404 where !madeFolders:
                // A missing folder: 409 by RFC 4918, 404 from some servers (rclone).
                try makeFolders(for: relative)
                madeFolders = true
            default:
                throw HTTPError(url: displayURL + "/" + relative, kind: .status(response.status))
            }
        }
    }

    public func replace(_ relative: String, data: Data) throws {
        let response = try client.send(
            HTTPRequest(
                method: "PUT", url: url(relative), headers: ["Content-Type: application/octet-stream"], body: data))
        guard [200, 201, 204].contains(response.status) else {
            throw HTTPError(url: displayURL + "/" + relative, kind: .status(response.status))
        }
    }

    public var needsCreateOnlyProbe: Bool { true }

    public func delete(_ relative: String) throws {
        let response = try client.send(HTTPRequest(method: "DELETE", url: url(relative)))
        guard [200, 204, 404].contains(response.status) else {
            throw HTTPError(url: displayURL + "/" + relative, kind: .status(response.status))
        }
    }

    /// MKCOL for each folder on the way to `relative`; 405 means it exists already.
    private func makeFolders(for relative: String) throws {
        var folders = [""]
        var path = ""
        for part in relative.split(separator: "/").dropLast() {
            path += part + "/"
            folders.append(path)
        }
        for folder in folders {
            let response = try client.send(HTTPRequest(method: "MKCOL", url: url(folder)))
            if response.status == 409 && folder.isEmpty {
                throw RemoteError("\(displayURL): the folder above it does not exist on the server; create it, or check the URL")
            }
            guard [201, 405].contains(response.status) else {
                throw HTTPError(url: displayURL + "/" + folder, kind: .status(response.status))
            }
        }
    }

    /// The `href` texts of a multistatus answer, whatever namespace prefix the server uses.
    static func hrefs(in body: Data) -> [String] {
        let text = String(decoding: body, as: UTF8.self)
        var results: [String] = []
        var searchRange = text.startIndex..<text.endIndex
        while let open = text.range(of: "href>", options: [.caseInsensitive], range: searchRange) {
            // Skip closing tags such as </D:href>.
            let tagStart = text[..<open.lowerBound].lastIndex(of: "<") ?? open.lowerBound
            if text[tagStart...].hasPrefix("</") {
                searchRange = open.upperBound..<text.endIndex
                continue
            }
            guard let close = text.range(of: "</", range: open.upperBound..<text.endIndex) else { break }
            let value = text[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
            results.append(value.replacingOccurrences(of: "&amp;", with: "&"))
            searchRange = close.upperBound..<text.endIndex
        }
        return results
    }
}
