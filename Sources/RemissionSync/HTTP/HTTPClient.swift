import CCurl
import Foundation
import Logging

/// A request to an HTTP remote.
public struct HTTPRequest: Sendable {
    public var method: String
    public var url: String
    public var headers: [String]
    public var body: Data?
    /// What `requestCounts` counts it as, when not its method (an S3 listing is a GET).
    public var countedAs: String?

    public init(method: String, url: String, headers: [String] = [], body: Data? = nil, countedAs: String? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.countedAs = countedAs
    }
}

public struct HTTPResponse: Sendable {
    public let status: Int
    public let body: Data
    /// Response headers of the final answer, names in lower case (`etag`, `x-amz-request-id`).
    public var headers: [String: String] = [:]
}

/// The one HTTP client of remission: a small wrapper over a reused libcurl easy handle.
///
/// It retries with exponential backoff on 5xx answers, resets, truncated bodies and
/// timeouts; reads credentials from `~/.netrc` (libcurl's own reader) or from
/// `REMISSION_REMOTE_USER` / `REMISSION_REMOTE_PASSWORD`; verifies TLS, with an extra CA
/// bundle from `REMISSION_CA_BUNDLE` for self-hosted servers. Every request it makes is
/// counted, so benchmarks and tests can assert how many a sync costs.
public final class HTTPClient: @unchecked Sendable {
    public struct Configuration: Sendable {
        public var connectTimeout: Double = 10
        /// A transfer slower than `lowSpeedLimit` bytes/s for this long is abandoned.
        public var stallTimeout: Double = 30
        public var lowSpeedLimit: Int = 1024
        /// No request lasts longer than this, however its bytes trickle in.
        public var deadline: Double = 300
        /// No answer is read past this many bytes: a segment is at most 32 MiB.
        public var maximumResponse: Int = 40 << 20
        /// Attempts after the first, for failures worth trying again.
        public var retries: Int = 3
        /// The first wait before a retry, doubled each time.
        public var backoff: Double = 0.5
        public var caBundle: String?
        public var user: String?
        public var password: String?
        /// Sign every request with AWS Signature V4 (S3) instead of Basic/Digest and ~/.netrc.
        public var awsSignature: AWSSignature?

        public init() {}

        /// Reads the documented environment variables; timeouts in seconds.
        public static func fromEnvironment(_ environment: [String: String]) -> Configuration {
            var configuration = Configuration()
            if let value = environment["REMISSION_HTTP_TIMEOUT"].flatMap(Double.init), value > 0 {
                configuration.connectTimeout = value
                configuration.stallTimeout = value
                configuration.deadline = max(4 * value, 1)
            }
            if let value = environment["REMISSION_HTTP_RETRIES"].flatMap(Int.init), value >= 0 {
                configuration.retries = value
            }
            if let value = environment["REMISSION_HTTP_BACKOFF"].flatMap(Double.init), value >= 0 {
                configuration.backoff = value
            }
            configuration.caBundle = environment["REMISSION_CA_BUNDLE"].flatMap { $0.isEmpty ? nil : $0 }
            configuration.user = environment["REMISSION_REMOTE_USER"].flatMap { $0.isEmpty ? nil : $0 }
            configuration.password = environment["REMISSION_REMOTE_PASSWORD"]
            return configuration
        }
    }

    /// libcurl's global initialisation, done once per process and never per request.
    static let initializeCurl: Void = {
        _remission_global_init(Int(CURL_GLOBAL_DEFAULT))
    }()

    public let configuration: Configuration
    let logger: Logger
    private let lock = NSLock()
    private var handle: EasyHandle?
    private var counts: [String: Int] = [:]

    public init(configuration: Configuration, logger: Logger = Logger(label: "remission.http")) {
        self.configuration = configuration
        self.logger = logger
    }

    /// Requests sent so far, by method (retries included).
    public var requestCounts: [String: Int] {
        lock.withLock { counts }
    }

