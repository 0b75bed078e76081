import CCurl
import Crypto
import Foundation
import RemissionCore

/// AWS Signature Version 4 for S3 requests, computed by libcurl (`CURLOPT_AWS_SIGV4`).
///
/// Debian 12's libcurl 7.88.1 signs correctly only if the request is shaped for it, so
/// `HTTPClient` sends S3 requests differently from WebDAV ones:
/// - `x-amz-content-sha256` is sent on every request (the body's SHA-256 on PUT, the empty
///   string's otherwise): 7.88 adds none, and hashes the empty string for any upload;
/// - no empty `Expect:` and no `Accept-Encoding` in the header list: 7.88 signs every listed
///   header, the removed ones too, and proxies rewrite `Accept-Encoding`;
/// - the user agent goes through `CURLOPT_USERAGENT` (unsigned): S3 verifiers drop it;
/// - the query string must already be sorted and percent-encoded (`S3Remote` does that),
///   since 7.88 signs it as written;
/// - a session token goes in `x-amz-security-token` (no libcurl version sends it).
///
/// It never prints the secret key: `description` shows the key id and region only.
public struct AWSSignature: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    public var region: String
    public var accessKeyID: String
    var secretAccessKey: String
    var sessionToken: String?

    public init(region: String, accessKeyID: String, secretAccessKey: String, sessionToken: String?) {
        self.region = region
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }

    public var description: String { "AWS SigV4 \(accessKeyID) in \(region)" }
    public var debugDescription: String { description }

    /// SHA-256 of nothing, in hex: the payload hash of GET, HEAD, DELETE and listings.
    /// Computed, not typed: a mistyped constant passes moto (which never checks the hash) and
    /// fails on AWS with XAmzContentSHA256Mismatch.
    static let emptyPayloadHash = hex(SHA256.hash(data: Data()))

    static func hex(_ digest: SHA256.Digest) -> String { digest.lowercaseHex }

    /// `CURLAUTH_AWS_SIGV4` (1 << 7); Swift does not import the macro.
    private static let curlAuthAWSSigV4 = 1 << 7

    func configure(_ handle: EasyHandle, for request: HTTPRequest) throws {
        // All four parts: libcurl would otherwise guess region and service from the host
        // name, which fails for 127.0.0.1, MinIO or R2.
        try handle.set(CURLOPT_AWS_SIGV4, "aws:amz:\(region):s3")
        try handle.set(CURLOPT_USERNAME, accessKeyID)
        try handle.set(CURLOPT_PASSWORD, secretAccessKey)
        // Explicitly, after the option above: a Basic/Digest choice here would send the
        // secret's user name and password instead of a signature.
        try handle.set(CURLOPT_HTTPAUTH, Self.curlAuthAWSSigV4)
        try handle.setHeaders(headers(for: request))
    }

    /// The request's headers plus what SigV4 needs of them; libcurl signs every one.
    func headers(for request: HTTPRequest) -> [String] {
        let payloadHash = request.body.map { Self.hex(SHA256.hash(data: $0)) } ?? Self.emptyPayloadHash
        var headers = request.headers + ["x-amz-content-sha256: \(payloadHash)"]
        if let sessionToken, !sessionToken.isEmpty { headers.append("x-amz-security-token: \(sessionToken)") }
        return headers
    }
}
