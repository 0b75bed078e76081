import Foundation

/// The checkout the tests run from: its scripts, fixtures and virtual environments.
public enum Repository {
    /// The package's root folder (this file is Tests/RemissionTestSupport/Repository.swift).
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A file or folder below the root, by its relative path.
    public static func path(_ relative: String) -> String {
        root.appendingPathComponent(relative).path
    }
}
