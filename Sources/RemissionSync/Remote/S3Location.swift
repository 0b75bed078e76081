import Foundation

/// Where an S3 remote is: `s3://BUCKET/PREFIX`, with the endpoint and region it was added
/// with kept in its stored URL (`s3://BUCKET/PREFIX?endpoint-url=…&region=…`), so that a
/// MinIO or R2 remote keeps working without the options at every sync.
public struct S3Location: Sendable, Equatable {
    public var bucket: String
    /// The key prefix without a slash at either end; "" for the whole bucket.
    public var prefix: String
    /// `https://host[:port][/path]` of an S3-compatible service; nil for AWS itself.
    public var endpoint: String?
    /// The region given with the remote; nil to take it from the environment.
    public var region: String?

    /// Parses `s3://BUCKET[/PREFIX][?endpoint-url=URL&region=REGION]`; the endpoint falls
    /// back to `AWS_ENDPOINT_URL`.
    public static func parse(
        _ url: String, endpoint: String? = nil, region: String? = nil,
        environment: [String: String] = [:]
    ) throws -> S3Location {
        guard url.hasPrefix("s3://") else { throw RemoteError("an S3 remote's URL starts with s3://, as in s3://my-bucket/remission") }
        var rest = String(url.dropFirst("s3://".count))
        var query: [String: String] = [:]
        if let mark = rest.firstIndex(of: "?") {
            for pair in rest[rest.index(after: mark)...].split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? String($0) }
                guard parts.count == 2, ["endpoint-url", "region"].contains(parts[0]) else {
                    throw RemoteError("'\(pair)' is not part of an S3 remote's URL: give the endpoint with --endpoint-url and the region with --region")
                }
                query[parts[0]] = parts[1]
            }
            rest = String(rest[..<mark])
        }
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        let bucket = String(rest[..<slash])
        let prefix = rest[slash...].split(separator: "/").joined(separator: "/")
        guard (3...63).contains(bucket.count),
            bucket.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-" || $0 == "." || $0 == "_") })
        else {
            throw RemoteError("'\(bucket)' is not an S3 bucket name (3 to 63 lower-case letters, digits, '-' and '.'): s3://BUCKET/PREFIX")
        }
        guard !prefix.split(separator: "/").contains(where: { $0 == "." || $0 == ".." }), !prefix.contains("\\") else {
            throw RemoteError("the prefix '\(prefix)' has '.' or '..' parts; name a plain folder, as in s3://\(bucket)/remission")
        }
        var location = S3Location(bucket: bucket, prefix: prefix, endpoint: nil, region: nil)
        let endpoint = endpoint ?? query["endpoint-url"] ?? environment["AWS_ENDPOINT_URL"].flatMap { $0.isEmpty ? nil : $0 }
        if var endpoint {
            guard endpoint.hasPrefix("https://") || endpoint.hasPrefix("http://"), URL(string: endpoint)?.host != nil else {
                throw RemoteError(
                    "the endpoint '\(HTTPClient.redacted(endpoint))' is not an http:// or https:// URL, as in https://ACCOUNT.r2.cloudflarestorage.com")
            }
            guard !HTTPClient.hasCredentials(endpoint) else {
                throw RemoteError(
                    "put no user or password in the endpoint URL: give credentials in AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or ~/.aws/credentials")
            }
            guard !endpoint.contains("?"), !endpoint.contains("#") else {
                throw RemoteError("the endpoint '\(endpoint)' has a query or fragment; give only scheme, host, port and path")
            }
            while endpoint.hasSuffix("/") { endpoint.removeLast() }
            location.endpoint = endpoint
        }
        if let region = region ?? query["region"] {
            guard !region.isEmpty, region.count <= 64, region.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
                throw RemoteError("'\(region)' is not a region name, such as eu-central-1 (or auto for R2)")
            }
            location.region = region
        }
        return location
    }

    /// The URL kept in the journal: everything needed to find the bucket again, no secret.
    public var stored: String {
        var query: [String] = []
        if let endpoint { query.append("endpoint-url=" + S3Location.encode(endpoint)) }
        if let region { query.append("region=" + S3Location.encode(region)) }
        return display + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
    }

    /// `s3://BUCKET/PREFIX`, for messages.
    public var display: String { "s3://" + bucket + (prefix.isEmpty ? "" : "/" + prefix) }

    /// The key of a path below the remote's base.
    func key(_ relative: String) -> String { prefix.isEmpty ? relative : prefix + "/" + relative }

    /// The HTTP URL of an object (`key`) or of the bucket (`key` nil), with a query already
    /// encoded. Path-style with an endpoint; virtual-hosted on AWS (path-style there too for
    /// buckets with dots, which TLS wildcards do not cover).
    func httpURL(key: String?, query: String? = nil, region: String) -> String {
        let path = key.map { "/" + S3Location.encode($0, keepSlash: true) } ?? ""
        let query = query.map { "?" + $0 } ?? ""
        if let endpoint { return endpoint + "/" + bucket + path + query }
        if bucket.contains(".") { return "https://s3.\(region).amazonaws.com/" + bucket + path + query }
        return "https://\(bucket).s3.\(region).amazonaws.com" + (path.isEmpty ? "/" : path) + query
    }

    /// AWS's URI encoding: all but `A-Z a-z 0-9 - . _ ~` (and `/` in paths) as `%XX` with
    /// upper-case hex, which is also what libcurl 7.88 must be given, since it signs the path
    /// and query as written.
    static func encode(_ text: String, keepSlash: Bool = false) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: "/") where keepSlash:
                result += "/"
            default:
                result += String(format: "%%%02X", byte)
            }
        }
        return result
    }

    /// A query string as SigV4 wants it from libcurl 7.88: names sorted, names and values
    /// encoded, every parameter written `name=value`.
    static func query(_ parameters: [String: String]) -> String {
        parameters.map { (encode($0.key), encode($0.value)) }.sorted { $0.0 < $1.0 }.map { $0.0 + "=" + $0.1 }.joined(separator: "&")
    }
}
