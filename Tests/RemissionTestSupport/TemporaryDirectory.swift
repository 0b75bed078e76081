import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A fresh directory under the system's temporary directory, private to this user (0700, as
/// `mkdtemp` makes it), removed with everything in it when the value goes.
public final class TemporaryDirectory: Sendable {
    /// The directory's absolute path.
    public let path: String

    /// The directory as a file URL.
    public var url: URL { URL(fileURLWithPath: path, isDirectory: true) }

    /// Creates the directory `remission-<label>-XXXXXX`.
    ///
    /// - Parameters:
    ///   - label: a word in the directory's name, so that a leftover says which tests made it.
    ///   - inMemory: use /dev/shm when there is one, for tests that write many small
    ///     transactions and do not test durability (no fsync cost).
    public init(_ label: String = "test", inMemory: Bool = false) {
        var base = NSTemporaryDirectory().hasSuffix("/") ? NSTemporaryDirectory() : NSTemporaryDirectory() + "/"
        if inMemory, access("/dev/shm", W_OK) == 0 { base = "/dev/shm/" }
        var template = Array((base + "remission-\(label)-XXXXXX").utf8CString)
        let created = template.withUnsafeMutableBufferPointer { buffer in mkdtemp(buffer.baseAddress!) }
        precondition(created != nil, "mkdtemp failed in \(base): \(String(cString: strerror(errno)))")
        path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// A path inside this directory (nothing is created).
    public func appending(_ name: String) -> URL {
        url.appendingPathComponent(name)
    }
}
