import Foundation
import RemissionCore
import RemissionFormats
import RemissionReports

/// A desktop notification through `notify-send` (libnotify), for `remission due --notify`.
///
/// Run directly (no shell), found on PATH; when it is missing the user is told how to get it,
/// and nothing else fails: a reminder must never break the script that asked for it.
enum DesktopNotification {
    /// The most items named in one notification; the rest are counted.
    static let shownItems = 5

    static func send(_ items: [DueItem]) {
        guard !items.isEmpty else { return }
        guard let program = executable(named: "notify-send") else {
            printError("notify-send is not installed, so no notification was sent (Debian and Ubuntu: `sudo apt install libnotify-bin`).")
            return
        }
        let overdue = items.filter { $0.status == .overdue }.count
        let title =
            "remission: \(items.count) follow-up item\(items.count == 1 ? "" : "s") "
            + (overdue > 0 ? "due or overdue" : "due")
        var lines = items.prefix(shownItems).map { "\($0.status.rawValue): \($0.what)" }
        if items.count > shownItems { lines.append("and \(items.count - shownItems) more: `remission due`") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = ["--app-name=remission", title, lines.joined(separator: "\n")]
        do {
            try process.run()
            process.waitUntilExit()
            if process.terminationStatus != 0 {
                printError("notify-send exited with status \(process.terminationStatus); the notification may not have been shown.")
            }
        } catch {
            printError("notify-send could not be started (\(error.localizedDescription)); no notification was sent.")
        }
    }

    /// The first executable `name` in the directories of PATH.
    static func executable(named name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
