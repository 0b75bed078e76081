#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where a journal lives: a directory private to the user holding `journal.sqlite`.
public struct JournalLocation: Sendable, Hashable, CustomStringConvertible {
    public static let databaseFileName = "journal.sqlite"

    public let directory: String

    public init(directory: String) {
        var path = directory
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        self.directory = path
    }

    public var databasePath: String { directory + "/" + Self.databaseFileName }

    public var description: String { directory }

    /// The journal to use: `--journal DIR`, else `REMISSION_HOME`, else
    /// `$XDG_DATA_HOME/remission`, else `~/.local/share/remission`.
    public static func resolve(explicit: String?, environment: [String: String]) -> JournalLocation {
        if let explicit, !explicit.isEmpty { return JournalLocation(directory: explicit) }
        if let home = environment["REMISSION_HOME"], !home.isEmpty { return JournalLocation(directory: home) }
        if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") {
            return JournalLocation(directory: data + "/remission")
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "."
        return JournalLocation(directory: home + "/.local/share/remission")
    }

    var exists: Bool { access(databasePath, F_OK) == 0 }

    /// The directory's permission bits when other users may enter or list it, else nil.
    /// remission never changes the mode of a directory it did not create (it may be `/tmp`
    /// or a link), so `init` and `check` say so instead.
    public var directoryModeOpenToOthers: String? {
        var info = stat()
        guard stat(directory, &info) == 0, info.st_mode & 0o077 != 0 else { return nil }
        return String(info.st_mode & 0o7777, radix: 8)
    }
}
