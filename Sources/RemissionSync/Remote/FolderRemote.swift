import Foundation

/// A folder as a remote: a USB stick, or a folder that Syncthing or Dropbox carries.
///
/// Objects are written to a temporary file and then hard-linked into place, which fails if
/// the name exists: an exclusive create that never shows a half-written object.
public final class FolderRemote: Remote, @unchecked Sendable {
    public let path: String
    private let lock = NSLock()
    private var counts: [String: Int] = [:]

    public init(path: String) {
        var path = path
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        self.path = path
    }

    public var displayURL: String { "file://" + path }

    public var requestCounts: [String: Int] { lock.withLock { counts } }

    private func count(_ kind: String) { lock.withLock { counts[kind, default: 0] += 1 } }

    private func full(_ relative: String) -> String {
        relative.isEmpty ? path : path + "/" + relative
    }

    public func list(_ folder: String, startAfter: String?) throws -> [String]? {
        count("LIST")
        let directory = full(folder.hasSuffix("/") ? String(folder.dropLast()) : folder)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else { return nil }
        guard isDirectory.boolValue else { throw RemoteError("\(directory) is a file, not a folder") }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw RemoteError("cannot read the folder \(directory): \(error.localizedDescription)")
        }
        return names.filter { !$0.hasPrefix(".") }.map { name in
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: directory + "/" + name, isDirectory: &isFolder)
            return isFolder.boolValue ? name + "/" : name
        }.sorted().filter { startAfter == nil || $0 > startAfter! }
    }

    /// No object of a remote is larger than a segment may be (32 MiB).
    public static let maximumObject = 40 << 20

    public func get(_ relative: String) throws -> Data? {
        count("GET")
        let file = full(relative)
        var info = stat()
        guard stat(file, &info) == 0 else {
            if errno == ENOENT { return nil }
            throw RemoteError("cannot read \(file): \(String(cString: strerror(errno)))")
        }
        // A FIFO would block for ever, a device could be endless: only plain files, of a
        // size checked before reading.
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw RemoteError("\(file) is not a plain file; a remission remote holds only files and folders")
        }
        guard Int(info.st_size) <= Self.maximumObject else {
            throw RemoteError(
                "\(file) is \(info.st_size) bytes, more than any remission object can be (\(Self.maximumObject >> 20) MiB); nothing of it was read")
        }
        guard let handle = FileHandle(forReadingAtPath: file) else { throw RemoteError("cannot read \(file)") }
        defer { try? handle.close() }
        let data = try handle.read(upToCount: Self.maximumObject + 1) ?? Data()
        guard data.count <= Self.maximumObject else {
            throw RemoteError("\(file) grew past \(Self.maximumObject >> 20) MiB while it was read; nothing of it was used")
        }
        return data
    }

    public func replace(_ relative: String, data: Data) throws {
        count("PUT")
        let file = full(relative)
        let temporary = file + ".partial-\(UUID().uuidString)"
        guard FileManager.default.createFile(atPath: temporary, contents: data) else {
            throw RemoteError("cannot write \(file)")
        }
        guard rename(temporary, file) == 0 else {
            unlink(temporary)
            throw RemoteError("cannot replace \(file): \(String(cString: strerror(errno)))")
        }
    }

    public func createOnly(_ relative: String, data: Data) throws -> CreateOutcome {
        count("PUT")
        let file = full(relative)
        let directory = (file as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw RemoteError("cannot create the folder \(directory): \(error.localizedDescription)")
        }
        let temporary = directory + "/.partial-\(UUID().uuidString)"
        guard FileManager.default.createFile(atPath: temporary, contents: data) else {
            throw RemoteError("cannot write in \(directory)")
        }
        defer { unlink(temporary) }
        let descriptor = open(temporary, O_RDONLY)
        if descriptor >= 0 { fsync(descriptor); close(descriptor) }
        if link(temporary, file) != 0 {
            if errno == EEXIST { return .alreadyExists }
            throw RemoteError("cannot create \(file): \(String(cString: strerror(errno)))")
        }
        let folder = open(directory, O_RDONLY)
        if folder >= 0 { fsync(folder); close(folder) }
        return .created
    }
}
