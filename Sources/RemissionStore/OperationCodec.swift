import Foundation
import RemissionCore

/// The canonical JSON text of an operation: sorted keys, no spaces, `/` unescaped.
///
/// The same operation gives the same bytes on every machine; the log stores these bytes,
/// and exports (and later sync segments) carry them unchanged.
public enum OperationCodec {
    public static func encode(_ operation: JournalOperation) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(operation), as: UTF8.self)
    }

    /// Reads the canonical text in one pass; anything else goes through `JSONDecoder`, which
    /// defines what an operation's text means.
    public static func decode(_ text: String) throws -> JournalOperation {
        if let operation = JournalOperation(canonicalJSON: text) { return operation }
        return try JSONDecoder().decode(JournalOperation.self, from: Data(text.utf8))
    }
}
