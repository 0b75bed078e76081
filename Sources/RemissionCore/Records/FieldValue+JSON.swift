/// A small JSON codec for one field value, used for the derived tables where a value is
/// read back many times (listing ten years of symptoms decodes tens of thousands of them).
/// Operation bodies have their own canonical writer (`JournalOperation.canonicalJSON`).
extension FieldValue {
    /// The value as compact JSON text.
    public var json: String {
        switch self {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .integer(let value): return String(value)
        case .text(let value): return JSONString.quoted(value)
        case .list(let values): return "[" + values.map(JSONString.quoted).joined(separator: ",") + "]"
        }
    }

    /// Reads what ``json`` wrote; nil for anything else.
    public init?(json text: String) {
        switch text {
        case "null": self = .null; return
        case "true": self = .bool(true); return
        case "false": self = .bool(false); return
        default: break
        }
        guard let first = text.utf8.first else { return nil }
        if first == UInt8(ascii: "\"") {
            guard let value = Self.unquote(Substring(text)) else { return nil }
            self = .text(value)
        } else if first == UInt8(ascii: "[") {
            guard let values = Self.parseList(text) else { return nil }
            self = .list(values)
        } else if let value = Int64(text), String(value) == text {  // not "+5", "05", "-0"
            self = .integer(value)
        } else {
            return nil
        }
    }

    /// Parses one quoted JSON string that spans all of `text`.
    static func unquote(_ text: Substring) -> String? {
        var scalars = text.unicodeScalars[...]
        guard scalars.first == "\"", scalars.last == "\"", scalars.count >= 2 else { return nil }
        scalars = scalars.dropFirst().dropLast()
        var out = String.UnicodeScalarView()
        var iterator = scalars.makeIterator()
        while let scalar = iterator.next() {
            if scalar == "\"" { return nil }
            guard scalar == "\\" else { out.append(scalar); continue }
            switch iterator.next() {
            case "\"": out.append("\"")
            case "\\": out.append("\\")
            case "/": out.append("/")
            case "n": out.append("\n")
            case "r": out.append("\r")
            case "t": out.append("\t")
            case "b": out.append("\u{08}")
            case "f": out.append("\u{0C}")
            case "u":
                guard let unit = hex4(&iterator) else { return nil }
                if (0xD800..<0xDC00).contains(unit) {
                    guard iterator.next() == "\\", iterator.next() == "u", let low = hex4(&iterator),
                        (0xDC00..<0xE000).contains(low),
                        let combined = Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
                    else { return nil }
                    out.append(combined)
                } else {
                    guard let single = Unicode.Scalar(unit) else { return nil }
                    out.append(single)
                }
            default: return nil
            }
        }
        return String(out)
    }

    private static func hex4(_ iterator: inout Substring.UnicodeScalarView.Iterator) -> UInt32? {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let scalar = iterator.next(), let digit = Int(String(scalar), radix: 16) else { return nil }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// Parses a JSON array of strings as ``json`` writes it (no spaces).
    ///
    /// Walks Unicode scalars, not Characters: a quote followed by a combining mark, a ZWJ
    /// or an emoji modifier (or preceded by a prepend mark) is one Character, and would
    /// hide the quote that opens or closes an element.
    private static func parseList(_ text: String) -> [String]? {
        guard text.hasPrefix("["), text.hasSuffix("]") else { return nil }
        let inner = text.dropFirst().dropLast()
        if inner.isEmpty { return [] }
        let scalars = inner.unicodeScalars
        var values: [String] = []
        var start = scalars.startIndex
        var index = start
        var inString = false
        var escaped = false
        while index < scalars.endIndex {
            let scalar = scalars[index]
            if inString {
                if escaped { escaped = false } else if scalar == "\\" { escaped = true } else if scalar == "\"" { inString = false }
            } else if scalar == "\"" {
                inString = true
            } else if scalar == "," {
                guard let value = unquote(inner[start..<index]) else { return nil }
                values.append(value)
                start = scalars.index(after: index)
            }
            index = scalars.index(after: index)
        }
        guard !inString, let last = unquote(inner[start..<inner.endIndex]) else { return nil }
        values.append(last)
        return values
    }
}
