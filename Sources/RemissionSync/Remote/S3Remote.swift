import Foundation

/// An S3 bucket (AWS, or a compatible service: MinIO, Cloudflare R2, Ceph RGW, Wasabi…) as a
/// remote, under a key prefix.
///
/// Listing is ListObjectsV2 with `/` as delimiter, so that a folder lists as its objects and
/// subfolders, one request per 1000 names; writes are PutObject with `If-None-Match: *`
/// (412: it exists; 409 ConditionalRequestConflict: a concurrent write, retried); the one
/// replacement, journal.json on a passphrase change, is guarded by `If-Match` on the ETag it
/// was read with. Every request is signed (SigV4) by libcurl; see `AWSSignature`.
public final class S3Remote: Remote, @unchecked Sendable {
    public let location: S3Location
    public let region: String
    private let client: HTTPClient
    /// Why no request can be signed (no credentials); thrown by the first request, so that
    /// a remote can be added and its URL checked without them.
    private let missingCredentials: RemoteError?
    private let lock = NSLock()
    /// ETags of the objects read, for the `If-Match` of a replacement.
    private var etags: [String: String] = [:]
    /// Names per listing page (`max-keys`); nil for the service's own (1000 on AWS). Tests
    /// set it small to walk continuation tokens.
    var pageSize: Int?

    /// Names listed in one folder at most; a journal of ten daily years has about 4,000.
    static let listLimit = 200_000
    /// Listing pages of one folder at most (1000 names a page on AWS).
    static let pageLimit = 1000
    /// Attempts of a write that S3 answered 409 ConditionalRequestConflict.
    static let conflictAttempts = 4

    public init(location: S3Location, environment: [String: String], home: String) {
        self.location = location
        region = location.region ?? S3Credentials.region(environment: environment, home: home)
        var configuration = HTTPClient.Configuration.fromEnvironment(environment)
        configuration.user = nil
        configuration.password = nil
        do {
            let credentials = try S3Credentials.resolve(environment: environment, home: home)
            configuration.awsSignature = AWSSignature(
                region: region, accessKeyID: credentials.accessKeyID, secretAccessKey: credentials.secretAccessKey,
                sessionToken: credentials.sessionToken)
            missingCredentials = nil
        } catch let error as RemoteError {
            missingCredentials = error
        } catch {
            missingCredentials = RemoteError("\(error)")
        }
        client = HTTPClient(configuration: configuration)
    }

    public var displayURL: String { location.display }

    public var requestCounts: [String: Int] { client.requestCounts }

    public var needsCreateOnlyProbe: Bool { true }

    private func send(_ request: HTTPRequest) throws -> HTTPResponse {
        if let missingCredentials { throw missingCredentials }
        return try client.send(request)
    }

    private func objectURL(_ relative: String) -> String {
        location.httpURL(key: location.key(relative), region: region)
    }

    // MARK: Listing

    public func list(_ folder: String, startAfter: String?) throws -> [String]? {
        let folderPath = folder.isEmpty || folder.hasSuffix("/") ? folder : folder + "/"
        let prefix = location.key(folderPath)
        var names: [String] = []
        var token: String?
        var pages = 0
        repeat {
            pages += 1
            // A server that hands out endless empty pages is not let to keep a sync forever.
            guard pages <= Self.pageLimit else {
                throw RemoteError(
                    "\(location.display)/\(folderPath): the listing went on for more than \(Self.pageLimit) pages; this is not a remission journal")
            }
            var parameters = ["list-type": "2", "delimiter": "/", "prefix": prefix]
            if let startAfter { parameters["start-after"] = prefix + startAfter }
            if let token { parameters["continuation-token"] = token }
            if let pageSize { parameters["max-keys"] = String(pageSize) }
            let url = location.httpURL(key: nil, query: S3Location.query(parameters), region: region)
            let response = try send(HTTPRequest(method: "GET", url: url, countedAs: "LIST"))
            guard response.status == 200 else { throw error(response, url: url) }
            guard let page = ListBucketResult.parse(response.body) else {
                throw RemoteError("\(location.display)/\(folderPath): the listing is not S3's ListBucketResult; check the endpoint URL")
            }
            for name in page.keys + page.prefixes {
                // Only names under the prefix asked for; anything else is not ours to read.
                guard name.hasPrefix(prefix), name.count > prefix.count else { continue }
                let relative = String(name.dropFirst(prefix.count))
                guard !relative.hasPrefix("."), !relative.dropLast().contains("/") else { continue }
                names.append(relative)
            }
            guard names.count <= Self.listLimit else {
                throw RemoteError("\(location.display)/\(folderPath) lists more than \(Self.listLimit) names; this is not a remission journal")
            }
            guard page.isTruncated else { break }
            guard let next = page.nextContinuationToken, !next.isEmpty, next != token else {
                throw RemoteError("\(location.display)/\(folderPath): the listing says it is truncated but gives no new continuation token")
            }
            token = next
        } while true
        if names.isEmpty && startAfter == nil { return nil }
        return Array(Set(names)).sorted().filter { startAfter == nil || $0 > startAfter! }
    }

    // MARK: Objects

