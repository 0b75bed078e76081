#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// How a day went: `remission log --wellbeing 7 --symptom fatigue=3 --note "…" --tag travel`.
///
/// The well-being, note and tags form one day-entry record; each symptom is a record of its
/// own, so that trends and edits can address one symptom.
public struct DayEntry: Sendable, Hashable {
    public var date: String?
    public var wellbeing: String?
    public var note: String?
    public var tags: [String]?

    public init(date: String? = nil, wellbeing: String? = nil, note: String? = nil, tags: [String]? = nil) {
        self.date = date
        self.wellbeing = wellbeing
        self.note = note
        self.tags = tags
    }

    /// Whether there is anything for a day-entry record (symptoms are separate records).
    public var isEmpty: Bool {
        wellbeing == nil && (note ?? "").allSatisfy(\.isWhitespace) && (tags ?? []).isEmpty
    }

    public func fields(_ context: EntryContext) throws(InputError) -> [String: FieldValue] {
        .init(fields: [
            .date: .text(try context.date(date).iso),
            .wellbeing: try wellbeing.map { text throws(InputError) in
                FieldValue.integer(Int64(try SymptomCatalogue.parseSeverity(text, field: "--wellbeing")))
            } ?? .null,
            .note: try EntryText.note(note).map(FieldValue.text) ?? .null,
            .tags: try tags.map { values throws(InputError) in
                let normalized = try values.map(Self.tag)
                return normalized.isEmpty ? FieldValue.null : .list(Array(Set(normalized)).sorted())
            } ?? .null
        ])
    }

    public init(fields: [String: FieldValue]) {
        self.init(
            date: fields[.date]?.text, wellbeing: fields[.wellbeing]?.integer.map { String($0) },
            note: fields[.note]?.text, tags: fields[.tags]?.list)
    }

    /// A tag: lower case letters, digits and hyphens, at most 30 characters.
    static func tag(_ text: String) throws(InputError) -> String {
        let tag = text.trimming(" ").lowercased().replacingSpaces()
        guard !tag.isEmpty, tag.count <= 30,
            tag.unicodeScalars.allSatisfy({ ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-") })
        else {
            throw InputError(
                field: "--tag", value: text, reason: "is not a simple tag",
                accepted: "letters, digits and hyphens, at most 30 characters (travel, new-job)")
        }
        return tag
    }
}

/// One symptom score as typed: `fatigue=3`.
public struct SymptomScore: Sendable, Hashable {
    public var name: String
    public var severity: Int

    public static func parse(_ text: String) throws(InputError) -> SymptomScore {
        guard let equals = text.lastIndex(of: "=") else {
            throw InputError(
                field: "--symptom", value: text, reason: "has no severity",
                accepted: "NAME=SEVERITY with a severity from 0 to 10 (fatigue=3)")
        }
        let name = try SymptomCatalogue.normalizedName(String(text[..<equals]))
        let severity = try SymptomCatalogue.parseSeverity(String(text[text.index(after: equals)...]), field: "--symptom \(name)")
        return SymptomScore(name: name, severity: severity)
    }

    /// The scores of one `log` command, at most one per symptom.
    ///
    /// Two scores of one symptom in one command ("fatigue=3" and "tired=4") are a typing
    /// mistake: which one did the user mean? Logged again later the same day, a score is kept,
    /// and the day counts its highest (``ClinicalTimeline/dailyWorstSymptoms(since:asOf:)``).
    ///
    /// - Throws: ``InputError`` for a bad score, or naming the second score of a symptom.
    public static func parseAll(_ texts: [String]) throws(InputError) -> [SymptomScore] {
        var scores: [SymptomScore] = []
        var typed: [String: String] = [:]
        for text in texts {
            let score = try parse(text)
            if let first = typed[score.name] {
                throw InputError(
                    field: "--symptom", value: text,
                    reason: "scores \(score.name) a second time in this command (first '\(first)')",
                    accepted: "one score per symptom in a command; to score it again later in the day, log it again then "
                        + "(the day counts its highest score)")
            }
            typed[score.name] = text
            scores.append(score)
        }
        return scores
    }

    public func fields(date: CalendarDate, entryID: String?) -> [String: FieldValue] {
        .init(fields: [
            .date: .text(date.iso), .name: .text(name), .severity: .integer(Int64(severity)),
            .entryId: entryID.map(FieldValue.text) ?? .null
        ])
    }
}

extension String {
    func replacingSpaces() -> String {
        String(map { $0 == " " || $0 == "_" ? "-" : $0 })
    }
}
