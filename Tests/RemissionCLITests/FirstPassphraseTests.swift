import Foundation
import RemissionTestSupport
import Testing

/// The first sync with an empty remote creates the journal there with a new passphrase, which
/// every device that joins will need: it is typed twice at the terminal, and a mismatch writes
/// nothing, neither on the remote nor in the journal.
@Suite struct FirstPassphraseTests {
    static let fast = ["REMISSION_SCRYPT_LOG2N": "10"]
    static let ttyRun = Repository.path("Tests/Support/tty-run.py")

    let cli: CLI
    var laptop: String { cli.home.appendingPathComponent("laptop").path }
    var remote: String { cli.home.appendingPathComponent("remote").path }

    init() throws {
        cli = try CLI()
        for arguments in [
            ["init", "--journal", laptop, "--infusion-date", "2026-03-02", "--device-name", "laptop"],
            ["remote", "add", "usb", remote, "--journal", laptop],
            ["log", "--symptom", "fatigue=3", "--journal", laptop]
        ] {
            let result = try cli.run(arguments)
            #expect(result.status == 0, "remission \(arguments.joined(separator: " ")): \(result)")
        }
    }

    /// `remission ARGUMENTS` with a terminal of its own, typing `answers` at its prompts.
    func typing(_ answers: [String], _ arguments: [String]) throws -> CLI.Result {
        try cli.run(
            [], environment: Self.fast.merging(["TTY_ANSWERS": answers.joined(separator: "\n")]) { $1 },
            executable: "/usr/bin/python3", arguments: [Self.ttyRun, CLI.binary] + arguments)
    }

    /// Everything under the remote folder (nil when it does not exist).
    var remoteContents: [String]? { try? FileManager.default.subpathsOfDirectory(atPath: remote) }

    @Test func mismatchWritesNothingThenMatchingEntriesCreateTheJournal() throws {
        let before = try cli.run(["export", "--journal", laptop]).stdout

        let differ = try typing(["first try of a passphrase", "first try of a passfrase"], ["sync", "--journal", laptop])
        #expect(differ.status == 64, "\(differ)")
        #expect(differ.stderr.contains("the new passphrase and its confirmation differ"), "\(differ)")
        #expect(differ.stderr.contains("nothing was written"), "\(differ)")
        #expect(!differ.stderr.contains("first try"), "a passphrase in a message: \(differ)")
        #expect(differ.stderr.contains("New passphrase") && differ.stderr.contains("Again:"), "the prompts: \(differ)")
        #expect(remoteContents ?? [] == [], "written to the remote: \(remoteContents ?? [])")
        #expect(try cli.run(["export", "--journal", laptop]).stdout == before)
        // No key was kept: without a terminal and without a passphrase, the sync still asks for one.
        let noKey = try cli.run(
            ["sync", "--journal", laptop], environment: Self.fast,
            executable: "/usr/bin/setsid", arguments: ["--wait", CLI.binary, "sync", "--journal", laptop])
        #expect(noKey.status == 64, "\(noKey)")
        #expect(noKey.stderr.contains("a passphrase is needed"), "\(noKey)")
        #expect(remoteContents ?? [] == [])

        let same = try typing(["a good new passphrase", "a good new passphrase"], ["sync", "--journal", laptop])
        #expect(same.status == 0, "\(same)")
        #expect(same.stdout.hasPrefix("Synced with usb: pushed 2, pulled 0"), "\(same)")
        #expect(FileManager.default.fileExists(atPath: remote + "/journal.json"))
        // The next sync uses the kept key and asks nothing.
        let again = try cli.run(
            ["sync", "--journal", laptop], environment: Self.fast,
            executable: "/usr/bin/setsid", arguments: ["--wait", CLI.binary, "sync", "--journal", laptop])
        #expect(again.status == 0, "\(again)")
        // The passphrase typed twice is the journal's: another device joins with it.
        let desktop = cli.home.appendingPathComponent("desktop").path
        let joined = try cli.run(
            ["join", remote, "--journal", desktop],
            environment: Self.fast.merging(["REMISSION_PASSPHRASE": "a good new passphrase"]) { $1 })
        #expect(joined.status == 0, "\(joined)")
        #expect(try cli.run(["export", "--journal", desktop]).stdout == cli.run(["export", "--journal", laptop]).stdout)
    }

    /// A passphrase a script gives (REMISSION_PASSPHRASE, --passphrase-file) is taken once, as it is.
    @Test func aPassphraseFromTheEnvironmentOrAFileIsTakenAsItIs() throws {
        let file = cli.home.appendingPathComponent("passphrase")
        try "from a file, deliberately\n".write(to: file, atomically: true, encoding: .utf8)
        let synced = try cli.run(["sync", "--journal", laptop, "--passphrase-file", file.path], environment: Self.fast)
        #expect(synced.status == 0, "\(synced)")
        let desktop = cli.home.appendingPathComponent("desktop").path
        let joined = try cli.run(["join", remote, "--journal", desktop, "--passphrase-file", file.path], environment: Self.fast)
        #expect(joined.status == 0, "\(joined)")

        let other = try CLI()
        let journal = other.home.appendingPathComponent("j").path
        let folder = other.home.appendingPathComponent("r").path
        #expect(try other.run(["init", "--journal", journal, "--infusion-date", "2026-03-02"]).status == 0)
        #expect(try other.run(["remote", "add", "usb", folder, "--journal", journal]).status == 0)
        let fromEnvironment = try other.run(
            ["sync", "--journal", journal],
            environment: Self.fast.merging(["REMISSION_PASSPHRASE": "set by a script"]) { $1 })
        #expect(fromEnvironment.status == 0, "\(fromEnvironment)")
        #expect(FileManager.default.fileExists(atPath: folder + "/journal.json"))
    }
}
