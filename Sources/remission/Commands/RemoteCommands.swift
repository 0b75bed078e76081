import ArgumentParser
import Foundation
import RemissionReports
import RemissionStore
import RemissionSync

extension Remission {
    struct RemoteCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "remote",
            abstract: "Manage the remotes this journal syncs with.",
            discussion: """
                Examples:
                  $ remission remote add usb /media/stick/remission
                  $ remission remote add home https://dav.example.org/remission
                  $ remission remote list
                  $ remission remote remove usb
                """,
            subcommands: [Add.self, ListRemotes.self, Remove.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "add",
                abstract: "Add a remote: a folder, file:///… or https://… (WebDAV).",
                discussion: """
                    Put no password in the URL: use ~/.netrc or REMISSION_REMOTE_USER and \
                    REMISSION_REMOTE_PASSWORD.

                    Example:
                      $ remission remote add home https://dav.example.org/remission
                    """)
            @OptionGroup var options: JournalOptions
            @Argument(help: "A short name for the remote.") var name: String
            @Argument(help: "Its URL or folder.") var url: String

            func run() throws {
                let context = try CommandContext(options)
                let journal = try context.openJournal()
                guard !name.isEmpty, name.count <= 40, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
                    throw ValidationError("A remote's name is letters, digits, - and _ (at most 40), not '\(name)'.")
                }
                if HTTPClient.redacted(url) != url {
                    throw ValidationError("Put no user or password in the URL; use ~/.netrc or REMISSION_REMOTE_USER and REMISSION_REMOTE_PASSWORD.")
                }
                let normalized = try SyncCommand.normalize(url)
                try journal.addRemote(name: name, url: normalized)
                print("Added remote \(name): \(normalized). `remission sync \(name)` syncs with it.")
            }
        }

        struct ListRemotes: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "list", abstract: "List the remotes.",
                discussion: """
                    Example:
                      $ remission remote list
                    """)
            @OptionGroup var options: JournalOptions

            func run() throws {
                let context = try CommandContext(options)
                let remotes = try context.openJournal().remotes()
                if context.json {
                    print(try JSONOutput.encode(remotes.map { ["name": $0.name, "url": $0.url] }))
                } else if remotes.isEmpty {
                    print("No remotes. `remission remote add NAME URL` adds one.")
                } else {
                    for remote in remotes { print("\(remote.name)\t\(remote.url)") }
                }
            }
        }

        struct Remove: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "remove", abstract: "Forget a remote (nothing on the remote is deleted).",
                discussion: """
                    Example:
                      $ remission remote remove usb
                    """)
            @OptionGroup var options: JournalOptions
            @Argument(help: "The remote's name.") var name: String

            func run() throws {
                let context = try CommandContext(options)
                try context.openJournal().removeRemote(name: name)
                print("Removed remote \(name); its files were left as they are.")
            }
        }
    }

    struct Devices: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "devices",
            abstract: "The devices that write to this journal: last seen, segments.",
            discussion: """
                Example:
                  $ remission devices
                """)
        @OptionGroup var options: JournalOptions

        func run() throws {
            let context = try CommandContext(options)
            let journal = try context.openJournal()
            let identity = try journal.identity()
            let names = try journal.deviceNames()
            struct Row: Encodable {
                let device: String
                let name: String
                let remote: String?
                let segments: Int64
                let lastSeen: String?
                enum CodingKeys: String, CodingKey {
                    case device, name, remote, segments
                    case lastSeen = "last_seen"
                }
            }
            var rows: [Row] = []
            var table = TextTable(header: ["DEVICE", "NAME", "REMOTE", "SEGMENTS", "LAST SEEN"])
            var listedSelf = false
            for remote in try journal.remotes() {
                for (device, position) in try journal.chainPositions(remote: remote.name).sorted(by: { $0.key < $1.key }) {
                    let name = names[device] ?? device
                    table.append([String(device.prefix(8)), name + (device == identity.deviceID ? " (this device)" : ""),
                                  remote.name, String(position.sequence), position.lastSeen ?? ""])
                    listedSelf = listedSelf || device == identity.deviceID
                    rows.append(Row(device: device, name: name, remote: remote.name, segments: position.sequence, lastSeen: position.lastSeen))
                }
            }
            if !listedSelf {
                table.append([String(identity.deviceID.prefix(8)), (names[identity.deviceID] ?? "") + " (this device)", "", "0", ""])
                rows.append(Row(device: identity.deviceID, name: names[identity.deviceID] ?? "", remote: nil, segments: 0, lastSeen: nil))
            }
            if context.json {
                print(try JSONOutput.encode(rows))
            } else {
                print(table.render { row, _, cell in row == 0 ? context.style.bold(cell) : cell })
            }
        }
    }

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
                try remote.replace(SyncEngine.journalFile, data: try manifest.encoded())
                print("Changed the passphrase of \(record.name).")
            }
        }
    }
}
