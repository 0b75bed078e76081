import ArgumentParser
import RemissionCore
import RemissionStore

/// `--new-symptom NAME`: the explicit way to start a series whose name is close to a known
/// symptom (issue 11), for the commands that write symptom names.
struct NewSymptomOptions: ParsableArguments {
    @Option(
        name: .customLong("new-symptom"),
        help: ArgumentHelp(
            "Keep NAME as a new symptom although it is close to a known one (fatige next to fatigue); repeatable.",
            valueName: "name"))
    var allowed: [String] = []

    /// A symptom name about to be written: normalised, as typed, and the option it came from.
    struct Name {
        let name: String
        let typed: String
        let field: String
    }

    /// The names that start a new series, for the command to say so.
    ///
    /// - Throws: ``InputError`` "did you mean …?" for a name near a known one that
    ///   `--new-symptom` does not name. The journal is asked only when a name is not in the
    ///   catalogue, so that logging catalogue symptoms costs nothing more.
    func newNames(_ names: [Name], journal: Journal) throws -> [String] {
        try Self.newNames(names, allowed: allowed, journal: journal)
    }

    /// ``newNames(_:journal:)`` with the `--new-symptom` names given as values.
    static func newNames(_ names: [Name], allowed: [String], journal: Journal) throws -> [String] {
        let free = names.filter { SymptomCatalogue.definition(id: $0.name) == nil }
        guard !free.isEmpty else { return [] }
        let kept = Set(try allowed.map { try SymptomCatalogue.normalizedName($0, field: "--new-symptom") })
        let journalNames = try journal.symptomNames()
        var new: [String] = []
        for entry in free {
            switch SymptomNameCheck.classify(entry.name, journalNames: journalNames) {
            case .known: continue
            case .nearMiss(let suggestion) where !kept.contains(entry.name):
                throw SymptomNameCheck.refusal(field: entry.field, value: entry.typed, name: entry.name, suggestion: suggestion)
            case .new, .nearMiss: if !new.contains(entry.name) { new.append(entry.name) }
            }
        }
        return new
    }

    /// Says which names are new: on standard output with the records, on standard error
    /// under `--json`, so that the JSON stays one document.
    static func report(_ names: [String], json: Bool) {
        for name in names {
            let line = "new symptom: \(name) (not in the catalogue or the journal before; a series of its own)"
            if json { printError(line) } else { print(line) }
        }
    }
}
