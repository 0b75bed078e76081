/// Whether a symptom name continues a series or starts a new one, and whether a new one is
/// so close to a known name that it is more likely a typing slip ("fatige" for fatigue).
///
/// A slip splits a symptom's history into two series without anyone noticing, so a name
/// near a known one is refused until the user says it is new (`--new-symptom NAME`); a
/// name far from every known one is accepted and reported as new.
///
/// Known names are the catalogue's ids, display names and aliases, and the names already
/// in the journal. Names are compared as ``TextKey/lookup(_:)`` keys: without case,
/// spaces, hyphens, underscores or apostrophes.
public enum SymptomNameCheck: Sendable, Hashable {
    /// The catalogue names it, or the journal holds it already.
    case known
    /// Far from every known name: a new series.
    case new
    /// Not known, but within ``allowedEdits(forLength:)`` of this known name.
    case nearMiss(String)

    /// The edits (insert, delete, substitute, swap of neighbours) within which a new name
    /// counts as a slip of a known one, for a key of `length` characters: none up to 3
    /// (two short names differ by a letter too easily: "itch", "cold"), 1 up to 9, 2 from 10
    /// ("shortnes of breath"). A fixed threshold would flag every short name or miss slips
    /// in long ones.
    public static func allowedEdits(forLength length: Int) -> Int {
        length >= 10 ? 2 : length >= 4 ? 1 : 0
    }

    /// Classifies `name`, a name as ``SymptomCatalogue/normalizedName(_:field:)`` returns it.
    ///
    /// - Parameter journalNames: the symptom names already in the journal.
    public static func classify(_ name: String, journalNames: some Sequence<String>) -> SymptomNameCheck {
        let key = TextKey.lookup(name)
        if SymptomCatalogue.definition(id: name) != nil { return .known }
        var candidates = SymptomCatalogue.all.flatMap { symptom in
            ([symptom.id, symptom.name] + symptom.aliases).map { (key: TextKey.lookup($0), name: symptom.id) }
        }
        candidates += journalNames.map { (TextKey.lookup($0), $0) }
        if candidates.contains(where: { $0.key == key }) { return .known }
        return TextKey.suggestion(for: key, among: candidates.map { ($0.key, $0.name) }, allowed: allowedEdits(forLength: key.count))
            .map { .nearMiss($0) } ?? .new
    }

    /// The refusal of a name near a known one: "did you mean fatigue?", and how to keep it.
    ///
    /// - Parameters:
    ///   - field: the option the name came from, as typed (`--symptom`, `--name`, a CSV line).
    ///   - value: the value as typed.
    ///   - name: the normalised new name.
    ///   - suggestion: the known name it is near.
    public static func refusal(field: String, value: String, name: String, suggestion: String) -> InputError {
        InputError(
            field: field, value: value,
            reason: "did you mean \(suggestion)? \(name) is not a known symptom and would start a series of its own",
            accepted: "\(suggestion), or --new-symptom \(name) to keep \(name) as a new symptom")
    }
}
