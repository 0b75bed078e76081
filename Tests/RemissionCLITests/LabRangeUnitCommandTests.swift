import Foundation
import RemissionTestSupport
import Testing

/// A reference range that cannot be in the value's unit is refused wherever it comes from
/// (`lab`, `edit`, CSV import), naming the unit it fits, and nothing is written (issue 10, item 4).
@Suite struct LabRangeUnitCommandTests {
    /// A journal with one good result, so that "unchanged" is about something.
    static func journal() throws -> CLI {
        let cli = try CLI.withJournal()
        try cli.ok("lab", "c3", "95", "mg/dL", "--range", "90-180", "--date", "2026-05-01")
        return cli
    }

    @Test(arguments: [
        (["lab", "c3", "0.9", "g/L", "--range", "90-180"], "90-180", "mg/dL"),
        (["lab", "c4", "14", "mg/dL", "--range", "0.1-0.4"], "0.1-0.4", "g/L"),
        (["lab", "cd19", "50", "cells/µL", "--range", "0.077-0.427"], "0.077-0.427", "10⁹/L")
    ])
    func labRefusesARangeInAnotherUnit(arguments: [String], range: String, fits: String) throws {
        let cli = try Self.journal()
        let before = try cli.export()
        let result = try cli.run(arguments)
        #expect(result.status == 64, "\(result)")
        #expect(result.stderr.contains("--range '\(range)': cannot be a reference range for"), "\(result.stderr)")
        #expect(result.stderr.contains("it fits \(fits)"), "\(result.stderr)")
        #expect(
            result.stderr.contains("Accepted: the lab's range in \(arguments[3]), the unit of the value, or value and range both in \(fits)"),
            "\(result.stderr)")
        #expect(try cli.export() == before)
        // The same result with its range in its own unit is kept.
        var fixed = arguments
        fixed[5] = ["c3": "0.9-1.8", "c4": "10-40", "cd19": "77-427"][arguments[1]]!
        let kept = try cli.run(fixed)
        #expect(kept.status == 0, "\(kept)")
    }

    @Test func belowZeroIsRefused() throws {
        let cli = try Self.journal()
        let before = try cli.export()
        let result = try cli.run(["lab", "cd19", "<0", "cells/uL"])
        #expect(result.status == 64, "\(result)")
        #expect(result.stderr.contains("VALUE '<0': is below zero, which no result can be"), "\(result.stderr)")
        let range = try cli.run(["lab", "anti-dsdna", "5", "IU/mL", "--range", "<0"])
        #expect(range.status == 64, "\(range)")
        #expect(range.stderr.contains("--range '<0': holds nothing"), "\(range.stderr)")
        #expect(try cli.export() == before)
    }

    @Test func editRefusesARangeInAnotherUnit() throws {
        let cli = try CLI.withJournal()
        try cli.ok("lab", "c4", "14", "mg/dL", "--date", "2026-05-01")
        let id = try cli.onlyID(kind: "lab")
        let before = try cli.export()
        let range = try cli.run(["edit", id, "--range", "0.1-0.4"])
        #expect(range.status == 64, "\(range)")
        #expect(range.stderr.contains("--range '0.1-0.4': cannot be a reference range for Complement C4 in mg/dL"), "\(range.stderr)")
        #expect(range.stderr.contains("it fits g/L"), "\(range.stderr)")
        // A value and unit changed to g/L with the range left in mg/dL, spelled out.
        let unit = try cli.run(["edit", id, "--value", "0.14", "--unit", "g/L", "--range", "10-40"])
        #expect(unit.status == 64, "\(unit)")
        #expect(unit.stderr.contains("it fits mg/dL"), "\(unit.stderr)")
        #expect(try cli.export() == before)
        try cli.ok("edit", id, "--range", "10-40")
    }

    @Test func csvImportRefusesARangeInAnotherUnit() throws {
        let cli = try Self.journal()
        let before = try cli.export()
        let file = cli.home.appendingPathComponent("portal.csv").path
        try Data(
            """
            date,analyte,value,unit,range
            2026-06-01,c3,1.0,g/L,0.9-1.8
            2026-06-01,c3,0.9,g/L,90-180
            2026-06-01,cd19,<0,cells/µL,
            """.utf8
        ).write(to: URL(fileURLWithPath: file))
        let result = try cli.run(["import", file])
        #expect(result.status == 65, "\(result)")
        #expect(
            result.stderr.contains("\(file):3: column 'range' (range) '90-180': cannot be a reference range for Complement C3 in g/L"),
            "\(result.stderr)")
        #expect(result.stderr.contains("it fits mg/dL"), "\(result.stderr)")
        #expect(result.stderr.contains("\(file):4: column 'value' (value) '<0': is below zero"), "\(result.stderr)")
        #expect(try cli.export() == before)
    }
}
