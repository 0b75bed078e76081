/// A string as JSON writes it, quoted and escaped: the one writer behind the exports, the
/// derived tables' values and the canonical operation bodies, so that all of them spell a
/// string alike, but for the one difference ``ControlSpelling`` keeps.
public enum JSONString {
    /// How U+0008 and U+000C are escaped. The exports and derived tables have always written
    /// `\u0008` and `\u000c`; operation bodies are the text `JSONEncoder` wrote, `\b` and `\f`,
    /// and every device compares a body's bytes.
    public enum ControlSpelling: Sendable {
        case unicode
        case jsonEncoder
    }

    /// `text` between quotes, with `"`, `\` and control characters escaped (`\n`, `\u001b`);
    /// everything else as it is, in UTF-8.
    public static func quoted(_ text: String) -> String {
        var out = ""
        append(text, to: &out)
        return out
    }

    public static func append(_ text: String, to out: inout String) {
        // Most text needs no escape: copied whole rather than byte by byte.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out += "\""
            out += text
            out += "\""
            return
        }
        var bytes: [UInt8] = []
        append(text, to: &bytes, spelling: .unicode)
        out += String(decoding: bytes, as: UTF8.self)
    }

    public static func append(_ text: String, to out: inout [UInt8], spelling: ControlSpelling) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), byte]
                case 0x0A: out += #"\n"#.utf8
                case 0x0D: out += #"\r"#.utf8
                case 0x09: out += #"\t"#.utf8
                case 0x08 where spelling == .jsonEncoder: out += #"\b"#.utf8
                case 0x0C where spelling == .jsonEncoder: out += #"\f"#.utf8
                case 0x00..<0x20: out += (#"\u00"# + [byte].lowercaseHex).utf8
                default: out.append(byte)
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
