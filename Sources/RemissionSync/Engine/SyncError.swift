/// Why a sync, join or passphrase change stopped. Each says what to do next; none holds a
/// passphrase, a key or health data.
public enum SyncError: Error, Sendable, CustomStringConvertible {
    case wrongPassphrase
    case syncRunning
    case noPassphrase
    /// The first sync's new passphrase and its confirmation differ.
    case passphrasesDiffer(String)
    /// Plain HTTP to another machine with a password, not allowed explicitly.
    case insecureHTTP(url: String, source: String)
    case unknownRemote(String)
    case noRemote
    /// The remote folder holds files but no journal.json.
    case notAJournal(String)
    /// `join` on a URL with nothing there.
    case noJournalAt(String)
    case otherJournal(url: String, remote: String, local: String)
    /// Another copy of this journal file pushes under this device's identity.
    case clonedDevice(device: String, url: String)
    /// A segment that failed a check; nothing from it was applied.
    case badSegment(path: String, reason: String)
    case missingSegment(device: String, sequence: Int64, url: String)
    /// What the remote returns after a write is not what was written.
    case notStoredAsWritten(path: String, url: String)

    public var description: String {
        switch self {
        case .syncRunning:
            return "another sync of this journal is running; wait for it to finish, then sync again"
        case .wrongPassphrase:
            return "the passphrase does not open this journal; nothing was changed."
        case .noPassphrase:
            return "a passphrase is needed: type it at the prompt, or give --passphrase-file FILE or REMISSION_PASSPHRASE."
        case .passphrasesDiffer(let url):
            return
                "the new passphrase and its confirmation differ; nothing was written to \(url) and no key was kept. Sync again and type the same new passphrase twice: every device that joins will need it."
        case .insecureHTTP(let url, let source):
            return
                "URL '\(url)' is plain HTTP to another machine, and a password for it is set (\(source)): the password and the journal's metadata (file names, sizes, times) would travel unencrypted. The journal's content is end-to-end encrypted; the password is not. Use https://, or set \(RemoteFactory.allowInsecureHTTPVariable)=1 to send it over HTTP anyway. Nothing was written."
        case .unknownRemote(let name):
            return "no remote named '\(name)'; `remission remote list` shows the remotes."
        case .noRemote:
            return "this journal has no remote yet: `remission remote add NAME URL` adds one."
        case .notAJournal(let url):
            return "\(url) is not empty and holds no remission journal; choose an empty folder or the URL of a synced journal. Nothing was written."
        case .noJournalAt(let url):
            return "there is no remission journal at \(url) (no journal.json); check the URL, or sync from the first device to create it."
        case .otherJournal(let url, let remote, let local):
            return
                "\(url) holds another journal (\(remote.prefix(8))), not this one (\(local.prefix(8))); to read it, `remission join \(url) --journal NEW-DIR`."
        case .clonedDevice(let device, let url):
            return """
                \(url) already holds different changes under this device's identity (\(device.prefix(8))): \
                this journal file was copied from another device, and both copies have written. \
                Nothing was lost. Run `remission sync --new-device-id` here to give this copy its own \
                identity; its unsynced changes are kept and pushed under the new one.
                """
        case .badSegment(let path, let reason):
            return "\(path): \(reason); nothing from it was applied. Other devices' segments were still pulled."
        case .notStoredAsWritten(let path, let url):
            return
                "\(url) did not return the \(path) just written; the passphrase may not have changed there. Run the command again; if it fails again, the remote is not storing files faithfully."
        case .missingSegment(let device, let sequence, let url):
            return
                "segment \(sequence) of device \(device.prefix(8)) is missing from \(url) although later ones exist; nothing after it was applied. Sync that device again."
        }
    }
}
