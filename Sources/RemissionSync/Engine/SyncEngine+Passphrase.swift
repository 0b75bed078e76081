import Crypto
import Foundation
import RemissionStore

extension SyncEngine {
    /// Wraps the journal key in journal.json under a new passphrase. Segments stay as they are:
    /// other devices keep syncing with the key they hold; a device that joins later needs the
    /// new passphrase.
    ///
    /// The current passphrase comes through `passphrase(.unlock)`; `newPassphrase` asks for the
    /// new one (confirmed by whoever asks). The file is read back and opened with the new
    /// passphrase before this returns: a remote that stored something else is caught now, not
    /// by the next device to join.
    public func changePassphrase(to newPassphrase: () throws -> String) throws {
        guard let data = try remote.get(Self.journalFile) else { throw SyncError.noJournalAt(remote.displayURL) }
        var manifest = try JournalManifest.decode(data, from: remote.displayURL)
        let key = try manifest.unwrap(passphrase: try passphrase(.unlock))
        let fresh = try newPassphrase()
        try manifest.wrap(key, passphrase: fresh)
        // The first write to this remote may be this one: prove create-only first, as a sync does.
        try proveCreateOnly()
        try remote.replace(Self.journalFile, data: try manifest.encoded())
        let stored = try remote.get(Self.journalFile).map { try JournalManifest.decode($0, from: remote.displayURL) }
        let reopened = try? stored?.unwrap(passphrase: fresh)
        guard let reopened, reopened.withUnsafeBytes({ Data($0) }) == key.withUnsafeBytes({ Data($0) }) else {
            throw SyncError.notStoredAsWritten(path: Self.journalFile, url: remote.displayURL)
        }
    }
}
