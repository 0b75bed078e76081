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

    public init(field: String, value: String, reason: String, accepted: String? = nil) {
        self.field = field
        self.value = value
        self.reason = reason
        self.accepted = accepted
    }

    public var description: String {
        var text = "\(field) '\(value)': \(reason)."
        if let accepted { text += " Accepted: \(accepted)." }
        return text
    }
}
