import Foundation
import RemissionSync

/// Where a passphrase comes from: `--passphrase-file FILE`, `REMISSION_PASSPHRASE`, or a
/// prompt on the terminal that does not echo. Never from the command line, where it would
/// sit in the shell history and the process list.
struct PassphraseInput {
    let file: String?
    /// A new passphrase never comes from REMISSION_PASSPHRASE, which holds the current one.
    var useEnvironment = true

    func read(prompt: String = "Passphrase: ", confirm: Bool = false) throws -> String {
        if let file {
            guard let data = FileManager.default.contents(atPath: file),
                let text = String(data: data, encoding: .utf8)
            else {
                throw CommandFailure(status: ExitStatus.ioError, message: "cannot read the passphrase file \(file)")
            }
            let passphrase = text.hasSuffix("\n") ? String(text.dropLast()) : text
            return try Self.checked(passphrase)
        }
        if useEnvironment, let passphrase = ProcessInfo.processInfo.environment["REMISSION_PASSPHRASE"], !passphrase.isEmpty {
            return try Self.checked(passphrase)
        }
        guard let first = Self.prompt(prompt) else { throw SyncError.noPassphrase }
        if confirm {
            guard let second = Self.prompt("Again: "), second == first else {
                throw CommandFailure(status: ExitStatus.usage, message: "the two passphrases differ; nothing was changed.")
            }
        }
        return try Self.checked(first)
    }

    /// What a sync asks for. A new journal's passphrase is typed twice at the terminal (the
    /// engine compares the two); from a file or REMISSION_PASSPHRASE it is the same text both
    /// times, as a script meant it.
    func read(for request: SyncEngine.PassphraseRequest) throws -> String {
        switch request {
        case .unlock: return try read()
        case .create: return try read(prompt: "New passphrase (it creates the journal on the remote; every device will need it): ")
        case .confirm: return try read(prompt: "Again: ")
        }
    }

    private static func checked(_ passphrase: String) throws -> String {
        guard passphrase.count >= 8 else {
            throw CommandFailure(status: ExitStatus.usage, message: "a passphrase has at least 8 characters; a few words make a good one.")
        }
        return passphrase
    }

    /// Reads a line from the terminal with echo off; nil without a terminal.
    private static func prompt(_ text: String) -> String? {
        let tty = open("/dev/tty", O_RDWR | O_CLOEXEC)
        guard tty >= 0 else { return nil }
        defer { close(tty) }
        var original = termios()
        guard tcgetattr(tty, &original) == 0 else { return nil }
        var silent = original
        silent.c_lflag &= ~tcflag_t(ECHO)
        _ = text.withCString { write(tty, $0, strlen($0)) }
        tcsetattr(tty, TCSAFLUSH, &silent)
        defer {
            tcsetattr(tty, TCSAFLUSH, &original)
            _ = write(tty, "\n", 1)
        }
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while Foundation.read(tty, &byte, 1) == 1, byte != UInt8(ascii: "\n") { bytes.append(byte) }
        let line = String(decoding: bytes, as: UTF8.self)
        return line.isEmpty ? nil : line
    }
}
