/// Counts as people write them: "1 day", "16 days", "1 unsynced change".
public enum Plural {
    /// `count` and the noun, in the plural unless the count is one; irregular plurals are given.
    public static func count(_ count: Int, _ singular: String, plural: String? = nil) -> String {
        "\(count) " + (count == 1 ? singular : plural ?? singular + "s")
    }
}
