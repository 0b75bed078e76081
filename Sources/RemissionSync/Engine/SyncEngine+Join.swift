import Crypto
import Foundation
import Logging
import RemissionCore
import RemissionStore

extension SyncEngine {
    /// A new device joins a synced journal: checks the passphrase against journal.json
    /// before creating anything, creates the journal with the remote's journal id, keeps
    /// the key, and pulls every segment.
    public static func join(
        url: String, at location: JournalLocation, remoteName: String, deviceName: String,
        environment: [String: String], passphrase: () throws -> String,
        logger: Logger = Logger(label: "remission.sync"), progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws -> (journal: Journal, report: SyncReport) {
        let remote = try RemoteFactory.remote(for: url, environment: environment)
        if FileManager.default.fileExists(atPath: location.databasePath) {
            throw JournalError.alreadyExists(path: location.databasePath)
        }
        guard let data = try remote.get(journalFile) else { throw SyncError.noJournalAt(remote.displayURL) }
        let manifest = try JournalManifest.decode(data, from: remote.displayURL)
        let key = try manifest.unwrap(passphrase: try passphrase())
        let journal = try Journal.create(
            at: location, journalID: manifest.journal, deviceName: deviceName,
            setup: { journal in
                try journal.addRemote(name: remoteName, url: url)
                try journal.setJournalKey(remote: remoteName, key: key.withUnsafeBytes { Data($0) })
            })
        let engine = SyncEngine(
            journal: journal, remoteName: remoteName, remote: remote, environment: environment,
            passphrase: { throw SyncError.noPassphrase }, logger: logger, progress: progress)
        return (journal, try engine.sync())
    }
}
