import Foundation
import RemissionCore

/// Where a note comes from: the option, standard input (`--note -`), or the user's editor
/// (`--edit-note`), so that health details need not sit in the shell's history.
enum NoteInput {
    static func resolve(_ note: String?, edit: Bool, field: String = "--note") throws -> String? {
        if edit {
            if note != nil {
                throw InputError(
                    field: field, value: note ?? "", reason: "was given together with --edit-note",
                    accepted: "either --note TEXT, --note - (standard input) or --edit-note")
            }
            return try fromEditor()
        }
        guard note == "-" else { return note }
        let data = FileHandle.standardInput.readDataToEndOfFile()
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputError(field: field, value: "-", reason: "standard input is not UTF-8 text", accepted: "UTF-8 text")
        }
        return text
    }

    /// Opens $VISUAL or $EDITOR on a private temporary file; lines starting with `#` are dropped.
    private static func fromEditor() throws -> String? {
        let environment = ProcessInfo.processInfo.environment
        guard let editor = [environment["VISUAL"], environment["EDITOR"]].compactMap({ $0 }).first(where: { !$0.isEmpty })
        else {
            throw InputError(
                field: "--edit-note", reason: "needs $VISUAL or $EDITOR to name an editor",
                accepted: "EDITOR=nano (or vi, …) in the environment, or --note - to read standard input")
        }
        let directory = FileManager.default.temporaryDirectory.path
        var template = Array("\(directory)/remission-note-XXXXXX.txt".utf8CString)
        let descriptor = mkstemps(&template, 4)
        guard descriptor >= 0 else { throw CommandFailure(status: ExitStatus.ioError, message: "cannot create a temporary file for the note") }
        let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        defer { unlink(path) }
        let header = "\n# Write the note above. Lines starting with # are ignored; an empty note cancels.\n"
        _ = header.withCString { write(descriptor, $0, strlen($0)) }
        close(descriptor)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", editor + " \"$1\"", "sh", path]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CommandFailure(status: 1, message: "the editor exited with status \(process.terminationStatus); nothing was written")
        }
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        let kept = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("#") }
        let note = kept.joined(separator: "\n")
        guard !note.allSatisfy(\.isWhitespace) else {
            throw CommandFailure(status: 1, message: "the note is empty; nothing was written")
        }
        return note
    }
}
