import Crypto
import Foundation
import RemissionCore
@testable import RemissionFormats
import Testing

/// The one writer of each encoding: hex digests, JSON strings, name-based UUIDs.
@Suite struct EncodingHelperTests {
    @Test func hexIsLowerCaseAndPadded() {
        #expect([UInt8]([0x00, 0x0f, 0xa0, 0xff]).lowercaseHex == "000fa0ff")
        // The SHA-256 of "abc" (FIPS 180-2, appendix B.1).
        #expect(SHA256.hash(data: Array("abc".utf8)).lowercaseHex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func jsonStringsAreEscapedOnce() {
        #expect(JSONString.quoted("plain") == "\"plain\"")
        #expect(JSONString.quoted("a \"b\" \\ c\n\t\u{1B}") == "\"a \\\"b\\\" \\\\ c\\n\\t\\u001b\"")
        #expect(JSONString.quoted("µ ✓") == "\"µ ✓\"")
        // What JSONSerialization reads back is the text.
        let text = "quote \" slash \\ bell \u{07} é"
        let decoded = try? JSONSerialization.jsonObject(with: Data(JSONString.quoted(text).utf8), options: .fragmentsAllowed) as? String
        #expect(decoded == text)
    }

    @Test func nameBasedUUIDsFollowRFC9562() {
        // RFC 9562, appendix A.4: the DNS namespace and "www.example.com".
        #expect(
            NameBasedUUID.make(namespace: "6ba7b810-9dad-11d1-80b4-00c04fd430c8", name: "www.example.com")
                == "2ed6657d-e927-568b-95e1-2665a8aea6a2")
    }
}
