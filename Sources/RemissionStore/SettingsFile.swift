import Foundation
import RemissionCore

/// The clinical thresholds a user changed, in `settings.json` next to the journal.
///
/// Only changed keys are kept, so a threshold the user never touched follows the documented
/// default (also when a later version revises it). The file is the user's alone (0600) and is
/// replaced whole, so a crash leaves the old or the new settings, never half of them. It is
/// per journal and per device: settings are not synced.
public struct SettingsFile: Sendable {
    public static let fileName = "settings.json"

    public let path: String

    public init(location: JournalLocation) {
        path = location.directory + "/" + Self.fileName
    }

    /// The keys set in the file, as text; empty when there is no file.
    public func overrides() throws -> [ClinicalSettings.Key: String] {
        guard let data = FileManager.default.contents(atPath: path) else {
            if FileManager.default.fileExists(atPath: path) {
                throw JournalError.unreadable(path: path, reason: "the settings file cannot be read")
            }
            return [:]
        }
        // Decimal, not NSNumber: on Linux an NSNumber 0 or 1 also reads as a Bool.
        let members: [String: JSONNumberOrOther]
        do {
            members = try JSONDecoder().decode([String: JSONNumberOrOther].self, from: data)
        } catch {
            throw JournalError.badSettings(path: path, reason: "it is not a JSON object")
        }
        var result: [ClinicalSettings.Key: String] = [:]
        for (name, value) in members {
            guard let key = ClinicalSettings.Key(rawValue: name) else {
                throw JournalError.badSettings(path: path, reason: "'\(name)' is not a setting")
            }
            guard case .number(let number) = value else {
                throw JournalError.badSettings(path: path, reason: "'\(name)' is not a number")
            }
            result[key] = "\(number)"
        }
        return result
    }

    /// The defaults with the file's changes applied.
    public func load() throws -> ClinicalSettings {
        var settings = ClinicalSettings.defaults
        for (key, text) in try overrides().sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            do {
                try settings.set(key, to: text)
            } catch {
                throw JournalError.badSettings(path: path, reason: error.description)
            }
        }
        return settings
    }

    /// Writes `overrides` (validated by the caller), or removes the file when there are none.
    public func save(_ overrides: [ClinicalSettings.Key: String]) throws {
        guard !overrides.isEmpty else { return try PrivateFile.replace(path, with: nil, what: "the settings file") }
        let body = overrides.sorted { $0.key.rawValue < $1.key.rawValue }
            .map { "  \"\($0.key.rawValue)\": \($0.value)" }.joined(separator: ",\n")
        try PrivateFile.replace(path, with: Data("{\n\(body)\n}\n".utf8), what: "the settings file")
    }
}

/// A settings value: a number, or anything else (named in the error).
private enum JSONNumberOrOther: Decodable {
    case number(Decimal)
    case other

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if (try? container.decode(Bool.self)) != nil { self = .other; return }
        if let number = try? container.decode(Decimal.self) { self = .number(number); return }
        self = .other
    }
}
