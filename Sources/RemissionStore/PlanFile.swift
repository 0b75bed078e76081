import Foundation
import RemissionCore

/// A journal's changes to the default follow-up plan, in `plan.json` next to the journal.
///
/// Kept like the settings (``SettingsFile``), and for the same reasons: only what the user
/// changed is stored, so untouched series follow the documented defaults; the file is the
/// user's alone (0600) and replaced whole, so a crash leaves the old or the new plan. It is
/// per journal and per device: like the settings, the plan is not synced.
public struct PlanFile: Sendable {
    public static let fileName = "plan.json"

    public let path: String

    public init(location: JournalLocation) {
        path = location.directory + "/" + Self.fileName
    }

    /// The edits in the file; none when there is no file.
    public func load() throws -> PlanEdits {
        guard let data = FileManager.default.contents(atPath: path) else {
            if FileManager.default.fileExists(atPath: path) {
                throw JournalError.unreadable(path: path, reason: "the plan file cannot be read")
            }
            return PlanEdits()
        }
        let edits: PlanEdits
        do {
            edits = try JSONDecoder().decode(PlanEdits.self, from: data)
        } catch {
            throw JournalError.badPlan(path: path, reason: "it is not a plan as `remission plan` writes it")
        }
        do {
            try edits.validate()
        } catch {
            throw JournalError.badPlan(path: path, reason: error.description)
        }
        return edits
    }

    /// The plan in effect: the defaults with the file's edits.
    public func plan() throws -> FollowUpPlan {
        FollowUpPlan(edits: try load())
    }

    /// Writes `edits` (validated by the caller), or removes the file when there are none.
    public func save(_ edits: PlanEdits) throws {
        guard !edits.isEmpty else { return try PrivateFile.replace(path, with: nil, what: "the plan file") }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        try PrivateFile.replace(path, with: try encoder.encode(edits) + Data("\n".utf8), what: "the plan file")
    }
}
