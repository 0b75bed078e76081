import ArgumentParser
import Foundation
import RemissionCore
import RemissionFormats
import RemissionReports
import RemissionStore
import RemissionSync

extension Remission {
    struct Sync: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sync",
            abstract: "Push this device's changes to a remote, then pull the other devices'.",
            discussion: """
                Everything on the remote is encrypted with the journal key, which the \
                passphrase unlocks; the remote sees sizes and counts, never health data. The \
                first sync with an empty remote creates the journal there and asks for a new \
                passphrase twice; if the two differ, nothing is written (on the remote or in \
                the journal) and the sync stops. A passphrase from --passphrase-file or \
                REMISSION_PASSPHRASE is taken as it is, once: a script sets it deliberately. \
                Later syncs use the key kept in the journal (mode 0600).

                Credentials for a WebDAV server come from ~/.netrc or REMISSION_REMOTE_USER and \
                REMISSION_REMOTE_PASSWORD; REMISSION_CA_BUNDLE names a CA file for a \
                self-hosted server. Plain http:// to another machine with a password set for it \
                is refused before any request (the password and the journal's metadata would \
                travel unencrypted) unless REMISSION_ALLOW_INSECURE_HTTP=1; localhost, \
                127.0.0.1 and ::1 are always allowed. For S3, from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY \
                (and AWS_SESSION_TOKEN), else ~/.aws/credentials (profile AWS_PROFILE or \
                default). Before its first write to a WebDAV or S3 remote, remission checks that \
                the server refuses to overwrite an object (If-None-Match: *).

                Examples:
                  $ remission remote add home https://cloud.example.org/remote.php/dav/files/me/remission
                  $ remission remote add cloud s3://my-bucket/remission --region eu-central-1
                  $ remission sync
                  $ remission sync home --passphrase-file ~/.config/remission/passphrase
                """)

        @OptionGroup var options: JournalOptions
        @Argument(help: "The remote (default: the only one).")
        var remote: String?
        @Option(name: .customLong("passphrase-file"), help: "Read the passphrase from this file.", completion: .file())
        var passphraseFile: String?
        @Flag(name: .customLong("new-device-id"), help: "Give this copy of the journal its own device identity (after a copied journal file was detected).")
        var newDeviceID = false

        func run() throws {
            let context = try CommandContext(options)
            let journal = try context.openJournal()
            let remote = try SyncCommand.pick(remote, in: journal)
            if newDeviceID {
                let confirmed = try journal.chainPositions(remote: remote.name)[try journal.identity().deviceID]?.counter ?? 0
                let (old, new, moved) = try journal.giveNewDeviceIdentity(confirmedCounter: confirmed)
                printError("This copy is now device \(new.prefix(8)) (was \(old.prefix(8))); \(counted(moved, "unsynced change")) moved to it.")
            }
            let dayZero = try journal.infusionDate()
            let report = try SyncCommand.run(journal: journal, remote: remote, passphrase: PassphraseInput(file: passphraseFile), json: context.json)
            try SyncCommand.print(report, remote: remote, context: context)
            // Another device recorded, moved or deleted an infusion: every day +N moves with it.
            context.say(try journal.dayZeroChange(since: dayZero, today: context.today), from: "from another device, ")
        }
    }
}

/// Shared by `sync` and `join`.
enum SyncCommand {
    static func normalize(_ url: String, s3: S3Options = S3Options()) throws -> String {
        do {
            return try RemoteFactory.normalized(
                url, endpoint: s3.endpointURL, region: s3.region, environment: ProcessInfo.processInfo.environment)
        } catch let error as RemoteError {
            throw InputError(
                field: "URL", value: HTTPClient.redacted(url), reason: error.description,
                accepted: "s3://BUCKET/PREFIX, https://… (WebDAV), file:///… or a folder path")
        }
    }

    static func pick(_ name: String?, in journal: Journal) throws -> Journal.RemoteRecord {
        let remotes = try journal.remotes()
        if let name {
            guard let remote = remotes.first(where: { $0.name == name }) else { throw SyncError.unknownRemote(name) }
            return remote
        }
        guard let first = remotes.first else { throw SyncError.noRemote }
        guard remotes.count == 1 else {
            throw ValidationError("This journal has \(remotes.count) remotes (\(remotes.map(\.name).joined(separator: ", "))); name the one to sync.")
        }
        return first
    }

    static func run(journal: Journal, remote record: Journal.RemoteRecord, passphrase: PassphraseInput, json: Bool) throws -> SyncReport {
        let environment = ProcessInfo.processInfo.environment
        let remote = try RemoteFactory.remote(for: record.url, environment: environment)
        let bar = ProgressBar(enabled: !json && isatty(STDERR_FILENO) == 1)
        let engine = SyncEngine(
            journal: journal, remoteName: record.name, remote: remote, environment: environment,
            passphrase: { request in try passphrase.read(for: request) },
            progress: { done, total in bar.update(done, of: total) })
        defer { bar.finish() }
        return try engine.sync()
    }

    static func print(_ report: SyncReport, remote: Journal.RemoteRecord, context: CommandContext) throws {
        if context.json {
            struct Output: Encodable {
                let remote: String
                let pushed: Int
                let pulled: Int
                let devices: Int
                let conflicts: Int
                let problems: [String]
            }
            Swift.print(
                try JSONOutput.encode(
                    Output(
                        remote: remote.name, pushed: report.pushedOperations, pulled: report.pulledOperations,
                        devices: report.pulledDevices, conflicts: report.conflicts, problems: report.problems.map(\.description))))
        } else {
            Swift.print(
                "Synced with \(remote.name): pushed \(report.pushedOperations), pulled \(report.pulledOperations) from \(counted(report.pulledDevices, "device")), conflicts \(report.conflicts)."
            )
            if report.conflicts > 0 { Swift.print("`remission conflicts` lists them.") }
            if report.clashes > 0 {
                printError(
                    "Warning: \(counted(report.clashes, "operation")) arrived with a second, different body (a forged relay, or a copied device); every device keeps the same one. `remission check` lists them."
                )
            }
        }
        if !report.problems.isEmpty {
            for problem in report.problems { printError("Error: " + problem.description) }
            throw ExitCode(ExitStatus.dataError)
        }
    }
}
