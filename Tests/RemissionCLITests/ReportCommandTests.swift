import Foundation
import RemissionTestSupport
import Testing

/// `remission report`: the HTML file itself, and how a real browser renders and prints it.
@Suite struct ReportCommandTests {
    static func reportJournal() throws -> CLI {
        let cli = try SummaryCommandTests.remissionJournal()
        try cli.ok("lab", "crp", "3.1", "mg/L", "--date", "2026-10-01", "--note", "taken at <City> lab & \"checked\"")
        try cli.ok("log", "--date", "2026-11-19", "--note", "<script>alert('x')</script> tired after the trip")
        try cli.ok("event", "crs", "--grade", "1", "--date", "2026-03-04")
        return cli
    }

    @Test func theFileIsSelfContainedAndEscapesJournalText() throws {
        let cli = try Self.reportJournal()
        try cli.ok("med", "start", "hydrocortisone", "--route", "topical", "--frequency", "twice-daily", "--date", "2026-09-01")
        let path = cli.home.appendingPathComponent("report.html").path
        let result = try cli.run(["report", "--output", path])
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr == "Wrote the report to \(path).\n")
        let html = try String(contentsOfFile: path, encoding: .utf8)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        // No script, nothing fetched: the only URL is the SVG namespace.
        #expect(html.contains("content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\""))
        #expect(!html.contains("<script"))
        #expect(!html.contains(" src=") && !html.contains(" href="))
        #expect(html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").range(of: "https?://", options: .regularExpression) == nil)
        // Journal text is escaped.
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; tired after the trip"))
        #expect(html.contains("taken at &lt;City&gt; lab &amp; &quot;checked&quot;"))
        // What a clinician reads: status, alerts, each lab series, the medication periods, the lab table.
        #expect(html.contains("reconstituted from day +171 (2026-08-20)"))
        #expect(html.contains("infection on 2026-11-05 (day +248), 15 days ago"))
        for analyte in ["cd19", "anti-dsdna", "c3", "c4"] {
            #expect(html.contains("<figure class=\"lab-chart\" id=\"chart-\(analyte)\">"), "no chart for \(analyte)")
        }
        // A series of one result is a row of its own table, not a chart of one point.
        for (name, value) in [("Immunoglobulin G (IgG)", "5.2"), ("C-reactive protein", "3.1")] {
            #expect(!html.contains("<figcaption><strong>\(name)"), "a chart for one result of \(name)")
            #expect(html.contains("<td>\(name)</td><td class=\"num\">\(value)</td>"), "no row for \(name)")
        }
        #expect(html.contains("<td>Prednisone</td><td>10 mg</td><td>daily</td><td>–</td><td class=\"date\">2026-03-02 <span class=\"day\">day 0</span></td>"))
        // A cream is shown as one, on its own row, never as a systemic dose.
        #expect(html.contains("<td>Hydrocortisone (topical)</td><td>–</td><td>twice daily</td><td>topical</td><td class=\"date\">2026-09-01"))
        #expect(html.contains("<title>Hydrocortisone (topical)</title>Hydrocortisone (topical)</text>"))
        #expect(html.contains("dominant-baseline=\"middle\">topical</text>"))
        #expect(html.contains("<title>2026-09-01 – ongoing: twice daily topical</title>"))
        // Results on days of their own are a list (a matrix would be a diagonal of empty cells).
        #expect(html.contains("<td>Complement C3</td><td>95</td><td>mg/dL</td><td>90-180</td>"), "the lab table's row for C3 as printed")
        #expect(html.contains("Cytokine release syndrome (CRS)</td><td>1</td>"))
        // Never over an existing file without --force.
        let again = try cli.run(["report", "--output", path])
        #expect(again.status == 73)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == html)
    }

    /// Daily CRP for two years: more results than the chart has pixels across. The chart
    /// thins them, but every result out of range stays drawn, and one range printed for two
    /// years is one band.
    /// `"` with a combining mark after it is one Character: it is escaped all the same, or
    /// it would end an attribute.
    @Test func aQuoteWithACombiningMarkIsEscaped() throws {
        let cli = try SummaryCommandTests.remissionJournal()
        try cli.ok("log", "--date", "2026-11-19", "--note", "said \"\u{301}fine\" <\u{301}b>")
        let path = cli.home.appendingPathComponent("report.html").path
        _ = try cli.ok("report", "--output", path)
        let html = try String(contentsOfFile: path, encoding: .utf8)
        #expect(html.contains("said &quot;\u{301}fine&quot; &lt;\u{301}b&gt;"))
    }

    @Test func aLongSeriesIsThinnedWithoutHidingOutOfRangeValues() throws {
        let cli = try CLI.withJournal()
        var rows = "date,analyte,value,unit,range\n"
        var outOfRange: [String] = []
        var day = try #require(CalendarDateText.date("2024-11-21"))
        for index in 0..<730 {
            let high = index % 97 == 13
            let value = high ? "\(12 + index % 5)" : "\(1 + index % 3).\(index % 10)"
            if high { outOfRange.append(CalendarDateText.iso(day)) }
            rows += "\(CalendarDateText.iso(day)),crp,\(value),mg/L,0-5\n"
            day = day.addingTimeInterval(86_400)
        }
        let csv = cli.home.appendingPathComponent("crp.csv")
        try Data(rows.utf8).write(to: csv)
        try cli.ok("import", csv.path)
        let path = cli.home.appendingPathComponent("report.html").path
        try cli.ok("report", "--output", path)
        let html = try String(contentsOfFile: path, encoding: .utf8)
        let chart = try #require(html.components(separatedBy: "id=\"chart-crp\"").dropFirst().first?.components(separatedBy: "</figure>").first)
        let points = chart.components(separatedBy: "<circle ").count - 1
        #expect(points < 730 && points > 100, "\(points) points drawn")
        #expect(chart.components(separatedBy: "<rect class=\"range\"").count - 1 == 1)
        #expect(outOfRange.count == 8)
        for date in outOfRange {
            #expect(chart.contains("<circle class=\"point out\""), "no out-of-range point")
            #expect(chart.contains("<title>\(date): "), "the result of \(date), out of range, is not drawn")
        }
        #expect(html.contains("730 results"))
    }

    @Test func sinceLimitsThePeriod() throws {
        let cli = try Self.reportJournal()
        let path = cli.home.appendingPathComponent("recent.html").path
        try cli.ok("report", "--output", path, "--since", "90d")
        let html = try String(contentsOfFile: path, encoding: .utf8)
        #expect(html.contains("Period: 2026-08-23 to 2026-11-20"))  // the last 90 days, today included
        #expect(html.contains("<td>C-reactive protein</td><td class=\"num\">3.1</td>"))  // its one result in the period
        #expect(!html.contains("id=\"chart-c4\"") && !html.contains("<td>Complement C4</td>"))  // C4 was last measured in June
        #expect(!html.contains("2026-03-04"))  // the CRS event is before the period
        // The status still uses everything recorded.
        #expect(html.contains("reconstituted from day +171"))
    }

    /// The report in Debian's Chromium: no console error or blocked resource, every chart drawn,
    /// coloured ink where the charts are, and a PDF on Letter and on A4 paper.
    @Test func rendersAndPrintsInARealBrowser() throws {
        let cli = try Self.reportJournal()
        let page = cli.home.appendingPathComponent("report.html")
        try cli.ok("report", "--output", page.path)
        let directory = cli.home.appendingPathComponent("browser")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let rendering = try HeadlessBrowser.render(page, in: directory)
        #expect(rendering.consoleMessages.isEmpty, "console: \(rendering.consoleMessages)")
        // The DOM after layout: 4 lab charts (IgG and CRP have one result: rows), the symptom
        // strip and the medication timeline.
        #expect(rendering.dom.components(separatedBy: "<svg").count - 1 == 6)
        #expect(rendering.dom.components(separatedBy: "<polyline class=\"series\"").count - 1 == 4)  // series with 2+ values
        #expect(rendering.dom.contains("<line class=\"infusion\""))
        // One point per charted lab result (7 CD19, 4 anti-dsDNA, 3 C3, 2 C4), one cell per
        // symptom and day (fatigue on 4 days, joint pain on 1), one bar per dose period (3 of
        // prednisone, hydroxychloroquine); mycophenolate stopped before the charts begin.
        #expect(rendering.dom.components(separatedBy: "<circle ").count - 1 == 16)
        #expect(rendering.dom.components(separatedBy: "<rect class=\"s").count - 1 == 5)
        #expect(rendering.dom.components(separatedBy: "<rect class=\"period\"").count - 1 == 4)
        #expect(rendering.dom.contains("stopped 2026-02-15, before this chart"))
        // Pixels: the series blue, the out-of-range red, the medication bars, the symptom oranges.
        let colours = try Self.colourCounts(rendering.screenshot, ["1f4e9c", "b71c1c", "5c85c5", "fd8d3c"])
        #expect(colours["1f4e9c", default: 0] > 300, "series: \(colours)")
        #expect(colours["b71c1c", default: 0] > 100, "out of range: \(colours)")
        #expect(colours["5c85c5", default: 0] > 1000, "medication bars: \(colours)")
        #expect(colours["fd8d3c", default: 0] > 10, "symptoms: \(colours)")
        // Printing: Letter by default, A4 when the page asks for it; a few pages, not dozens.
        #expect(rendering.pageSize.map { [$0.width, $0.height] } == [612, 792])
        #expect((2...6).contains(rendering.pageCount), "\(rendering.pageCount) pages")
        let a4 = cli.home.appendingPathComponent("a4.html")
        let html = try String(contentsOf: page, encoding: .utf8)
        try html.replacingOccurrences(of: "@page {", with: "@page { size: A4;").write(to: a4, atomically: true, encoding: .utf8)
        let printed = try HeadlessBrowser.render(a4, in: directory)
        #expect(printed.consoleMessages.isEmpty, "console: \(printed.consoleMessages)")
        #expect(printed.pageSize.map { [$0.width, $0.height] } == [595, 842])
        #expect((2...6).contains(printed.pageCount), "\(printed.pageCount) pages")
    }

    /// A page with a script and an external image: the same checks must fail, or they prove nothing.
    @Test func theBrowserCheckSeesErrors() throws {
        let cli = try CLI()
        let page = cli.home.appendingPathComponent("bad.html")
        try """
        <!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:"></head>
        <body><img src="https://example.invalid/x.png"><svg><path d="M0 0 L 10 zz"/></svg></body></html>
        """.write(to: page, atomically: true, encoding: .utf8)
        let directory = cli.home.appendingPathComponent("browser")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let rendering = try HeadlessBrowser.render(page, in: directory, width: 400, height: 300)
        #expect(rendering.consoleMessages.count >= 2, "\(rendering.log)")
        #expect(rendering.consoleMessages.contains { $0.contains("Content Security Policy") })
    }

    static func colourCounts(_ png: URL, _ colours: [String]) throws -> [String: Int] {
        let output = png.deletingLastPathComponent().appendingPathComponent("colours.json")
        let errors = png.deletingLastPathComponent().appendingPathComponent("colours.err")
        let status = try ProcessRunner.runSpawned(
            ["/usr/bin/python3", Repository.path("scripts/check-screenshot.py"), png.path] + colours, stdin: "/dev/null",
            stdout: output.path, stderr: errors.path)
        try #require(status == 0, "check-screenshot.py: \((try? String(contentsOf: errors, encoding: .utf8)) ?? "")")
        let object = try JSONSerialization.jsonObject(with: try Data(contentsOf: output)) as? [String: Any]
        return object?["colours"] as? [String: Int] ?? [:]
    }
}

/// Dates for building test files, in UTC.
enum CalendarDateText {
    static func date(_ iso: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return formatter.date(from: iso)
    }

    static func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return formatter.string(from: date)
    }
}
