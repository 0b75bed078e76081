import Foundation
import RemissionTestSupport
import Testing

/// A remote nobody vouches for, and inputs that are not what they claim: nothing lost,
/// nothing forged, nothing hangs. Memory and time are bounded by limits on the child process
/// (prlimit), never by the wall clock.
@Suite struct HostileInputTests {
    typealias Pair = SyncCommandTests.Pair

    /// Runs remission with at most `memory` bytes of address space and `seconds` of CPU.
    static func limited(
        _ cli: CLI, _ arguments: [String], memory: Int = 2 << 30, seconds: Int = 60,
        environment: [String: String] = SyncCommandTests.environment
    ) throws -> CLI.Result {
        try cli.run(
            arguments, environment: environment, executable: "/usr/bin/prlimit",
            arguments: ["--as=\(memory)", "--cpu=\(seconds)", "--", CLI.binary] + arguments)
    }

    /// journal.json is read before anything is authenticated: its scrypt parameters are
    /// bounded before any memory is spent (n = 2^23 took 8.4 GB, 2^57 trapped, 2^30 gave a raw
    /// crypto error code).
    @Test(arguments: [
        (1 << 23, 8, "needs more than 256 MiB"), (1 << 57, 8, "needs more than 256 MiB"),
        (1 << 30, 8, "needs more than 256 MiB"), (1000, 8, "N must be a power of two"),
        (1024, 1 << 20, "r at most 32")
    ])
    func journalJSONKeyDerivationIsBounded(n: Int, r: Int, message: String) throws {
        let pair = try Pair()
        let path = pair.remote + "/journal.json"
        var manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        var kdf = try #require(manifest["kdf"] as? [String: Any])
        kdf["n"] = n
        kdf["r"] = r
        manifest["kdf"] = kdf
        try JSONSerialization.data(withJSONObject: manifest).write(to: URL(fileURLWithPath: path))
        let third = pair.cli.home.appendingPathComponent("third").path
        let result = try Self.limited(pair.cli, ["join", pair.remote, "--journal", third], memory: 1 << 30, seconds: 20)
        #expect(result.status == 65, "\(result)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stderr.contains("was not written by remission, or was changed"))
        #expect(!FileManager.default.fileExists(atPath: third))
    }

    /// `Tests/Support/hostile-http.py` on 127.0.0.1, stopped when the test ends.
    final class HostileServer {
        let process: AnnouncingProcess
        let port: Int

        init() throws {
            process = try AnnouncingProcess("/usr/bin/python3", [Repository.path("Tests/Support/hostile-http.py")])
            port = try #require(Int(process.text), "the hostile server printed no port")
        }

        deinit { process.terminate() }
    }

    /// A remote that sends a gzip bomb, trickles its answer, or never stops sending: every
    /// request has a deadline and a size limit, and nothing compressed is inflated.
    @Test(arguments: [("bomb", "more than a journal.json can be"), ("trickle", "did not answer in time"), ("huge", "sent more than 40 MiB")])
    func aHostileHTTPServerCannotExhaustMemoryOrTime(mode: String, message: String) throws {
        let server = try HostileServer()
        let cli = try CLI()
        let journal = cli.home.appendingPathComponent("joined").path
        let result = try Self.limited(
            cli, ["join", "http://127.0.0.1:\(server.port)/\(mode)/remission", "--journal", journal], memory: 1 << 30, seconds: 30,
            environment: SyncCommandTests.environment.merging(["REMISSION_HTTP_TIMEOUT": "2", "REMISSION_HTTP_RETRIES": "0"]) { $1 })
        #expect(result.status != 0 && result.status < 128, "\(result)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: journal))
    }

    /// In a folder remote, a FIFO (which would block for ever) or a file of 1 GB in one
    /// device's folder stops that device's chain only, read without touching its bytes.
    @Test(arguments: ["fifo", "huge"])
    func aStrangeObjectInAFolderRemoteStopsOnlyItsDevice(kind: String) throws {
        let pair = try Pair()
        try pair.run(["lab", "c3", "0.8", "g/L", "--journal", pair.laptop])
        try pair.run(["sync", "--journal", pair.laptop])
        let stranger = pair.remote + "/devices/" + UUID().uuidString.lowercased()
        try FileManager.default.createDirectory(atPath: stranger, withIntermediateDirectories: true)
        let object = stranger + "/000000000001.seg"
        if kind == "fifo" {
            #expect(mkfifo(object, 0o600) == 0)
        } else {
            #expect(FileManager.default.createFile(atPath: object, contents: nil))
            #expect(truncate(object, 1 << 30) == 0)
        }
        let result = try Self.limited(pair.cli, ["sync", "--journal", pair.desktop], memory: 1 << 30, seconds: 30)
        #expect(result.status == 65, "\(result)")
        #expect(result.stderr.contains(kind == "fifo" ? "is not a plain file" : "more than any remission object can be"), "\(result.stderr)")
        #expect(result.stdout.contains("pulled 1 from 1 device"), "the laptop's chain was not pulled: \(result.stdout)")
    }

