import Foundation
import RemissionCore
import RemissionStore
import RemissionTestSupport
import Testing

/// The text a pulled operation is stored with: its own when canonical, else the canonical
/// encoding, so that one operation id never gets two bodies from two spellings.
@Suite struct OperationTextTests {
    @Test func acceptedTextIsExactlyTheCanonicalEncoding() throws {
        var random = SeededGenerator(seed: 11)
        let inserts = [" ", "\n", "\"", "\\", ",", "0", "-", ".5", "e3", "}", "]", "[", "\\u0041", "\\/", "\u{1}"]
        var accepted = 0
        for _ in 0..<3000 {
            var bytes = Array(try OperationCodec.encode(OperationCodecTests.randomOperation(&random)).utf8)
            let position = Int.random(in: 0...bytes.count, using: &random)
            switch Int.random(in: 0..<3, using: &random) {
            case 0 where position < bytes.count: bytes.remove(at: position)
            case 1 where position < bytes.count: bytes[position] = UInt8.random(in: 0x20...0x7E, using: &random)
            default: bytes.insert(contentsOf: Array(inserts.randomElement(using: &random)!.utf8), at: position)
            }
            let text = String(decoding: bytes, as: UTF8.self)
            guard let decoded = try? OperationCodec.decodeKeepingText(text) else { continue }
            accepted += 1
            let canonical = try OperationCodec.encode(decoded.operation)
            #expect(decoded.text == canonical, "kept a non-canonical text: \(text) for \(canonical)")
        }
        #expect(accepted > 100)
    }

    @Test func anotherSpellingIsStoredCanonically() throws {
        let canonical = #"{"clock":5,"id":"d:1","kind":"symptom","record":"r","writes":[{"field":"severity","replaces":[],"value":3}]}"#
        for other in [
            #"{"id":"d:1","clock":5,"kind":"symptom","record":"r","writes":[{"field":"severity","replaces":[],"value":3}]}"#,
            #"{ "clock":5,"id":"d:1","kind":"symptom","record":"r","writes":[{"field":"severity","replaces":[],"value":3}]}  "#,
            #"{"clock":5,"id":"d:1","kind":"symptom","record":"\u0072","writes":[{"field":"severity","replaces":[],"value":3}]}"#
        ] {
            let decoded = try OperationCodec.decodeKeepingText(other)
            #expect(decoded.text == canonical, "\(other)")
        }
        #expect(try OperationCodec.decodeKeepingText(canonical).text == canonical)
    }
}
