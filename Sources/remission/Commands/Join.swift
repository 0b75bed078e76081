import ArgumentParser
import Foundation
import RemissionCore
import RemissionFormats
import RemissionReports
import RemissionStore
import RemissionSync

extension Remission {
    struct Join: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "join",
            abstract: "Join a journal synced by another device: a new journal here, pulled from the remote.",
            discussion: """
                Asks for the journal's passphrase, then downloads and checks every segment. The \
                remote is added under the name 'origin' (or --name).

                Examples:
                  $ remission join https://cloud.example.org/dav/remission --journal ~/journal
                  $ remission join s3://my-bucket/remission --region eu-central-1
                """)

        @OptionGroup var options: JournalOptions
        @Argument(help: "The remote's URL: s3://BUCKET/PREFIX, https://… (WebDAV), file:///… or a folder.")
        var url: String
        @OptionGroup var s3: S3Options
        @Option(help: "The name of the remote in this journal.")
        var name = "origin"
        @Option(name: .customLong("device-name"), help: "A name for this device (default: the host name).")
        var deviceName: String?
        @Option(name: .customLong("passphrase-file"), help: "Read the passphrase from this file.", completion: .file())
        var passphraseFile: String?

        func run() throws {
            let context = try CommandContext(options)
            let normalized = try SyncCommand.normalize(url, s3: s3)
            let bar = ProgressBar(enabled: !context.json && isatty(STDERR_FILENO) == 1)
            defer { bar.finish() }
            let input = PassphraseInput(file: passphraseFile)
            let existed = FileManager.default.fileExists(atPath: context.location.databasePath)
            var finished = false
            defer {
                // Created here, but the first pull did not finish: `sync` continues it, and
                // joining again would find a journal in the way.
                if !existed, FileManager.default.fileExists(atPath: context.location.databasePath), !finished {
                    printError(
                        "The journal was created at \(context.location.directory), but not all of it arrived; "
                            + "`remission sync --journal \(context.location.directory)` finishes the download.")
                }
            }
            let (journal, report) = try SyncEngine.join(
                url: normalized, at: context.location, remoteName: name,
                deviceName: try EntryText.label(deviceName, field: "--device-name") ?? Journal.hostName(),
                environment: ProcessInfo.processInfo.environment, passphrase: { try input.read() },
                progress: { done, total in bar.update(done, of: total) })
            finished = report.problems.isEmpty
            guard let record = try journal.remotes().first(where: { $0.name == name }) else { throw SyncError.unknownRemote(name) }
            try SyncCommand.print(report, remote: record, context: context)
        }
    }
}
