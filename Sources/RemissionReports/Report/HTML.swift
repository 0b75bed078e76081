/// Escaping for the report: every text that comes from the journal passes through here.
enum HTML {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
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
