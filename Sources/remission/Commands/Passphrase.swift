import ArgumentParser
import Foundation
import RemissionFormats
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
                let environment = ProcessInfo.processInfo.environment
                let current = PassphraseInput(file: passphraseFile)
                let engine = SyncEngine(
                    journal: journal, remoteName: record.name, remote: try RemoteFactory.remote(for: record.url, environment: environment),
                    environment: environment, passphrase: { _ in try current.read(prompt: "Current passphrase: ") })
                try engine.changePassphrase {
                    if let newPassphraseFile { return try PassphraseInput(file: newPassphraseFile).read() }
                    return try PassphraseInput(file: nil, useEnvironment: false).read(prompt: "New passphrase: ", confirm: true)
                }
                print("Changed the passphrase of \(record.name).")
            }
        }
    }
}
