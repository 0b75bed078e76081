import ArgumentParser
import Foundation
import RemissionReports
import RemissionStore
import RemissionSync

extension Remission {
    struct Passphrase: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "passphrase",
            abstract: "Change the passphrase of a synced journal.",
            discussion: """
                Only the journal key's wrapping in journal.json changes; segments stay as they \
                are. Other devices keep syncing with the key they hold; a device that joins \
                later uses the new passphrase.

                Example:
                  $ remission passphrase change
                """,
            subcommands: [Change.self])

        struct Change: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "change", abstract: "Set a new passphrase (asks for the current one first).",
                discussion: """
                    Example:
                      $ remission passphrase change home
                    """)
            @OptionGroup var options: JournalOptions
            @Argument(help: "The remote (default: the only one).") var remote: String?
            @Option(name: .customLong("passphrase-file"), help: "Read the current passphrase from this file.") var passphraseFile: String?
            @Option(name: .customLong("new-passphrase-file"), help: "Read the new passphrase from this file.") var newPassphraseFile: String?

            func run() throws {
                let context = try CommandContext(options)
                let journal = try context.openJournal()
                let record = try SyncCommand.pick(remote, in: journal)
                let remote = try RemoteFactory.remote(for: record.url, environment: ProcessInfo.processInfo.environment)
                guard let data = try remote.get(SyncEngine.journalFile) else { throw SyncError.noJournalAt(remote.displayURL) }
                var manifest = try JournalManifest.decode(data, from: remote.displayURL)
                let key = try manifest.unwrap(passphrase: try PassphraseInput(file: passphraseFile).read(prompt: "Current passphrase: "))
                let fresh: String
                if let newPassphraseFile {
                    fresh = try PassphraseInput(file: newPassphraseFile).read()
                } else {
                    fresh = try PassphraseInput(file: nil, useEnvironment: false).read(prompt: "New passphrase: ", confirm: true)
                }
                try manifest.wrap(key, passphrase: fresh)
                // The first write to this remote may be this one: prove create-only first, as a sync does.
                if remote.needsCreateOnlyProbe, try journal.probedURL(remote: record.name) != record.url {
                    try CreateOnlyProbe.prove(remote)
                    try journal.setProbedURL(remote: record.name, url: record.url)
                }
                try remote.replace(SyncEngine.journalFile, data: try manifest.encoded())
                print("Changed the passphrase of \(record.name).")
            }
        }
    }
}