    public func get(_ relative: String) throws -> Data? {
        let url = objectURL(relative)
        let response = try send(HTTPRequest(method: "GET", url: url))
        switch response.status {
        case 200:
            if let etag = response.headers["etag"] { lock.withLock { etags[relative] = etag } }
            return response.body
        case 404 where S3ErrorBody.parse(response.body)?.code != "NoSuchBucket":
            return nil
        default:
            throw error(response, url: url)
        }
    }

    public func createOnly(_ relative: String, data: Data) throws -> CreateOutcome {
        let url = objectURL(relative)
        for attempt in 1...Self.conflictAttempts {
            let response = try send(
                HTTPRequest(
                    method: "PUT", url: url, headers: ["Content-Type: application/octet-stream", "If-None-Match: *"], body: data))
            switch response.status {
            case 200, 201, 204:
                return .created
            case 412:
                return .alreadyExists
            case 409 where S3ErrorBody.parse(response.body)?.code == "ConditionalRequestConflict" && attempt < Self.conflictAttempts:
                // A write to the same key raced with this one; S3 says to try again.
                usleep(UInt32(attempt) * 100_000)
            default:
                throw error(response, url: url)
            }
        }
        throw RemoteError("\(location.display)/\(relative): S3 kept answering 409 ConditionalRequestConflict; try again")
    }

    public func replace(_ relative: String, data: Data) throws {
        let url = objectURL(relative)
        for attempt in 1...Self.conflictAttempts {
            // Replace only what was read: another device's change in between is not lost.
            var etag = lock.withLock { etags[relative] }
            if etag == nil {
                _ = try get(relative)
                etag = lock.withLock { etags[relative] }
            }
            guard let etag else { throw RemoteError("\(location.display)/\(relative) does not exist; nothing to replace") }
            let response = try send(
                HTTPRequest(
                    method: "PUT", url: url, headers: ["Content-Type: application/octet-stream", "If-Match: \(etag)"], body: data))
            switch response.status {
            case 200, 201, 204:
                if let etag = response.headers["etag"] { lock.withLock { etags[relative] = etag } }
                return
            case 412:
                throw RemoteError(
                    "\(location.display)/\(relative) changed on the remote since it was read (another passphrase change?); nothing was replaced: run the command again"
                )
            case 409 where attempt < Self.conflictAttempts:
                lock.withLock { etags[relative] = nil }
                usleep(UInt32(attempt) * 100_000)
            default:
                throw error(response, url: url)
            }
        }
        throw RemoteError("\(location.display)/\(relative): S3 kept answering 409 ConditionalRequestConflict; try again")
    }

    public func delete(_ relative: String) throws {
        let url = objectURL(relative)
        let response = try send(HTTPRequest(method: "DELETE", url: url))
        guard [200, 204, 404].contains(response.status) else {
            throw error(response, url: url)
        }
    }

    // MARK: Errors

    /// An S3 error answer as an `HTTPError` that names S3's code and says what to do.
    private func error(_ response: HTTPResponse, url: String) -> HTTPError {
        let body = S3ErrorBody.parse(response.body)
        let code = body?.code ?? (response.status == 403 ? "AccessDenied" : response.status == 404 ? "NotFound" : nil)
        let keyID = client.configuration.awsSignature.map { String($0.accessKeyID.prefix(8)) + "…" } ?? "?"
        let advice: String
        switch code {
        case "SignatureDoesNotMatch":
            advice =
                "the signature does not match: the secret key does not belong to access key \(keyID) (check AWS_SECRET_ACCESS_KEY or aws_secret_access_key in ~/.aws/credentials), or a proxy changed the request"
        case "InvalidAccessKeyId":
            advice =
                "the service does not know access key \(keyID): check AWS_ACCESS_KEY_ID or ~/.aws/credentials (AWS_PROFILE), and that --endpoint-url names the service the key belongs to"
        case "AccessDenied":
            advice =
                "access key \(keyID) may not do this: its policy must allow s3:ListBucket on bucket \(location.bucket) and s3:GetObject, s3:PutObject and s3:DeleteObject on its objects (and the bucket must exist)"
        case "NoSuchBucket":
            advice =
                "there is no bucket '\(location.bucket)'\(location.endpoint.map { " at " + $0 } ?? ""): create it first, or check the URL and --endpoint-url"
        case "InvalidToken", "ExpiredToken", "TokenRefreshRequired":
            advice = "the session token (AWS_SESSION_TOKEN or aws_session_token) is invalid or has expired: get fresh credentials"
        case "AuthorizationHeaderMalformed", "PermanentRedirect", "IllegalLocationConstraintException":
            advice = "the bucket is in another region than \(region): give its region with --region when adding the remote, or set AWS_REGION"
        case "RequestTimeTooSkewed":
            advice = "this computer's clock differs from the service's by more than 15 minutes: set the clock right"
        case "NotImplemented":
            advice =
                "the service does not implement this request\(body?.message.map { " (\($0))" } ?? ""); remission needs conditional writes (If-None-Match: *)"
        case "PreconditionFailed":
            advice = "a condition of the request failed (the object exists or changed); try again"
        default:
            advice = body?.message.map { "\($0)" } ?? "check the URL, the endpoint and the credentials"
        }
        let display = url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? url
        return HTTPError(url: display, kind: .status(response.status), serverCode: code, advice: advice)
    }
}
