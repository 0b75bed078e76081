import Foundation

/// A small file beside the journal (settings, the follow-up plan), private to the user and
/// replaced whole: written to a temporary name with mode 0600 and renamed over the old one,
/// so that a reader never sees half of it.
enum PrivateFile {
    /// Writes `data` to `path`, or removes the file when `data` is nil.
    ///
    /// - Parameter what: what the file holds, for the error ("the settings file").
    static func replace(_ path: String, with data: Data?, what: String) throws {
        guard let data else {
            if unlink(path) != 0 && errno != ENOENT {
                throw JournalError.unreadable(path: path, reason: String(cString: strerror(errno)))
            }
            return
        }
        let temporary = path + ".partial-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw JournalError.unreadable(path: path, reason: "cannot write \(what)")
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw JournalError.unreadable(path: path, reason: reason)
        }
    }
}