    /// Sends a request, retrying what is worth retrying; a 4xx answer is returned, not thrown,
    /// so that callers can act on 404 or 412.
    public func send(_ request: HTTPRequest) throws -> HTTPResponse {
        try lock.withLock {
            var attempt = 0
            while true {
                attempt += 1
                do {
                    let response = try perform(request)
                    if response.status >= 500 && response.status != 501 && attempt <= configuration.retries {
                        logger.info("server error, retrying", metadata: ["status": "\(response.status)", "attempt": "\(attempt)"])
                        backoff(attempt)
                        continue
                    }
                    if response.status >= 500 {
                        throw HTTPError(url: Self.redacted(request.url), kind: .status(response.status), attempts: attempt)
                    }
                    return response
                } catch var error as HTTPError {
                    let retryable: Bool
                    switch error.kind {
                    case .timeout, .connection: retryable = true
                    default: retryable = false
                    }
                    guard retryable, attempt <= configuration.retries else {
                        error.attempts = attempt
                        throw error
                    }
                    logger.info("request failed, retrying", metadata: ["attempt": "\(attempt)"])
                    backoff(attempt)
                }
            }
        }
    }

    private func backoff(_ attempt: Int) {
        let seconds = configuration.backoff * pow(2, Double(attempt - 1))
        if seconds > 0 { usleep(UInt32(min(seconds, 30) * 1_000_000)) }
    }

    private func perform(_ request: HTTPRequest) throws -> HTTPResponse {
        counts[request.countedAs ?? request.method, default: 0] += 1
        let handle = try self.handle ?? EasyHandle()
        self.handle = handle
        handle.reset()
        let url = Self.redacted(request.url)
        do {
            try configure(handle, for: request)
        } catch let error as HTTPError {
            throw HTTPError(url: url, kind: error.kind)
        }
        let sink = ResponseSink(limit: configuration.maximumResponse)
        let context = Unmanaged.passUnretained(sink).toOpaque()
        try handle.set(
            CURLOPT_WRITEFUNCTION,
            write: { data, size, count, context in
                guard let data, let context else { return 0 }
                let sink = Unmanaged<ResponseSink>.fromOpaque(context).takeUnretainedValue()
                // Past the limit, answering fewer bytes than given makes libcurl stop the transfer.
                guard sink.data.count + size * count <= sink.limit else {
                    sink.exceeded = true
                    return 0
                }
                sink.data.append(UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: size * count)
                return size * count
            })
        try handle.set(CURLOPT_WRITEDATA, pointer: context)
        try handle.set(
            CURLOPT_HEADERFUNCTION,
            write: { data, size, count, context in
                guard let data, let context else { return 0 }
                let sink = Unmanaged<ResponseSink>.fromOpaque(context).takeUnretainedValue()
                sink.header(UnsafeRawBufferPointer(start: data, count: size * count))
                return size * count
            })
        try handle.set(CURLOPT_HEADERDATA, pointer: context)
        let (code, message) = withExtendedLifetime(sink) { handle.perform() }
        if sink.exceeded { throw HTTPError(url: url, kind: .tooLarge(sink.limit)) }
        switch code {
        case CURLE_OK:
            return HTTPResponse(status: handle.responseCode, body: sink.data, headers: sink.headers)
        case CURLE_OPERATION_TIMEDOUT:
            throw HTTPError(url: url, kind: .timeout(message))
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_CONNECT, CURLE_RECV_ERROR, CURLE_SEND_ERROR,
            CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE:
            throw HTTPError(url: url, kind: .connection(message))
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CACERT_BADFILE:
            throw HTTPError(url: url, kind: .tls(message))
        default:
            throw HTTPError(url: url, kind: .connection(message))
        }
    }

