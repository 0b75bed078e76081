import Foundation
import RemissionTestSupport
import Testing

/// B cells between aplasia and reconstitution (issue 10, item 6): text, JSON (against its
/// schema), report and alerts agree.
@Suite struct BCellRecoveryCommandTests {
    static func bCells(_ cli: CLI, _ arguments: String...) throws -> (block: [String: Any], alerts: [[String: Any]]) {
        let result = try cli.run(["summary", "--json"] + arguments)
        #expect(result.status == 0, "\(result)")
        try ScriptCheck.schema(result.stdout, "summary.schema.json")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        return (try #require(summary["b_cells"] as? [String: Any]), try #require(summary["alerts"] as? [[String: Any]]))
    }

    /// Infusion 2026-03-02: none detected on day +14, 12 cells/µL on day +100 (CLINICAL.md's
    /// example), then 130 and 160 on days +152 and +183.
    @Test func aplasiaThenRecoveringThenReconstituted() throws {
        let cli = try CLI.withJournal()
        try cli.ok("lab", "cd19", "<1", "cells/uL", "--date", "2026-03-16")
        var (b, alerts) = try Self.bCells(cli)
        #expect(b["status"] as? String == "aplasia")
        #expect(b["last_value"] as? Int == 1 && b["last_qualifier"] as? String == "<")
        #expect(b["recovering_since"] is NSNull)
        #expect(b["aplasia_limit"] as? Int == 1 && b["threshold"] as? Int == 100)
        #expect(alerts.isEmpty)
        #expect(try cli.ok("summary").contains("aplasia (none detected: below 1 cells/µL or under the lab's detection limit); last <1 cells/µL on day +14"))

        try cli.ok("lab", "cd19", "12", "cells/uL", "--date", "2026-06-10")
        (b, alerts) = try Self.bCells(cli)
        #expect(b["status"] as? String == "recovering")
        #expect(b["recovering_since"] as? String == "2026-06-10")
        #expect(b["reconstitution_date"] is NSNull)
        let message = "B cells detectable again: 12 cells/µL on 2026-06-10 (day +100), below the reconstitution threshold of 100 cells/µL"
        #expect(alerts.map { $0["code"] as? String } == ["b_cells_recovering"])
        #expect(alerts.first?["date"] as? String == "2026-06-10")
        #expect(alerts.first?["message"] as? String == message)
        let line =
            "recovering: detectable since day +100 (2026-06-10), below the reconstitution threshold of 100 cells/µL; "
            + "last 12 cells/µL on day +100 (2026-06-10)"
        let text = try cli.ok("summary")
        #expect(text.contains(line), "\(text)")
        #expect(text.contains("\(message)  [b_cells_recovering]"), "\(text)")
        let path = cli.home.appendingPathComponent("clinic.html").path
        try cli.ok("report", "--output", path)
        let html = try String(contentsOfFile: path, encoding: .utf8)
        #expect(html.contains(line))
        #expect(html.contains(message))
        #expect(html.contains("B-cell aplasia &lt; 1 cells/µL or none detected"))

        // A centre that calls aplasia below 20 cells/µL: 12 is aplasia, and no alert.
        (b, alerts) = try Self.bCells(cli, "--set", "b_cell_aplasia_per_ul=20")
        #expect(b["status"] as? String == "aplasia" && b["aplasia_limit"] as? Int == 20)
        #expect(alerts.isEmpty)
        try cli.ok("config", "set", "b_cell_aplasia_per_ul", "20")
        #expect(try cli.ok("summary").contains("aplasia (none detected: below 20 cells/µL or under the lab's detection limit)"))
        let config = try cli.run(["config", "list", "--json"])
        try ScriptCheck.schema(config.stdout, "config.schema.json")
        try cli.ok("config", "unset", "b_cell_aplasia_per_ul")

        try cli.ok("lab", "cd19", "130", "cells/uL", "--date", "2026-08-01")
        try cli.ok("lab", "cd19", "160", "cells/uL", "--date", "2026-09-01")
        (b, alerts) = try Self.bCells(cli)
        #expect(b["status"] as? String == "reconstituted")
        #expect(b["reconstitution_day"] as? Int == 152 && b["recovering_since"] is NSNull)
        #expect(alerts.map { $0["code"] as? String } == ["b_cells_reconstituted"])
    }

    @Test func theAplasiaLimitIsACheckedSetting() throws {
        let cli = try CLI.withJournal()
        let result = try cli.run(["config", "set", "b_cell_aplasia_per_ul", "0"])
        #expect(result.status == 64, "\(result)")
        #expect(result.stderr.contains("b_cell_aplasia_per_ul '0': is out of range. Accepted: a number from 0.1 to 100000"))
        let list = try #require(try cli.json("config", "list") as? [[String: Any]])
        let limit = try #require(list.first { $0["key"] as? String == "b_cell_aplasia_per_ul" })
        #expect(limit["default"] as? Int == 1)
        #expect((limit["description"] as? String)?.contains("below which a count is aplasia") == true)
    }
}
