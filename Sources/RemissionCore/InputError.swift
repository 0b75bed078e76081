/// A value the user typed that the journal cannot accept.
///
/// Every message names the field, the value and what would be accepted, so that the
/// user can correct the command without reading the manual. The command line maps this
/// error to exit status 64 (`EX_USAGE`) and writes nothing.
public struct InputError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The option or argument the value came from, as the user typed it (`--severity`).
    public var field: String
    /// The offending value, as typed.
    public var value: String
    /// Why it was refused.
    public var reason: String
    /// What would be accepted instead, if that can be said in a few words.
    public var accepted: String?

    /// Whether the user typed a value; false for a refusal of the command as a whole.
    public var hasValue: Bool

    public init(field: String, value: String, reason: String, accepted: String? = nil) {
        self.field = field
        self.value = value
        self.reason = reason
        self.accepted = accepted
        hasValue = true
    }

    /// A refusal without a typed value: what is missing, or a command given nothing to do.
    public init(field: String, reason: String, accepted: String? = nil) {
        self.init(field: field, value: "", reason: reason, accepted: accepted)
        hasValue = false
    }

    /// "FIELD 'VALUE': REASON." — or "FIELD REASON." when no value was typed (`assess has no
    /// score`), so that a message never quotes an empty value nobody typed.
    public var description: String {
        let ending = reason.last.map { ".?!".contains($0) } == true ? "" : "."
        var text = !hasValue ? "\(field) \(reason)\(ending)" : "\(field) '\(value)': \(reason)\(ending)"
        if let accepted { text += " Accepted: \(accepted)." }
        return text
    }
}
