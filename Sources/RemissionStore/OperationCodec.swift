import Foundation
import RemissionCore

/// The canonical JSON text of an operation: sorted keys, no spaces, `/` unescaped.
///
/// The same operation gives the same bytes on every machine; the log stores these bytes,
/// and exports (and later sync segments) carry them unchanged.
public enum OperationCodec {
    public static func encode(_ operation: JournalOperation) -> String {
        operation.canonicalJSON
    }

    /// Reads the canonical text in one pass; anything else goes through `JSONDecoder`, which
    /// defines what an operation's text means.
    public static func decode(_ text: String) throws -> JournalOperation {
        try decodeKeepingText(text).operation
    }

    /// The operation, and the text to store for it: the text itself when it is in canonical
    /// form, else the canonical encoding. Another spelling of the same operation (padding,
    /// key order, escapes, from a hostile remote or another writer) must not become a second
    /// body of one operation id.
    public static func decodeKeepingText(_ text: String) throws -> (operation: JournalOperation, text: String) {
        if let operation = JournalOperation(canonicalJSON: text) {
            // An escape has several spellings ("\u0041" is "A"): text with one is encoded
            // again; text without is canonical as it stands (the one-pass reader is strict).
            return (operation, hasEscape(text) ? encode(operation) : text)
        }
        let operation = try JSONDecoder().decode(JournalOperation.self, from: Data(text.utf8))
        return (operation, encode(operation))
    }

    /// Whether the text holds a backslash, scanned as contiguous bytes: a pull asks it of
    /// every operation, and iterating `String.UTF8View` costs ten times more.
    private static func hasEscape(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { $0.contains(UInt8(ascii: "\\")) }
    }
}
