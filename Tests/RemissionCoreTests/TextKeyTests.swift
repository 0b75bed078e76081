import RemissionTestSupport
import Testing

@testable import RemissionCore

/// Catalogue keys: the ASCII byte loop must give what Unicode's rules give (issue 12).
@Suite struct TextKeyTests {
    @Test func asciiKeysAreUnicodeKeys() {
        var random = SeededGenerator(seed: 12)
        let bytes = Array(0x00...0x7F).map(UInt8.init) + Array(repeating: UInt8(ascii: " "), count: 20) + Array("Aa-_' ".utf8)
        var compared = 0
        for _ in 0..<5_000 {
            let text = String(decoding: (0..<Int.random(in: 0...12, using: &random)).map { _ in bytes.randomElement(using: &random)! }, as: UTF8.self)
            guard let key = TextKey.asciiLookup(text) else { continue }
            #expect(key == TextKey.unicodeLookup(text), "\(Array(text.utf8))")
            compared += 1
        }
        #expect(compared > 3_000)
    }

    @Test func textBeyondAsciiOrWithLineBreaksTakesUnicodeRules() {
        #expect(TextKey.asciiLookup("Ödem") == nil)
        #expect(TextKey.asciiLookup(" fatigue\n") == nil)
        #expect(TextKey.lookup(" fatigue\n") == "fatigue")
        #expect(TextKey.lookup("Anti\u{2011}dsDNA") == "antidsdna")
        #expect(TextKey.lookup(" Joint_Pain ") == "jointpain")
    }

    @Test func everyCatalogueNameTakesTheByteLoop() {
        for symptom in SymptomCatalogue.all {
            for name in [symptom.id, symptom.name] + symptom.aliases {
                #expect(TextKey.asciiLookup(name) == TextKey.unicodeLookup(name), "\(name)")
            }
        }
    }
}
