import ArgumentParser
import Foundation
import RemissionFormats
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
                  $ remission remote add cloud s3://my-bucket/remission --region eu-central-1
                  $ remission remote list
                  $ remission remote remove usb
                """,
            subcommands: [Add.self, ListRemotes.self, Remove.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "add",
                abstract: "Add a remote: a folder, file:///…, https://… (WebDAV) or s3://BUCKET/PREFIX.",
                discussion: """
                    Put no password in the URL: use ~/.netrc or REMISSION_REMOTE_USER and \
                    REMISSION_REMOTE_PASSWORD for WebDAV; AWS_ACCESS_KEY_ID and \
                    AWS_SECRET_ACCESS_KEY, or ~/.aws/credentials, for S3. A plain http:// URL \
                    of another machine with a password set for it is refused (the password would \
                    travel unencrypted) unless REMISSION_ALLOW_INSECURE_HTTP=1; use https://.

                    Examples:
                      $ remission remote add home https://dav.example.org/remission
                      $ remission remote add cloud s3://my-bucket/remission --region eu-central-1
                      $ remission remote add r2 s3://my-bucket/remission --endpoint-url https://ACCOUNT.r2.cloudflarestorage.com --region auto
                    """)
            @OptionGroup var options: JournalOptions
            @Argument(help: "A short name for the remote.") var name: String
            @Argument(help: "Its URL or folder.") var url: String
            @OptionGroup var s3: S3Options

            func run() throws {
                let context = try CommandContext(options)
                let journal = try context.openJournal()
                guard !name.isEmpty, name.count <= 40, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
                    throw ValidationError("A remote's name is letters, digits, - and _ (at most 40), not '\(name)'.")
                }
                let normalized = try SyncCommand.normalize(url, s3: s3)
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
                    print(try JSONOutput.encode(remotes.map { ["name": $0.name, "url": HTTPClient.redacted($0.url)] }))
                } else if remotes.isEmpty {
                    print("No remotes. `remission remote add NAME URL` adds one.")
                } else {
                    for remote in remotes { print("\(remote.name)\t\(HTTPClient.redacted(remote.url))") }
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
}