    /// A password never reaches the journal or the screen, `@` in it or not.
    @Test func credentialsInAURLAreRefusedAndNeverPrinted() throws {
        let pair = try Pair()
        for url in ["https://me:secret@dav.example.org/x", "https://me:p@ss@dav.example.org/x", "http://me:a/b@c@dav.example.org/x"] {
            let third = pair.cli.home.appendingPathComponent("third").path
            let joined = try pair.cli.run(["join", url, "--journal", third], environment: SyncCommandTests.environment)
            #expect(joined.status == 64, "\(joined)")
            #expect(joined.stderr.contains("put no user or password in the URL"))
            let added = try pair.cli.run(["remote", "add", "web", url, "--journal", pair.laptop])
            #expect(added.status == 64)
            for output in [joined.stderr, joined.stdout, added.stderr, added.stdout] {
                for secret in ["secret", "p@ss", "ss@", "a/b", "b@c", "me:"] {
                    #expect(!output.contains(secret), "'\(secret)' printed for \(url): \(output)")
                }
            }
            #expect(!FileManager.default.fileExists(atPath: third))
        }
        // A user name in the path (Nextcloud's) is no credential.
        let nextcloud = try pair.cli.run([
            "remote", "add", "cloud", "https://cloud.example.org/remote.php/dav/files/me@example.org/remission", "--journal", pair.laptop
        ])
        #expect(nextcloud.status == 0, "\(nextcloud)")
        let listed = try pair.cli.run(["remote", "list", "--json", "--journal", pair.laptop]).stdout
        #expect(listed.contains("files/me@example.org/remission"))
    }

    /// Three syncs of one journal at once: one runs, the others say so and change nothing;
    /// afterwards every sync works, and none claims the journal was copied.
    @Test func syncsOfOneJournalAtOnceAreSerialised() throws {
        let pair = try Pair()
        for index in 0..<20 { try pair.run(["log", "--symptom", "s\(index)=3", "--journal", pair.laptop]) }
        let results = ResultBox()
        DispatchQueue.concurrentPerform(iterations: 3) { _ in
            if let result = try? pair.cli.run(["sync", "--journal", pair.laptop], environment: SyncCommandTests.environment) {
                results.append(result)
            }
        }
        #expect(results.all.count == 3)
        for result in results.all {
            #expect(result.status == 0 || result.status == 75, "\(result)")
            if result.status == 75 { #expect(result.stderr.contains("another sync of this journal is running")) }
        }
        #expect(results.all.contains { $0.status == 0 })
        let again = try pair.run(["sync", "--journal", pair.laptop])
        #expect(!again.stderr.contains("copied"), "\(again)")
        try pair.run(["sync", "--journal", pair.desktop])
        #expect(try pair.export(pair.desktop) == pair.export(pair.laptop))
    }
}

extension HostileInputTests {
    /// ESC sequences, C1 controls (U+009B is CSI), CR and DEL from imported or synced text are
    /// shown, never acted on; typed input refuses them.
    @Test func terminalControlCharactersNeverReachTheTerminalRaw() throws {
        let cli = try CLI.withJournal()
        try cli.ok("log", "--note", "MARKNOTE", "--symptom", "fatigue=3")
        let id = try cli.onlyID(kind: "entry")
        let export = try cli.export()
        let hostile = "\\u001b]0;owned\\u0007\\u001b[2J\\u009b31m\\r\\u007f"
        let forged = export.replacingOccurrences(of: "MARKNOTE", with: "note " + hostile)
            .replacingOccurrences(of: "\"name\" : \"laptop\"", with: "\"name\" : \"lap" + hostile + "\"")
        #expect(forged != export)
        let file = cli.home.appendingPathComponent("hostile.json").path
        try forged.write(toFile: file, atomically: true, encoding: .utf8)
        let other = cli.home.appendingPathComponent("other").path
        let imported = try cli.run(["import", file, "--journal", other])
        #expect(imported.status == 0, "\(imported)")
        let raw: [Unicode.Scalar] = ["\u{1B}", "\u{9B}", "\r", "\u{7F}", "\u{07}"]
        for arguments in [["list"], ["show", id], ["history", id], ["devices"], ["trend"], ["summary"]] {
            let result = try cli.run(arguments + ["--journal", other])
            #expect(result.status == 0, "\(arguments): \(result)")
            for output in [result.stdout, result.stderr] {
                #expect(!output.unicodeScalars.contains { raw.contains($0) }, "\(arguments) printed a control character raw")
            }
            if arguments == ["show", id] { #expect(result.stdout.contains("\\u{1B}[2J"), "\(result.stdout)") }
        }
        for arguments in [
            ["log", "--note", "a\u{1B}[2Jb"], ["log", "--note", "a\u{9B}b"], ["lab", "c3", "0.9", "g/L", "--lab", "x\u{7F}"],
            ["log", "--note", "one\rtwo"]
        ] {
            let before = try cli.export()
            let result = try cli.run(arguments)
            #expect(result.status == 64, "\(arguments): \(result)")
            #expect(!result.stderr.unicodeScalars.contains { raw.contains($0) })
            #expect(try cli.export() == before)
        }
        // Line ends as Windows writes them are fine.
        #expect(try cli.run(["log", "--note", "one\r\ntwo", "--date", "yesterday"]).status == 0)
    }
}

extension HostileInputTests {
    static func mount(_ arguments: [String]) -> Bool {
        (try? ProcessRunner.run("/bin/mount", arguments))?.status == 0
    }

