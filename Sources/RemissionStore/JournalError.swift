import RemissionCore

/// Why the journal could not do what was asked. Messages name the file or record and say
/// what to do next; they never contain field values, which may be health data.
public enum JournalError: Error, Sendable, CustomStringConvertible {
    /// No journal at the path.
    case notFound(path: String)
    /// `init` on a journal that exists.
    case alreadyExists(path: String)
    /// The file is not a remission journal (not SQLite, or SQLite of another program).
    case notAJournal(path: String, reason: String)
    /// The file cannot be read or written (permissions, disk).
    case unreadable(path: String, reason: String)
    /// Written by a newer remission: opening it could damage it.
    case newerSchema(path: String, unknownMigrations: [String])
    /// No record has this id or id prefix.
    case unknownRecord(String)
    /// Several records start with this prefix.
    case ambiguousRecord(String, matches: [String])
    /// A change that the merge rule or the record kind does not allow.
    case invalidChange(String)
    /// An operation from an import or another device that cannot be applied.
    case invalidOperation(OperationID, reason: String)
    /// A database error with its context.
    case database(String)
    /// The settings file next to the journal cannot be read as settings.
    case badSettings(path: String, reason: String)
    /// The follow-up plan file next to the journal cannot be read as a plan.
    case badPlan(path: String, reason: String)

    public var description: String {
        switch self {
        case .notFound(let path):
            return "no journal at \(path). Create one with `remission init`, or point to an existing one with --journal DIR or REMISSION_HOME."
        case .alreadyExists(let path):
            return "a journal already exists at \(path); nothing was changed. Use --journal DIR to create another one elsewhere."
        case .notAJournal(let path, let reason):
            return "\(path) is not a remission journal (\(reason)); nothing was changed."
        case .unreadable(let path, let reason):
            return "cannot use the journal at \(path): \(reason)."
        case .newerSchema(let path, let unknown):
            return
                "the journal at \(path) was written by a newer version of remission (schema \(unknown.joined(separator: ", "))); install the newer version to use it. Nothing was changed."
        case .unknownRecord(let id):
            return "no record with id '\(id)'. `remission list` shows the ids."
        case .ambiguousRecord(let prefix, let matches):
            return "id '\(prefix)' matches \(matches.count) records (\(matches.prefix(5).joined(separator: ", "))); type more of the id."
        case .invalidChange(let reason):
            return reason
        case .invalidOperation(let id, let reason):
            return "operation \(id) cannot be applied: \(reason); nothing was applied."
        case .database(let message):
            return "database error: \(message)"
        case .badSettings(let path, let reason):
            return
                "the settings file \(path) cannot be used: \(reason). Fix or remove it (`remission config reset` starts again from the defaults); nothing was changed."
        case .badPlan(let path, let reason):
            return
                "the follow-up plan file \(path) cannot be used: \(reason). Fix or remove it (`remission plan reset` starts again from the default plan); nothing was changed."
        }
    }
}
