import Foundation
import RemissionTestSupport
import Testing

/// A symptom name near a known one is refused with a suggestion and an explicit override; a
/// name far from all is kept and said to be new (issue 11, item 1).
@Suite struct SymptomNameCommandTests {
    @Test func aSlipOfACatalogueNameIsRefusedAndNothingIsWritten() throws {
        let cli = try CLI.withJournal()
        let before = try cli.export()
        let result = try cli.run(["log", "--symptom", "fatige=3", "--wellbeing", "6"])
        #expect(result.status == 64, "\(result)")
        #expect(
            result.stderr == "Error: --symptom 'fatige=3': did you mean fatigue? fatige is not a known symptom and would "
                + "start a series of its own. Accepted: fatigue, or --new-symptom fatige to keep fatige as a new symptom.\n")
        #expect(try cli.export() == before)
    }

    @Test func theOverrideKeepsTheNewName() throws {
        let cli = try CLI.withJournal()
        let output = try cli.ok("log", "--symptom", "fatige=3", "--new-symptom", "fatige")
        #expect(output.contains("fatige 3/10"))
        #expect(output.contains("new symptom: fatige"))
        // Now in the journal, the name is known: no refusal, no "new" the second time.
        #expect(!(try cli.ok("log", "--symptom", "fatige=2")).contains("new symptom"))
    }

    @Test func aFarNameIsAcceptedAndSaidToBeNew() throws {
        let cli = try CLI.withJournal()
        let output = try cli.ok("log", "--symptom", "back-pain=2", "--symptom", "fatigue=1")
        #expect(output.contains("new symptom: back-pain"))
        #expect(!output.contains("new symptom: fatigue"))
        // JSON stays one document; the note goes to standard error.
        let json = try cli.run(["log", "--symptom", "tinnitus=1", "--json"])
        #expect(json.status == 0)
        #expect(json.stderr.contains("new symptom: tinnitus"))
        #expect(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) is [Any])
    }

    @Test func aSlipOfAJournalNameIsRefused() throws {
        let cli = try CLI.withJournal()
        try cli.ok("log", "--symptom", "back-pain=2")
        let before = try cli.export()
        let result = try cli.run(["log", "--symptom", "Back_Pains=1"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--symptom 'Back_Pains=1': did you mean back-pain?"), "\(result)")
        #expect(try cli.export() == before)
        #expect(try cli.ok("log", "--symptom", "Back_Pain=1").contains("back-pain 1/10"))
    }

    @Test func editNameIsCheckedTheSameWay() throws {
        let cli = try CLI.withJournal()
        try cli.ok("log", "--symptom", "nausea=2")
        let id = try cli.onlyID(kind: "symptom")
        let before = try cli.export()
        let result = try cli.run(["edit", id, "--name", "fatige"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("Error: --name 'fatige': did you mean fatigue?"), "\(result)")
        #expect(result.stderr.contains("--new-symptom fatige"))
        #expect(try cli.export() == before)
        let kept = try cli.ok("edit", id, "--name", "fatige", "--new-symptom", "fatige")
        #expect(kept.contains("new symptom: fatige"))
        #expect(!(try cli.ok("edit", id, "--name", "fatigue")).contains("new symptom"))
    }
}
