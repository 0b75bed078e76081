/// The comparison a lab prints before a value it could not measure exactly ("<5").
///
/// A result "<5" is not the number 5: charts and rules must know it is a bound.
public enum Qualifier: String, Sendable, Codable, CaseIterable {
    case lessThan = "<"
    case greaterThan = ">"
    case lessOrEqual = "<="
    case greaterOrEqual = ">="

    /// The prefixes users type, longest first so that "<=" is not read as "<".
    static let spellings: [(text: String, qualifier: Qualifier)] = [
        ("<=", .lessOrEqual), (">=", .greaterOrEqual), ("\u{2264}", .lessOrEqual), ("\u{2265}", .greaterOrEqual),
        ("<", .lessThan), (">", .greaterThan)
    ]

    /// Splits a leading qualifier off `text`, returning the rest without the spaces after it.
    static func split(_ text: String) -> (qualifier: Qualifier?, rest: Substring) {
        for spelling in spellings where text.hasPrefix(spelling.text) {
            let rest = text.dropFirst(spelling.text.count).drop(while: { $0 == " " })
            return (spelling.qualifier, rest)
        }
        return (nil, Substring(text))
    }
}
