/// Escaping for the report: every text that comes from the journal passes through here.
enum HTML {
    static func escape(_ text: String) -> String {
        // The five characters are ASCII, so bytes will do: most texts (a date, a unit, "5.2")
        // have none of them and are returned as they are, without walking their characters.
        // Each is escaped even when a combining mark follows it (`"` + U+0301 is one
        // Character, and was let through whole when this compared Characters).
        func special(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"): return true
            default: return false
            }
        }
        guard text.utf8.contains(where: special) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        var start = text.utf8.startIndex
        for index in text.utf8.indices where special(text.utf8[index]) {
            out.unicodeScalars.append(contentsOf: text.unicodeScalars[start..<index])
            switch text.utf8[index] {
            case UInt8(ascii: "&"): out += "&amp;"
            case UInt8(ascii: "<"): out += "&lt;"
            case UInt8(ascii: ">"): out += "&gt;"
            case UInt8(ascii: "\""): out += "&quot;"
            default: out += "&#39;"
            }
            start = text.utf8.index(after: index)
        }
        out.unicodeScalars.append(contentsOf: text.unicodeScalars[start...])
        return out
    }

    /// A number for SVG coordinates: two decimals, no exponent, so output is stable.
    static func coordinate(_ value: Double) -> String {
        let scaled = (value * 100).rounded() / 100
        if scaled == scaled.rounded() { return String(Int(scaled)) }
        var text = String(scaled)
        if text.contains("e") { text = "0" }
        return text
    }
}
