import RemissionCore

/// A JSON value whose numbers are kept as decimal text, and its one rendering.
///
/// FHIR decimals carry their precision ("0.50" is not "0.5"), and a lab value must reach
/// the file exactly as the journal holds it, never through a `Double`. Rendering is
/// deterministic: keys sorted by their UTF-8 bytes, two-space indentation, "\n" line ends,
/// only the characters JSON requires escaped.
public indirect enum ExactJSON: Sendable, Hashable {
    case object([String: ExactJSON])
    case array([ExactJSON])
    case string(String)
    /// A JSON number as text; ``decimal(_:)`` makes one from the journal's text.
    case number(String)
    case bool(Bool)

    /// A number from the journal's decimal text ("0.82", "160", "05.2"): kept as written
    /// when it is a valid JSON number, else normalised ("05.2" → "5.2"); nil if it is not
    /// a number at all.
    public static func decimal(_ text: String) -> ExactJSON? {
        if isJSONNumber(text) { return .number(text) }
        let digits = text.drop { $0 == "0" }
        let normalised = digits.isEmpty || digits.hasPrefix(".") ? "0" + digits : String(digits)
        return isJSONNumber(normalised) ? .number(normalised) : nil
    }

    public static func integer(_ value: some BinaryInteger) -> ExactJSON { .number(String(value)) }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?`, exponents left out on purpose: the journal never writes them.
    static func isJSONNumber(_ text: String) -> Bool {
        var scalars = Substring(text).unicodeScalars[...]
        if scalars.first == "-" { scalars = scalars.dropFirst() }
        let whole = scalars.prefix { ("0"..."9").contains($0) }
        guard !whole.isEmpty, whole.count == 1 || whole.first != "0" else { return false }
        let rest = scalars.dropFirst(whole.count)
        if rest.isEmpty { return true }
        guard rest.first == "." else { return false }
        let fraction = rest.dropFirst()
        return !fraction.isEmpty && fraction.allSatisfy { ("0"..."9").contains($0) }
    }

    /// The document, ending in a newline.
    public func rendered() -> String {
        var out = ""
        render(into: &out, indent: 0)
        out += "\n"
        return out
    }

    private func render(into out: inout String, indent: Int) {
        switch self {
        case .object(let members):
            guard !members.isEmpty else {
                out += "{}"
                return
            }
            out += "{\n"
            let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (position, key) in keys.enumerated() {
                out += String(repeating: "  ", count: indent + 1)
                JSONString.append(key, to: &out)
                out += ": "
                members[key]!.render(into: &out, indent: indent + 1)
                out += position == keys.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: "  ", count: indent) + "}"
        case .array(let items):
            guard !items.isEmpty else {
                out += "[]"
                return
            }
            out += "[\n"
            for (position, item) in items.enumerated() {
                out += String(repeating: "  ", count: indent + 1)
                item.render(into: &out, indent: indent + 1)
                out += position == items.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: "  ", count: indent) + "]"
        case .string(let text):
            JSONString.append(text, to: &out)
        case .number(let text):
            out += text
        case .bool(let value):
            out += value ? "true" : "false"
        }
    }
}
