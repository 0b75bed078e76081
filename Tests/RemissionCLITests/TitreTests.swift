import Foundation
import RemissionTestSupport
import Testing

/// A titre (ANA 1:160) reads as a dilution everywhere: in `trend`, the report, the exports,
/// and its chart doubles per step.
@Suite struct TitreTests {
    static func journal() throws -> CLI {
        let cli = try CLI.withJournal()
        try cli.ok("lab", "ana", "1:160", "titre", "--date", "2026-02-20")
        try cli.ok("lab", "ana", "1:640", "titre", "--range", "<1:80", "--date", "2026-06-01")
        try cli.ok("lab", "ana", "1:160", "titre", "--range", "<1:80", "--date", "2026-10-01")
        return cli
    }

    @Test func trendShowsDilutionsAndFoldChanges() throws {
        let cli = try Self.journal()
        let output = try cli.ok("trend", "ana")
        let row = try #require(output.split(separator: "\n").first { $0.hasPrefix("ana-titre") })
        #expect(row.contains("1:160") && row.contains("÷4") && row.contains("1:640"), "\(row)")
        #expect(row.contains("3  1:160   2026-10-01"), "the latest is the dilution alone: \(row)")
        #expect(output.contains("2026-06-01  day +91   1:640  titre  <1:80  high"), "\(output)")
        #expect(!output.contains(" 160 "), "\(output)")
    }

    @Test func aTitreRangeIsOnlyForATitre() throws {
        let cli = try CLI.withJournal()
        let before = try cli.export()
        let refused = try cli.run(["lab", "c3", "1.0", "g/L", "--range", "<1:80"])
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("--range '<1:80': is written as a titre, and g/L is not one"), "\(refused)")
        #expect(try cli.export() == before)
    }

    @Test func theReportChartsDoublingsAndPrintsDilutions() throws {
        let cli = try Self.journal()
        let path = cli.home.appendingPathComponent("report.html").path
        try cli.ok("report", "--output", path)
        let html = try String(contentsOfFile: path, encoding: .utf8)
        let chart = try #require(html.components(separatedBy: "id=\"chart-ana-titre\"").last?.components(separatedBy: "</figure>").first)
        #expect(chart.contains("latest 1:160"), "\(chart.prefix(400))")
        let ticks = chart.components(separatedBy: "dominant-baseline=\"middle\">1:").dropFirst().compactMap { Int($0.prefix { $0.isNumber }) }
        #expect(ticks == [160, 320, 640], "\(ticks)")
        // Doublings are evenly spaced: 1:320 lies halfway between 1:160 and 1:640.
        func y(_ label: String) throws -> Double {
            let before = try #require(chart.components(separatedBy: "dominant-baseline=\"middle\">\(label)<").first)
            let value = try #require(before.components(separatedBy: " y=\"").last?.prefix { $0 != "\"" })
            return try #require(Double(value))
        }
        let (y160, y320, y640) = (try y("1:160"), try y("1:320"), try y("1:640"))
        #expect(abs((y160 + y640) / 2 - y320) < 0.2)
        #expect(html.contains("<title>2026-06-01: 1:640</title>"))
        #expect(html.contains("1:640 ↑") && html.contains("&lt;1:80"))
    }

    @Test func exportsKeepTheDilution() throws {
        let cli = try Self.journal()
        let csv = try cli.ok("export", "--format", "csv")
        #expect(csv.contains(",lab,ana-titre,1:640,,titre,640,titre,<1:80,,80,high,"), "\(csv)")
        let export = try cli.run(["export", "--format", "fhir"])
        let bundle = try #require(try JSONSerialization.jsonObject(with: Data(export.stdout.utf8)) as? [String: Any])
        let observations = (bundle["entry"] as? [[String: Any]] ?? []).compactMap { $0["resource"] as? [String: Any] }
            .filter { ExportFormatTests.coding($0["code"])?["code"] as? String == "5048-4" }
        #expect(observations.count == 3)
        let ratios = observations.compactMap { $0["valueRatio"] as? [String: Any] }
            .compactMap { (($0["denominator"] as? [String: Any])?["value"] as? NSNumber)?.intValue }
        #expect(ratios.sorted() == [160, 160, 640])
        #expect(observations.allSatisfy { $0["valueQuantity"] == nil })
        let validation = try ScriptCheck.fhir(export.stdout)
        #expect(validation.status == 0, "\(validation)")
    }
}
