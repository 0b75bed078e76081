import ArgumentParser
import Foundation
import Logging
import RemissionCore

/// The `remission` command: a thin shell over RemissionStore and RemissionReports.
///
/// Every command names itself (`commandName:`): ArgumentParser builds the whole command tree
/// on every run, and derives a missing name from the type's name through the runtime's
/// conformance scan, which costs a `remission log` more than its database write.
@main
struct Remission: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remission",
        abstract: "A health journal for follow-up after CAR-T cell therapy in autoimmune disease.",
        discussion: """
            Keeps symptoms, lab results, medications and clinical events on one timeline \
            counted from the infusion (day 0), in a private SQLite journal.

            Dates: YYYY-MM-DD, today, yesterday, -3d (three days ago), d+30 (30 days after \
            the infusion).

            --journal DIR and --json may also come before the command: `remission \
            --journal DIR list` is `remission list --journal DIR`.

            \(ExitStatus.discussion)
            """,
        version: "0.1.0",
        groupedSubcommands: [
            CommandGroup(name: "Record", subcommands: [Init.self, Log.self, Lab.self, Med.self, Event.self, Assess.self]),
            CommandGroup(name: "Review", subcommands: [List.self, Show.self, History.self, Summary.self, Trend.self, Report.self, Config.self]),
            CommandGroup(name: "Follow-up", subcommands: [Due.self, Plan.self]),
            CommandGroup(name: "Correct", subcommands: [Edit.self, Delete.self, Restore.self]),
            CommandGroup(name: "Sync", subcommands: [Sync.self, Join.self, RemoteCommand.self, Devices.self, Conflicts.self, Passphrase.self]),
            CommandGroup(name: "Data", subcommands: [Export.self, Import.self, Check.self])
        ]
    )

    /// Runs the command, mapping the journal's errors to one message and a sysexits status.
    static func main() {
        umask(0o077)  // every file remission creates is the user's alone
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            // Logs carry ids and counts, never health data; quiet unless asked for.
            handler.logLevel = ProcessInfo.processInfo.environment["REMISSION_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .warning
            return handler
        }
        do {
            let words = Array(CommandLine.arguments.dropFirst())
            if let log = LogFastPath.request(words) {
                try log.run()
                return
            }
            var command = try parse(CommandLineWords.movingGlobalOptions(words, root: self))
            try command.run()
        } catch {
            if let (status, message) = ExitStatus.classify(error) {
                // A message may quote what was typed or synced: nothing in it may act on a terminal.
                printError("Error: " + EntryText.visible(message, keepingLineBreaks: true))
                Foundation.exit(status)
            }
            exit(withError: error)
        }
    }

    /// Parses the words; when they do not parse and hold a negative number, parses them
    /// again with it read as a value (``CommandLineWords/negativeNumbersAsValues(_:)``).
    /// A help or version request is not a failure and is never read again.
    private static func parse(_ words: [String]) throws -> any ParsableCommand {
        do {
            return try parseAsRoot(words)
        } catch {
            guard exitCode(for: error) != .success, let again = CommandLineWords.negativeNumbersAsValues(words) else { throw error }
            return try parseAsRoot(again)
        }
    }
}
