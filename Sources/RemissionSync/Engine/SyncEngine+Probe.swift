import Foundation
import Logging
import RemissionStore

extension SyncEngine {
    /// Before the first write to a remote that only promises create-only writes: its probe,
    /// unless the remote's current URL passed it before (remembered in the journal).
    func proveCreateOnly() throws {
        guard remote.needsCreateOnlyProbe, !createOnlyProven else { return }
        guard let record = try journal.remotes().first(where: { $0.name == remoteName }) else {
            throw SyncError.unknownRemote(remoteName)
        }
        if try journal.probedURL(remote: remoteName) != record.url {
            try CreateOnlyProbe.prove(remote)
            try journal.setProbedURL(remote: remoteName, url: record.url)
            logger.info("the remote refuses to overwrite: create-only writes are safe there")
        }
        createOnlyProven = true
    }
}