    static func unmount(_ path: String) {
        _ = try? ProcessRunner.run("/bin/umount", [path])
    }

    /// Whether this machine lets the tests mount a small tmpfs (root, or a user namespace).
    static let canMount: Bool = {
        let directory = TemporaryDirectory("mount")
        let probe = directory.path
        guard mount(["-t", "tmpfs", "-o", "size=64k", "tmpfs", probe]) else { return false }
        unmount(probe)
        return true
    }()

    /// A journal on a read-only file system, or on a full one: what only reads still works,
    /// what writes says why it cannot, and nothing is lost.
    @Test(
        .enabled(if: canMount, "this machine does not let the tests mount a file system (it needs root)"),
        arguments: ["read-only", "full"])
    func readingCommandsWorkOnAReadOnlyOrFullDisk(kind: String) throws {
        let cli = try CLI()
        let disk = cli.home.appendingPathComponent("disk").path
        try FileManager.default.createDirectory(atPath: disk, withIntermediateDirectories: true)
        let source = cli.home.appendingPathComponent("source").path
        try FileManager.default.createDirectory(atPath: source, withIntermediateDirectories: true)
        let mounted =
            kind == "full"
            ? Self.mount(["-t", "tmpfs", "-o", "size=2m", "tmpfs", disk])
            : Self.mount(["--bind", source, disk])
        try #require(mounted, "this machine does not let the tests mount a file system (needs root): \(kind) not tested")
        defer { Self.unmount(disk) }
        let journal = disk + "/journal"
        #expect(try cli.run(["init", "--journal", journal, "--infusion-date", "2026-03-02"]).status == 0)
        #expect(try cli.run(["log", "--symptom", "fatigue=3", "--journal", journal]).status == 0)
        #expect(try cli.run(["lab", "c3", "0.8", "g/L", "--journal", journal]).status == 0)
        let before = try cli.run(["export", "--journal", journal]).stdout
        if kind == "full" {
            try? Data(count: 4 << 20).write(to: URL(fileURLWithPath: disk + "/filler"))
        } else {
            try #require(Self.mount(["-o", "remount,bind,ro", disk]), "cannot remount read-only")
        }
        for arguments in [["list"], ["summary"], ["trend"], ["check"], ["export"]] {
            let result = try cli.run(arguments + ["--journal", journal])
            #expect(result.status == 0, "\(kind) \(arguments): \(result)")
        }
        #expect(try cli.run(["export", "--journal", journal]).stdout == before)
        let out = cli.home.appendingPathComponent("elsewhere.json").path
        #expect(try cli.run(["export", "--output", out, "--journal", journal]).status == 0)
        #expect(try String(contentsOfFile: out, encoding: .utf8) == before)
        let write = try cli.run(["log", "--symptom", "fatigue=5", "--journal", journal])
        #expect(write.status == 74, "\(write)")
        #expect(write.stderr.contains("read-only or full; nothing was written"), "\(write.stderr)")
        #expect(try cli.run(["export", "--journal", journal]).stdout == before)
    }
}

extension HostileInputTests {
    /// The note limit of every command holds for text that arrives by import (and sync) too:
    /// a 480 MB note once made every later `list` take 26 s and 4 GB.
    @Test func textArrivingByImportKeepsTheNoteLimit() throws {
        let cli = try CLI.withJournal()
        try cli.ok("log", "--note", "MARKNOTE")
        let export = try cli.export()
        let file = cli.home.appendingPathComponent("long.json").path
        try export.replacingOccurrences(of: "MARKNOTE", with: String(repeating: "x", count: 20_001))
            .write(toFile: file, atomically: true, encoding: .utf8)
        let other = cli.home.appendingPathComponent("other").path
        let result = try cli.run(["import", file, "--journal", other])
        #expect(result.status == 65, "\(result)")
        #expect(result.stderr.contains("holds 20001 characters, more than 20000"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: other))
    }
}

extension HostileInputTests {
    /// The same storage added again under another name (here through a link) holds this
    /// device's own segments: they are recognised, not reported as a copied journal.
    @Test func theSameStorageUnderTwoNamesIsNotACopiedJournal() throws {
        let pair = try Pair()
        for index in 0..<3 { try pair.run(["log", "--symptom", "t\(index)=2", "--journal", pair.laptop]) }
        try pair.run(["sync", "--journal", pair.laptop])
        let link = pair.cli.home.appendingPathComponent("same-stick").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: pair.remote)
        try pair.run(["remote", "add", "again", link, "--journal", pair.laptop])
        try pair.run(["log", "--symptom", "after=4", "--journal", pair.laptop])
        let again = try pair.run(["sync", "again", "--journal", pair.laptop])
        #expect(!again.stderr.contains("copied"), "\(again)")
        try pair.run(["sync", "usb", "--journal", pair.laptop])
        try pair.run(["sync", "--journal", pair.desktop])
        #expect(try pair.export(pair.desktop) == pair.export(pair.laptop))
        #expect(try pair.run(["check", "--journal", pair.laptop]).status == 0)
    }
}

extension HostileInputTests {
    /// A folder under devices/ that is no device id stops only itself; a join that could not
    /// pull everything says that `sync` finishes it, rather than leaving the user to find that
    /// joining again meets "a journal already exists".
    @Test func aFolderThatIsNoDeviceStopsOnlyItselfAndAJoinCutShortSaysWhatToDo() throws {
        let pair = try Pair()
        try FileManager.default.createDirectory(atPath: pair.remote + "/devices/not-a-device", withIntermediateDirectories: true)
        try pair.run(["lab", "c3", "0.8", "g/L", "--journal", pair.laptop])
        let laptop = try pair.cli.run(["sync", "--journal", pair.laptop], environment: SyncCommandTests.environment)
        #expect(laptop.status == 65)
        #expect(laptop.stderr.contains("'not-a-device' is not a device id"), "\(laptop.stderr)")
        let third = pair.cli.home.appendingPathComponent("third").path
        let joined = try pair.cli.run(["join", pair.remote, "--journal", third], environment: SyncCommandTests.environment)
        #expect(joined.status == 65, "\(joined)")
        #expect(joined.stderr.contains("`remission sync --journal \(third)` finishes the download"), "\(joined.stderr)")
        // Everything the real devices wrote arrived all the same.
        let records = try pair.cli.run(["list", "--json", "--journal", third]).stdout
        #expect(records.contains("c3"))
    }
}

extension HostileInputTests {
    /// A remote listing far more device folders than anyone has is read only so far: the sync
    /// says so, the first thousand (the real devices sort among them) are pulled.
    @Test func aListingOfTooManyDeviceFoldersIsBounded() throws {
        let pair = try Pair()
        for _ in 0..<1_050 {
            try FileManager.default.createDirectory(atPath: pair.remote + "/devices/" + UUID().uuidString.lowercased(), withIntermediateDirectories: true)
        }
        let result = try Self.limited(pair.cli, ["sync", "--journal", pair.desktop], memory: 1 << 30, seconds: 60)
        #expect(result.status == 65, "\(result)")
        #expect(result.stderr.contains("it lists more than 1000 device folders; the others were not read"), "\(result.stderr)")
    }
}

final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [CLI.Result] = []
    func append(_ result: CLI.Result) { lock.withLock { results.append(result) } }
    var all: [CLI.Result] { lock.withLock { results } }
}
