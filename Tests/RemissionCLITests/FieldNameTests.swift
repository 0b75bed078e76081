import Foundation
import RemissionCore
import RemissionTestSupport
import Testing

/// Field names as people and programs see them, with the built binary: `edit` takes the
/// field table's options, and `show`, `conflicts` and `history` print snake_case only.
@Suite struct FieldNameTests {
    typealias Pair = SyncCommandTests.Pair

    /// Stored names that differ from their snake_case form (`stopReason`): none may show.
    static let camelCaseNames = Field.allCases.map(\.rawValue).filter { $0 != Field(rawValue: $0)?.snakeCaseName }

    static func camelCaseNames(in text: String) -> [String] {
        camelCaseNames.filter { name in
            text.range(of: "\\b\(name)\\b", options: .regularExpression) != nil
        }
    }

    @Test func editTakesTheOptionsOfTheFieldTable() throws {
        let cli = try CLI()
        let help = try cli.run(["edit", "--help"])
        #expect(help.status == 0)
        let options = help.stdout.split(separator: "\n").compactMap { line -> String? in
            let trimmed = line.drop { $0 == " " }
            guard line.hasPrefix("  "), trimmed.hasPrefix("--") else { return nil }
            return String(trimmed.dropFirst(2).prefix { $0.isLetter || $0 == "-" })
        }
        let common: Set = ["journal", "json", "version", "new-symptom"]
        #expect(Set(options).subtracting(common) == Set(RecordKind.editOptions), "\(help.stdout)")
        #expect(options.count == Set(options).count)
        for kind in RecordKind.allCases {
            let listed = kind.editOptions.map { "--" + $0 }.joined(separator: " ")
            #expect(help.stdout.replacingOccurrences(of: "\n", with: " ").contains(": " + listed), "\(kind): \(listed)")
        }
        #expect(help.stdout.contains("Why it was stopped. (medication)"))

        // An option the table gives another kind is refused, naming the kind's own.
        let journal = try CLI.withJournal()
        try journal.ok("assess", "--date", "2026-05-01", "--sledai", "2")
        let id = try journal.onlyID(kind: "assessment")
        let refused = try journal.run(["edit", id, "--dose", "5 mg"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("--date, --sledai, --clinical-sledai, --pga, --note"), "\(refused)")
    }

    @Test func showConflictsAndHistoryPrintSnakeCaseOnly() throws {
        let pair = try Pair()
        try pair.run(["lab", "c3", "82", "mg/dL", "--range", "90-180", "--date", "2026-10-01", "--journal", pair.laptop])
        try pair.run(["med", "start", "prednisone", "--dose", "10 mg", "--frequency", "daily", "--date", "2026-01-05", "--journal", pair.laptop])
        try pair.run(["med", "stop", "prednisone", "--date", "2026-06-01", "--reason", "tapered off", "--journal", pair.laptop])
        try pair.run(["sync", "--journal", pair.laptop])
        try pair.run(["sync", "--journal", pair.desktop])
        let meds = try #require(
            try FieldGroupTests.json(try pair.run(["list", "--kind", "medication", "--json", "--journal", pair.laptop])) as? [[String: Any]])
        let med = try #require(meds.first?["id"] as? String)
        let labs = try #require(try FieldGroupTests.json(try pair.run(["list", "--kind", "lab", "--json", "--journal", pair.laptop])) as? [[String: Any]])
        let lab = try #require(labs.first?["id"] as? String)
        try pair.run(["edit", med, "--stop-reason", "in remission", "--journal", pair.laptop])
        try pair.run(["edit", med, "--stop-reason", "side effects", "--journal", pair.desktop])
        try pair.run(["sync", "--journal", pair.laptop])
        try pair.run(["sync", "--journal", pair.desktop])
        try pair.run(["sync", "--journal", pair.laptop])

        let conflicts = try pair.run(["conflicts", "--journal", pair.laptop]).stdout
        #expect(conflicts.contains("  stop_reason:"), "\(conflicts)")
        let shownMed = try pair.run(["show", med, "--journal", pair.laptop]).stdout
        #expect(shownMed.contains("  stop_reason: "), "\(shownMed)")
        #expect(shownMed.contains("  end_date: 2026-06-01"), "\(shownMed)")
        #expect(shownMed.contains("conflict on stop_reason:"), "\(shownMed)")
        let shownLab = try pair.run(["show", lab, "--journal", pair.laptop]).stdout
        #expect(shownLab.contains("  canonical_value: 0.82"), "\(shownLab)")
        #expect(shownLab.contains("  range_low: 0.9"), "\(shownLab)")
        let history = try pair.run(["history", med, "--journal", pair.laptop]).stdout
        #expect(history.contains("stop_reason"), "\(history)")
        for (command, output) in [("conflicts", conflicts), ("show", shownMed), ("show", shownLab), ("history", history)] {
            #expect(Self.camelCaseNames(in: output).isEmpty, "\(command) prints \(Self.camelCaseNames(in: output)):\n\(output)")
        }
        // The JSON forms too, keys and conflicting alternatives alike.
        for arguments in [["show", med, "--json"], ["conflicts", "--json"], ["history", med, "--json"], ["show", lab, "--json"]] {
            let output = try pair.run(arguments + ["--journal", pair.laptop]).stdout
            #expect(Self.camelCaseNames(in: output).isEmpty, "\(arguments[0]) --json prints \(Self.camelCaseNames(in: output))")
        }
        // `conflicts settle` takes the name as printed.
        try pair.run(["conflicts", "settle", String(med.prefix(8)), "stop_reason", "1", "--journal", pair.laptop])
        #expect(try pair.run(["conflicts", "--journal", pair.laptop]).stdout == "No conflicts.\n")
    }
}
