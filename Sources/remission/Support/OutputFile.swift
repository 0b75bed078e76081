import Foundation

/// Writes a file the user asked for: private (0600), never over an existing file unless
/// asked, and whole or not at all (a temporary file renamed into place).
enum OutputFile {
    static func write(_ data: Data, to path: String, replace: Bool) throws {
        if !replace && FileManager.default.fileExists(atPath: path) {
            throw CommandFailure(status: ExitStatus.cannotCreate, message: "\(path) exists already; use --force to replace it. Nothing was written.")
        }
        let temporary = path + ".partial-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw CommandFailure(status: ExitStatus.ioError, message: "cannot write \(path); nothing was written.")
        }
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw CommandFailure(status: ExitStatus.ioError, message: "cannot write \(path): \(String(cString: strerror(errno))).")
        }
    }
}
