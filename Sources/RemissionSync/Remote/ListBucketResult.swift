import Foundation

/// The parts of an S3 ListObjectsV2 answer that remission uses.
///
/// A small reader rather than Foundation's XMLParser: FoundationXML would bring libxml2 into
/// the static binary for five elements. S3 answers are machine-written (no CDATA, no
/// comments, entities only as escapes), so finding elements by name is enough; anything
/// else is refused by the callers' checks (keys must lie under the prefix asked for).
struct ListBucketResult: Equatable {
    /// Keys of the objects (`<Contents><Key>`), in the server's order.
    var keys: [String] = []
    /// Common prefixes (`<CommonPrefixes><Prefix>`) when a delimiter was given: the folders.
    var prefixes: [String] = []
    var isTruncated = false
    var nextContinuationToken: String?

    init(keys: [String] = [], prefixes: [String] = [], isTruncated: Bool = false, nextContinuationToken: String? = nil) {
        self.keys = keys
        self.prefixes = prefixes
        self.isTruncated = isTruncated
        self.nextContinuationToken = nextContinuationToken
    }

    /// Parses the answer; nil when it is not a ListBucketResult at all.
    static func parse(_ data: Data) -> ListBucketResult? {
        let text = String(decoding: data, as: UTF8.self)
        guard S3XML.elements("ListBucketResult", in: Substring(text)).first != nil else { return nil }
        var result = ListBucketResult()
        for contents in S3XML.elements("Contents", in: Substring(text)) {
            if let key = S3XML.elements("Key", in: contents).first { result.keys.append(S3XML.unescaped(key)) }
        }
        for common in S3XML.elements("CommonPrefixes", in: Substring(text)) {
            if let prefix = S3XML.elements("Prefix", in: common).first { result.prefixes.append(S3XML.unescaped(prefix)) }
        }
        // Top-level elements only: a key named "IsTruncated" is inside <Key>, already read.
        let outside = S3XML.removingElements(["Contents", "CommonPrefixes"], from: text)
        result.isTruncated = S3XML.elements("IsTruncated", in: Substring(outside)).first.map { $0.trimmingCharacters(in: .whitespaces) == "true" } ?? false
        result.nextContinuationToken = S3XML.elements("NextContinuationToken", in: Substring(outside)).first.map { S3XML.unescaped($0) }
        return result
    }
}

/// An S3 error answer: `<Error><Code>…</Code><Message>…</Message></Error>`.
struct S3ErrorBody: Equatable {
    var code: String
    var message: String?

    static func parse(_ data: Data) -> S3ErrorBody? {
        let text = String(decoding: data.prefix(64 << 10), as: UTF8.self)
        guard let error = S3XML.elements("Error", in: Substring(text)).first,
            let code = S3XML.elements("Code", in: error).first.map({ S3XML.unescaped($0) }), !code.isEmpty
        else { return nil }
        // Only letters and digits: the code is printed, and a hostile server chooses it.
        let clean = String(code.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) && $0.isASCII }.prefix(64).map(Character.init))
        let message = S3XML.elements("Message", in: error).first.map { S3XML.unescaped($0) }
        return S3ErrorBody(code: clean, message: message.map { String($0.filter { !$0.isNewline && $0.isASCII }.prefix(200)) })
    }
}

/// Element lookup in machine-written XML.
enum S3XML {
    /// The texts between `<name>` (or `<name attributes…>`) and `</name>`, outermost first.
    static func elements(_ name: String, in text: Substring) -> [Substring] {
        var results: [Substring] = []
        var rest = text[...]
        while let open = rest.range(of: "<" + name) {
            let after = rest[open.upperBound...]
            guard let first = after.first, first == ">" || first == " " || first == "/" || first == "\n" || first == "\t" || first == "\r",
                let end = after.firstIndex(of: ">")
            else {
                rest = after
                continue
            }
            if rest[..<end].hasSuffix("/") {  // <name/>: empty
                results.append(after[after.endIndex...])
                rest = rest[rest.index(after: end)...]
                continue
            }
            let body = rest[rest.index(after: end)...]
            guard let close = body.range(of: "</" + name + ">") else { break }
            results.append(body[..<close.lowerBound])
            rest = body[close.upperBound...]
        }
        return results
    }

    /// The text with every element of these names taken out.
    static func removingElements(_ names: [String], from text: String) -> String {
        var text = text
        for name in names {
            while let open = text.range(of: "<" + name + ">"), let close = text.range(of: "</" + name + ">", range: open.upperBound..<text.endIndex) {
                text.removeSubrange(open.lowerBound..<close.upperBound)
            }
        }
        return text
    }

    /// XML's five named escapes and numeric character references.
    static func unescaped(_ text: Substring) -> String {
        guard text.contains("&") else { return String(text) }
        var result = ""
        var rest = text[...]
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            guard let semi = rest[amp...].firstIndex(of: ";"), rest.distance(from: amp, to: semi) <= 10 else {
                result += "&"
                rest = rest[rest.index(after: amp)...]
                continue
            }
            let entity = rest[rest.index(after: amp)..<semi]
            switch entity {
            case "amp": result += "&"
            case "lt": result += "<"
            case "gt": result += ">"
            case "quot": result += "\""
            case "apos": result += "'"
            default:
                let scalar: UInt32? =
                    entity.hasPrefix("#x")
                    ? UInt32(entity.dropFirst(2), radix: 16)
                    : entity.hasPrefix("#") ? UInt32(entity.dropFirst(), radix: 10) : nil
                if let scalar, let character = Unicode.Scalar(scalar) {
                    result.unicodeScalars.append(character)
                } else {
                    result += "&" + entity + ";"
                }
            }
            rest = rest[rest.index(after: semi)...]
        }
        return result + rest
    }
}
