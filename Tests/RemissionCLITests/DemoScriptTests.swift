import Foundation
import RemissionTestSupport
import Testing

/// `make demo`'s tour (scripts/demo.sh): it runs through, and writes colour only to a terminal.
@Suite struct DemoScriptTests {
    static let demo = Repository.path("scripts/demo.sh")

    @Test func aLogOfTheDemoHasNoEscapeCodes() throws {
        let cli = try CLI()
        let result = try cli.run([], executable: "/bin/bash", arguments: [Self.demo, CLI.binary])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("\n$ remission init --infusion-date 2026-03-02"), "\(result.stdout.prefix(600))")
        #expect(result.stdout.contains("$ remission sync --journal desktop"))
        #expect(!result.stdout.contains("\u{1B}") && !result.stderr.contains("\u{1B}"), "no escape codes in a pipe")
    }

    @Test func onATerminalTheCommandsAreBold() throws {
        let cli = try CLI()
        // A terminal of its own; NO_COLOR unset (the harness sets it for every other test).
        let result = try cli.run(
            [], environment: ["NO_COLOR": ""], executable: "/usr/bin/python3",
            arguments: ["-c", "import pty, sys; sys.exit(pty.spawn(sys.argv[1:]) >> 8)", "/bin/bash", Self.demo, CLI.binary])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("\u{1B}[1m$ remission init --infusion-date 2026-03-02"), "\(result.stdout.prefix(600))")
    }
}
