import Foundation

/// Credentials and region for an S3 remote, found the way the AWS CLI finds them.
///
/// Credentials: `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY` (with `AWS_SESSION_TOKEN`),
/// else the profile `AWS_PROFILE` (else `default`) of `~/.aws/credentials`
/// (`AWS_SHARED_CREDENTIALS_FILE`), else of `~/.aws/config` (`AWS_CONFIG_FILE`). Region: the
/// remote's own, `AWS_REGION`, `AWS_DEFAULT_REGION`, the profile's `region` in
/// `~/.aws/config`, else `us-east-1`. The environment and the home directory are passed in,
/// so tests never read the real ones. Nothing here is ever stored or printed but the key id.
public struct S3Credentials: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    public var accessKeyID: String
    var secretAccessKey: String
    var sessionToken: String?

    /// The key id only: the secret and the token never reach a message or a log.
    public var description: String { "S3 credentials of access key \(accessKeyID)" }
    public var debugDescription: String { description }

    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }

    static func profile(_ environment: [String: String]) -> String {
        environment["AWS_PROFILE"].flatMap { $0.isEmpty ? nil : $0 } ?? "default"
    }

    static func credentialsFile(_ environment: [String: String], home: String) -> String {
        environment["AWS_SHARED_CREDENTIALS_FILE"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.aws/credentials"
    }

    static func configFile(_ environment: [String: String], home: String) -> String {
        environment["AWS_CONFIG_FILE"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.aws/config"
    }

    /// The credentials to sign with, or an error that says where they were looked for.
    public static func resolve(environment: [String: String], home: String) throws -> S3Credentials {
        if let key = environment["AWS_ACCESS_KEY_ID"], !key.isEmpty {
            guard let secret = environment["AWS_SECRET_ACCESS_KEY"], !secret.isEmpty else {
                throw RemoteError("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not: set both (or neither, to use ~/.aws/credentials)")
            }
            return S3Credentials(
                accessKeyID: key, secretAccessKey: secret,
                sessionToken: environment["AWS_SESSION_TOKEN"].flatMap { $0.isEmpty ? nil : $0 })
        }
        let profile = profile(environment)
        let files = [
            (credentialsFile(environment, home: home), profile),
            (configFile(environment, home: home), profile == "default" ? "default" : "profile " + profile)
        ]
        for (file, section) in files {
            guard let values = try IniFile.section(section, of: file) else { continue }
            if let key = values["aws_access_key_id"], !key.isEmpty {
                guard let secret = values["aws_secret_access_key"], !secret.isEmpty else {
                    throw RemoteError("\(file) [\(section)] has aws_access_key_id but no aws_secret_access_key: add it")
                }
                return S3Credentials(accessKeyID: key, secretAccessKey: secret, sessionToken: values["aws_session_token"])
            }
        }
        throw RemoteError(
            """
            no S3 credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or put aws_access_key_id and \
            aws_secret_access_key in \(files[0].0) under [\(profile)] (AWS_PROFILE chooses the profile)
            """)
    }

    /// The region to sign for when the remote names none.
    public static func region(environment: [String: String], home: String) -> String {
        for name in ["AWS_REGION", "AWS_DEFAULT_REGION"] {
            if let region = environment[name], !region.isEmpty { return region }
        }
        let profile = profile(environment)
        let section = profile == "default" ? "default" : "profile " + profile
        if let values = try? IniFile.section(section, of: configFile(environment, home: home)), let region = values["region"], !region.isEmpty {
            return region
        }
        return "us-east-1"
    }
}

/// The INI files of the AWS CLI: `[section]` lines, then `name = value` lines; `#` and `;`
/// start comments. Nested (indented) values, used only for s3 settings, are skipped.
enum IniFile {
    /// The named section's values (names lower-cased), nil when the file or section is absent.
    static func section(_ wanted: String, of path: String) throws -> [String: String]? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path), data.count <= 1 << 20 else {
            throw RemoteError("cannot read \(path): it is unreadable or larger than 1 MiB")
        }
        return section(wanted, in: String(decoding: data, as: UTF8.self))
    }

    static func section(_ wanted: String, in text: String) -> [String: String]? {
        var current: String?
        var values: [String: String]?
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") && line.hasSuffix("]") {
                current = line.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
                    .split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
                if current == wanted && values == nil { values = [:] }
                continue
            }
            guard current == wanted, raw.first?.isWhitespace != true, let equals = line.firstIndex(of: "=") else { continue }
            let name = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            values?[name] = value
        }
        return values
    }
}
