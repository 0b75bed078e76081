/// A symptom the catalogue names, so that "arthralgia" and "joint pain" chart as one series.
public struct SymptomDefinition: Sendable, Hashable, Identifiable {
    /// The name stored in the journal ("joint-pain").
    public let id: String
    public let name: String
    /// Other names accepted on entry, in any case and with spaces or hyphens.
    public let aliases: [String]

    public init(id: String, name: String, aliases: [String] = []) {
        self.id = id
        self.name = name
        self.aliases = aliases
    }
}