    private func configure(_ handle: EasyHandle, for request: HTTPRequest) throws {
        try handle.set(CURLOPT_URL, request.url)
        try handle.set(CURLOPT_NOSIGNAL, 1)
        try handle.set(CURLOPT_CONNECTTIMEOUT_MS, Int(configuration.connectTimeout * 1000))
        try handle.set(CURLOPT_LOW_SPEED_LIMIT, configuration.lowSpeedLimit)
        try handle.set(CURLOPT_LOW_SPEED_TIME, max(1, Int(configuration.stallTimeout.rounded(.up))))
        try handle.set(CURLOPT_TIMEOUT_MS, Int(configuration.deadline * 1000))
        try handle.set(CURLOPT_SSL_VERIFYPEER, 1)
        try handle.set(CURLOPT_SSL_VERIFYHOST, 2)
        if let caBundle = configuration.caBundle { try handle.set(CURLOPT_CAINFO, caBundle) }
        try handle.set(CURLOPT_USERAGENT, "remission/0.1 (libcurl)")
        if let signature = configuration.awsSignature {
            try signature.configure(handle, for: request)
        } else {
            try handle.set(CURLOPT_NETRC, Int(CURL_NETRC_OPTIONAL.rawValue))
            if let user = configuration.user {
                try handle.set(CURLOPT_USERNAME, user)
                try handle.set(CURLOPT_PASSWORD, configuration.password ?? "")
            }
            // Basic and Digest: CURLAUTH_BASIC | CURLAUTH_DIGEST (macros Swift does not import).
            try handle.set(CURLOPT_HTTPAUTH, 1 | 2)
            // No compressed answers: segments are compressed already, and libcurl would inflate a
            // small gzip bomb into gigabytes before any size check. Without CURLOPT_ACCEPT_ENCODING
            // libcurl decodes nothing, so an unasked-for encoding arrives as bytes that fail
            // authentication, within the size limit.
            // Debian 12's libcurl 7.88 waits for "100 Continue" on uploads unless told not to.
            try handle.setHeaders(request.headers + ["Accept-Encoding: identity", "Expect:"])
        }
        switch request.method {
        case "GET":
            try handle.set(CURLOPT_HTTPGET, 1)
        case "HEAD":
            try handle.set(CURLOPT_NOBODY, 1)
        default:
            try handle.set(CURLOPT_CUSTOMREQUEST, request.method)
        }
        if let body = request.body {
            try handle.set(CURLOPT_POSTFIELDSIZE_LARGE, offset: Int64(body.count))
            try body.withUnsafeBytes { bytes in
                // COPYPOSTFIELDS copies the bytes, so the Data need not outlive this call.
                try handle.set(CURLOPT_COPYPOSTFIELDS, pointer: UnsafeMutableRawPointer(mutating: bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!))
            }
        }
    }

    /// The URL without any user or password in it, for messages and logs.
    ///
    /// People type passwords unencoded, with `@`, `:` or `/` in them, so the usual parse
    /// (userinfo ends at the first `@`) would print part of one. Where the URL may hold
    /// credentials at all, everything up to its last `@` goes, host included if need be.
    public static func redacted(_ url: String) -> String {
        guard hasCredentials(url), let scheme = url.range(of: "://"), let at = url.lastIndex(of: "@") else { return url }
        return String(url[..<scheme.upperBound]) + "…@" + String(url[url.index(after: at)...])
    }

    /// Whether a URL may carry a user or password: an `@` before its path, or a `:` there
    /// that is not followed by a port number.
    public static func hasCredentials(_ url: String) -> Bool {
        guard let scheme = url.range(of: "://") else { return false }
        let rest = url[scheme.upperBound...]
        let authority = rest[..<(rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex)]
        if authority.contains("@") { return true }
        if let colon = authority.lastIndex(of: ":") {
            let port = authority[authority.index(after: colon)...]
            return !port.allSatisfy(\.isNumber) || authority.filter({ $0 == ":" }).count > 1 && !authority.hasPrefix("[")
        }
        return false
    }
}

/// Collects a response body; handed to libcurl's write callback through its context pointer.
private final class ResponseSink {
    let limit: Int
    var data = Data()
    var exceeded = false
    var headers: [String: String] = [:]
    private var headerBytes = 0
    init(limit: Int) { self.limit = limit }

    /// One header line as libcurl hands it over; a status line (after `100 Continue`, or a
    /// retry within libcurl) starts the headers afresh. At most 64 KiB of them are kept.
    func header(_ line: UnsafeRawBufferPointer) {
        headerBytes += line.count
        guard headerBytes <= 64 << 10 else { return }
        let text = String(decoding: line, as: UTF8.self)
        if text.hasPrefix("HTTP/") {
            headers = [:]
            return
        }
        guard let colon = text.firstIndex(of: ":") else { return }
        let name = text[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
        headers[name] = text[text.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
