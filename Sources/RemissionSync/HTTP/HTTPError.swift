/// A request that failed: names the URL (without credentials), what went wrong, and what
/// to do. Never contains a password or the request body.
public struct HTTPError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The server answered with this status.
        case status(Int)
        /// No answer in time, or too slow for too long.
        case timeout(String)
        /// The connection was refused, reset or broke off.
        case connection(String)
        /// TLS verification failed.
        case tls(String)
        /// libcurl itself could not be set up.
        case setup(String)
        /// The answer was larger than any remission object can be.
        case tooLarge(Int)
    }

    public let url: String
    public let kind: Kind
    /// How many attempts were made (retries included).
    public var attempts: Int = 1
    /// The server's own name for the error, such as S3's `SignatureDoesNotMatch`.
    public var serverCode: String?
    /// What to do about it, when the server's code says more than the status.
    public var advice: String?

    public init(url: String, kind: Kind, attempts: Int = 1, serverCode: String? = nil, advice: String? = nil) {
        self.url = url
        self.kind = kind
        self.attempts = attempts
        self.serverCode = serverCode
        self.advice = advice
    }

    public var isTooLarge: Bool {
        if case .tooLarge = kind { return true }
        return false
    }

    public var status: Int? {
        if case .status(let status) = kind { return status }
        return nil
    }

    public var description: String {
        let tries = attempts > 1 ? " (after \(attempts) attempts)" : ""
        if case .status(let status) = kind, let advice {
            return "\(url) answered \(status)\(serverCode.map { " " + $0 } ?? "")\(tries): \(advice)"
        }
        switch kind {
        case .status(401), .status(403):
            return
                "\(url) answered \(status!) (not allowed)\(tries): check the user and password in ~/.netrc or REMISSION_REMOTE_USER and REMISSION_REMOTE_PASSWORD."
        case .status(404):
            return "\(url) answered 404 (not found)\(tries): check the remote's URL."
        case .status(let status) where status >= 500:
            return "\(url) answered \(status) (server error)\(tries): the server is failing; try again later."
        case .status(let status):
            return "\(url) answered \(status)\(tries)."
        case .timeout(let detail):
            return "\(url) did not answer in time\(tries) (\(detail)): check the network, or try again later."
        case .connection(let detail):
            return "cannot reach \(url)\(tries) (\(detail)): check the network and the remote's URL."
        case .tls(let detail):
            return "cannot verify \(url)\(tries) (\(detail)): for a self-hosted server with its own certificate, give its CA with REMISSION_CA_BUNDLE=FILE."
        case .setup(let detail):
            return "cannot send a request to \(url): \(detail)."
        case .tooLarge(let limit):
            return
                "\(url) sent more than \(limit >> 20) MiB, more than any remission object can be: the remote is not what it should be; nothing of it was used."
        }
    }
}
