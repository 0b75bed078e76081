import Foundation
import RemissionCore
import Testing

@Suite struct FieldValueJSONTests {
    static let trickyStrings: [String] = [
        "", " ", "plain", "quote \" inside", "\"", "\"\"", "back\\slash", "\\", "\\\"", "ends with \\",
        "line\nbreak", "cr\r\nlf", "tab\there", "\u{0}", "\u{1}\u{1F}\u{7F}", "\u{8}\u{C}",
        "/slash/", "naïve café", "emoji 🧬🩸", "👍🏽", "👨‍👩‍👧", "non-BMP 𝄞 𠜎", "\u{FEFF}bom",
        "\u{2028}\u{2029}", "comma, inside", "[not a list]", "{\"a\":1}", "null", "true", "123",
        "\u{301}combining first", "ends combining e\u{301}", "\u{200D}zwj first", "\u{600}prepend", "prepend last\u{600}",
        "🏽 modifier first", "\u{FFFD}", "\u{10FFFF}"
    ]

    @Test func textRoundTrips() throws {
        for text in Self.trickyStrings {
            let value = FieldValue.text(text)
            #expect(FieldValue(json: value.json) == value, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            // And it is real JSON: Foundation reads it back to the same string.
            let decoded = try JSONDecoder().decode(String.self, from: Data(value.json.utf8))
            #expect(decoded == text)
        }
    }

    @Test func listsRoundTrip() throws {
        var lists: [[String]] = [
            [], [""], ["", ""], ["a"], ["a", "b"], ["a,b", "c"], [",", ",,"], ["\"", "\","],
            ["\\", "\\\""], ["x\\", "y"], ["[", "]"], ["a\",\"b"]
        ]
        lists.append(Self.trickyStrings)
        lists += Self.trickyStrings.map { [$0, "after"] }
        lists += Self.trickyStrings.map { ["before", $0] }
        for list in lists {
            let value = FieldValue.list(list)
            #expect(FieldValue(json: value.json) == value, "\(list.map { $0.unicodeScalars.map { String($0.value, radix: 16) } })")
            #expect(try JSONDecoder().decode([String].self, from: Data(value.json.utf8)) == list)
        }
    }

    @Test func integersRoundTrip() {
        for number: Int64 in [0, 1, -1, 7, -42, 10, 1_000_000, Int64.max, Int64.min, Int64.max - 1, Int64.min + 1] {
            let value = FieldValue.integer(number)
            #expect(value.json == String(number))
            #expect(FieldValue(json: value.json) == value)
        }
    }

    @Test func scalarsRoundTrip() {
        for value: FieldValue in [.null, .bool(true), .bool(false), .text("true"), .text("null"), .text("1"), .list(["true"])] {
            #expect(FieldValue(json: value.json) == value, "\(value.json)")
        }
        #expect(FieldValue.text("1").json == "\"1\"")
        #expect(FieldValue.null.json == "null")
    }

    @Test func jsonAgreesWithTheCodableEncoding() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let values: [FieldValue] =
            [.null, .bool(true), .integer(-5), .integer(Int64.min), .text("a\"b\\c"), .list(["x", "y,z"])]
            + Self.trickyStrings.map(FieldValue.text)
        for value in values {
            let data = try encoder.encode(value)
            #expect(try JSONDecoder().decode(FieldValue.self, from: data) == value)
            #expect(FieldValue(json: String(decoding: data, as: UTF8.self)) == value, "\(String(decoding: data, as: UTF8.self))")
        }
    }

    @Test(arguments: [
        "", " ", "nul", "True", "NULL", "nan", "abc", "1.5", "1e3", "0x10", "--1", "+5", "05", "-0", " 5", "5 ",
        "9223372036854775808", "-9223372036854775809", "\"", "\"abc", "abc\"", "\"a\"b\"", "\"\\x\"", "\"\\u12\"",
        "\"\\ud800\"", "\"\\udc00\"", "\"\\ud800\\u0041\"", "\"a\\\"", "[", "]", "[\"a\"", "[\"a\",]", "[,\"a\"]",
        "[a]", "[1,2]", "[\"a\" ,\"b\"]", "[\"a\"\"b\"]", "[\"a\",\"b]", "[null]", "[[\"a\"]]", "{}", "true ", "truex"
    ])
    func malformedInputIsNil(text: String) {
        #expect(FieldValue(json: text) == nil, "\(text) parsed as \(String(describing: FieldValue(json: text)))")
    }
}
