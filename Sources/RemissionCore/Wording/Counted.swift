/// A count with its noun, singular for one: "1 unsynced change", "2 unsynced changes".
///
/// Every message that prints a count goes through this, so that none says "1 days".
///
/// - Parameter plural: for a noun that does not take an "s" ("1 entry", "2 entries").
public func counted(_ count: Int, _ singular: String, plural: String? = nil) -> String {
    "\(count) " + (count == 1 ? singular : plural ?? singular + "s")
}
