import Foundation
import RemissionCore
import RemissionStore
import Testing

/// The text a pulled operation is stored with: its own when canonical, else the canonical
/// encoding, so that one operation id never gets two bodies from two spellings (and
/// `OperationCodecTests` checks it on 3,000 mutated texts).
@Suite struct OperationTextTests {
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
