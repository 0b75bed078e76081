#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Journal {
    /// An exclusive hold on one activity of a journal (a sync) across processes, released
    /// when the value goes away or the process ends: `flock(2)` on a file in the journal's
    /// directory, so a crashed holder never leaves it taken.
    public final class ActivityLock: Sendable {
        private let descriptor: Int32

        init(descriptor: Int32) { self.descriptor = descriptor }

        deinit {
            flock(descriptor, LOCK_UN)
            close(descriptor)
        }
    }

    /// Takes the lock named `name`, or returns nil when another process holds it.
    public func tryLock(_ name: String) throws -> ActivityLock? {
        guard location.directory != ":memory:" else { return ActivityLock(descriptor: -1) }
        let path = location.directory + "/" + name + ".lock"
        let descriptor = Glibc.open(path, O_CREAT | O_RDWR | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else {
            throw JournalError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let busy = errno == EWOULDBLOCK
            let reason = String(cString: strerror(errno))
            close(descriptor)
            if busy { return nil }
            throw JournalError.unreadable(path: path, reason: reason)
        }
        return ActivityLock(descriptor: descriptor)
    }
}
