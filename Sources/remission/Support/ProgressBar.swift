import Foundation

/// A one-line progress bar on standard error, for long pulls on a terminal.
final class ProgressBar: @unchecked Sendable {
    let enabled: Bool
    private var shown = false
    init(enabled: Bool) { self.enabled = enabled }

    func update(_ done: Int, of total: Int) {
        guard enabled, total >= 20 else { return }
        let width = 30
        let filled = width * done / max(total, 1)
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        FileHandle.standardError.write(Data("\rpulling \(bar) \(done)/\(total) segment\(total == 1 ? "" : "s")".utf8))
        shown = true
    }

    func finish() {
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
