import Foundation
import RemissionCore
import RemissionStore
import RemissionTestSupport
import Testing

/// The one-pass reader of canonical operations must mean exactly what `JSONDecoder` means:
/// on every text it accepts, the two agree; on every other text it steps aside.
@Suite struct OperationCodecTests {
    static func decodedByFoundation(_ text: String) -> JournalOperation? {
        try? JSONDecoder().decode(JournalOperation.self, from: Data(text.utf8))
    }

    static func randomValue(_ random: inout SeededGenerator) -> FieldValue {
        let strings = FieldValueJSONTests.trickyStrings
        switch Int.random(in: 0..<7, using: &random) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &random))
        case 2: return .integer([0, 1, -1, 7, Int64.max, Int64.min, 1 << 53][Int.random(in: 0..<7, using: &random)])
        case 3: return .integer(Int64.random(in: -1_000_000...1_000_000, using: &random))
        case 4: return .list((0..<Int.random(in: 0..<4, using: &random)).map { _ in strings.randomElement(using: &random)! })
        default: return .text(strings.randomElement(using: &random)!)
        }
    }

    static func randomOperation(_ random: inout SeededGenerator) -> JournalOperation {
        let writes = (0..<Int.random(in: 0..<6, using: &random)).map { _ in
            FieldWrite(
                field: ["date", "name", "value", "note", "tags", "deleted", "mergeRule", "ünknown"].randomElement(using: &random)!,
                value: randomValue(&random),
                replaces: (0..<Int.random(in: 0..<3, using: &random)).map { _ in
                    OperationID(device: random.uuid(), counter: Int64.random(in: 1...(1 << 53), using: &random))
                })
        }
        return JournalOperation(
            id: OperationID(device: random.uuid(), counter: Int64.random(in: 1...(1 << 53), using: &random)),
            clock: HLCTimestamp(rawValue: Int64.random(in: 0...Int64.max, using: &random)),
            record: random.uuid(), kind: RecordKind.allCases.randomElement(using: &random)!, writes: writes)
    }

    @Test func canonicalTextIsReadAsFoundationReadsIt() throws {
        var random = SeededGenerator(seed: 20261130)
        for _ in 0..<2000 {
            let operation = Self.randomOperation(&random)
            let text = OperationCodec.encode(operation)
            let fast = try #require(JournalOperation(canonicalJSON: text), "canonical text not read: \(text)")
            #expect(fast == Self.decodedByFoundation(text))
            #expect(fast == operation)
        }
    }

    /// The hand-written text is `JSONEncoder`'s, byte for byte: on random operations, and on
    /// strings holding every ASCII byte (each control character, `"`, `\`, `/`) and some that are not.
    @Test func canonicalTextIsWhatJSONEncoderWrites() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        func foundation(_ operation: JournalOperation) throws -> String {
            String(decoding: try encoder.encode(operation), as: UTF8.self)
        }
        // The stored bytes themselves, so that a new Foundation cannot move them unseen.
        let fixed = JournalOperation(
            id: OperationID(device: "d", counter: 2), clock: HLCTimestamp(rawValue: 7), record: "r", kind: .symptom,
            writes: [FieldWrite(field: "note", value: .text("a\"b\\c/d\u{8}\u{C}\n\r\t\u{1}\u{7F}é"), replaces: [OperationID(device: "d", counter: 1)])])
        #expect(
            fixed.canonicalJSON
                == #"{"clock":7,"id":"d:2","kind":"symptom","record":"r","writes":[{"field":"note","replaces":["d:1"],"value":"a\"b\\c/d\b\f\n\r\t\u0001"#
                + "\u{7F}é\"}]}")
        var random = SeededGenerator(seed: 20261201)
        for _ in 0..<2000 {
            let operation = Self.randomOperation(&random)
            #expect(operation.canonicalJSON == (try foundation(operation)))
        }
        let everyASCII = String(decoding: (0...0x7F).map { UInt8($0) }, as: UTF8.self)
        let other = "é ∑ 🫀 e\u{301} \u{2028}\u{FEFF}\u{7F}"
        for text in [everyASCII, other, "", #"\u0041"#] {
            let operation = JournalOperation(
                id: OperationID(device: "d/\(text)", counter: Int64.max), clock: HLCTimestamp(rawValue: 0), record: text, kind: .symptom,
                writes: [
                    FieldWrite(field: text, value: .list([text, ""]), replaces: [OperationID(device: "r" + text, counter: 1)]),
                    FieldWrite(field: "n", value: .integer(Int64.min), replaces: []),
                    FieldWrite(field: "t", value: .text(text), replaces: []),
                    FieldWrite(field: "z", value: .null, replaces: [])
                ])
            #expect(operation.canonicalJSON == (try foundation(operation)))
            #expect(JournalOperation(canonicalJSON: operation.canonicalJSON) ?? Self.decodedByFoundation(operation.canonicalJSON) == operation)
        }
    }

    /// Changed texts: where the reader still accepts one, Foundation reads the same; where
    /// Foundation refuses one, so does the reader.
    @Test func changedTextIsReadAlikeOrLeftToFoundation() throws {
        var random = SeededGenerator(seed: 7)
        let inserts = [" ", "\n", "\"", "\\", ",", "0", "-", ".5", "e3", "}", "]", "[", "{\"x\":1,", "null", "\\u0041", "\\/", "\\ud800", "\u{1}"]
        var accepted = 0
        for _ in 0..<3000 {
            var bytes = Array(OperationCodec.encode(Self.randomOperation(&random)).utf8)
            let position = Int.random(in: 0...bytes.count, using: &random)
            switch Int.random(in: 0..<3, using: &random) {
            case 0 where position < bytes.count: bytes.remove(at: position)
            case 1 where position < bytes.count: bytes[position] = UInt8.random(in: 0x20...0x7E, using: &random)
            default: bytes.insert(contentsOf: Array(inserts.randomElement(using: &random)!.utf8), at: position)
            }
            let text = String(decoding: bytes, as: UTF8.self)
            let foundation = Self.decodedByFoundation(text)
            if let fast = JournalOperation(canonicalJSON: text) {
                accepted += 1
                #expect(fast == foundation, "\(text)")
            }
            #expect((try? OperationCodec.decode(text)) == foundation)
            // What a pull stores for it: this text only when it is the canonical encoding.
            if let kept = try? OperationCodec.decodeKeepingText(text) {
                #expect(kept.text == OperationCodec.encode(kept.operation), "kept a non-canonical text: \(text)")
            }
        }
        // Some changes keep a canonical shape (a digit, a letter inside a string).
        #expect(accepted > 100)
    }

    @Test func otherShapesAreLeftToFoundation() throws {
        let canonical = #"{"clock":5,"id":"d:1","kind":"symptom","record":"r","writes":[{"field":"severity","replaces":[],"value":3}]}"#
        #expect(JournalOperation(canonicalJSON: canonical) != nil)
        for other in [
            #"{"id":"d:1","clock":5,"kind":"symptom","record":"r","writes":[]}"#,  // keys out of order
            #"{"clock":5, "id":"d:1","kind":"symptom","record":"r","writes":[]}"#,  // a space
            #"{"clock":5.0,"id":"d:1","kind":"symptom","record":"r","writes":[]}"#,  // a fraction
            #"{"clock":05,"id":"d:1","kind":"symptom","record":"r","writes":[]}"#,  // a leading zero
            #"{"clock":5,"id":"d:1","kind":"symptom","record":"r","writes":[],"x":1}"#,  // an unknown key
            #"{"clock":5,"id":"d:0","kind":"symptom","record":"r","writes":[]}"#,  // counter 0
            #"{"clock":5,"id":"d:1","kind":"sympton","record":"r","writes":[]}"#,  // no such kind
            #"{"clock":5,"id":"d:1","kind":"symptom","record":"\ud800","writes":[]}"#,  // a lone surrogate
            #"{"clock":5,"id":"d:1","kind":"symptom","record":"r","writes":[{"field":"a","replaces":[],"value":1e3}]}"#,
            #"{"clock":5,"id":"d:1","kind":"symptom","record":"r","writes":[{"field":"a","replaces":[],"value":[1]}]}"#,
            #"{"clock":99999999999999999999,"id":"d:1","kind":"symptom","record":"r","writes":[]}"#,
            "{\"clock\":5,\"id\":\"d:1\",\"kind\":\"symptom\",\"record\":\"a\tb\",\"writes\":[]}"  // a raw tab
        ] {
            #expect(JournalOperation(canonicalJSON: other) == nil, "\(other)")
            #expect((try? OperationCodec.decode(other)) == Self.decodedByFoundation(other), "\(other)")
        }
    }
}
