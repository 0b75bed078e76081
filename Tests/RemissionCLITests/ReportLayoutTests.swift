import Foundation
import RemissionTestSupport
import Testing

/// The clinic report of a first-user trial's journal fits a few printed pages without losing
/// what it holds; long journals keep the tables to the last year.
@Suite struct ReportLayoutTests {
    /// Four months after an infusion on 2026-07-20: daily logs with notes, labs every one to
    /// four weeks from two labs, a prednisone taper, a titre, events.
    static func trialJournal() throws -> CLI {
        let cli = try CLI()
        try cli.ok("init", "--infusion-date", "2026-07-20", "--diagnosis", "SLE", "--target", "CD19", "--device-name", "laptop")
        try cli.ok("med", "start", "hydroxychloroquine", "--dose", "200 mg", "--frequency", "twice-daily", "--date", "2024-03-01")
        try cli.ok("med", "start", "mycophenolate", "--dose", "1000 mg", "--frequency", "twice-daily", "--date", "2025-01-10")
        try cli.ok("med", "stop", "mycophenolate", "--date", "2026-07-06")
        try cli.ok("med", "start", "prednisone", "--dose", "10 mg", "--frequency", "daily", "--date", "2026-06-20")
        for (dose, date) in [("7.5 mg", "2026-08-03"), ("5 mg", "2026-08-19"), ("2.5 mg", "2026-09-18")] {
            try cli.ok("med", "change", "prednisone", "--dose", dose, "--date", date)
        }
        try cli.ok("med", "stop", "prednisone", "--date", "2026-10-18")
        try cli.ok("event", "lymphodepletion", "--date", "d-5", "--note", "fludarabine + cyclophosphamide")
        try cli.ok("event", "crs", "--date", "d+1", "--grade", "1", "--note", "fever 38.4")
        try cli.ok("event", "infection", "--date", "d+40", "--note", "upper respiratory")
        var csv = "date,analyte,value,unit,range,lab\n"
        let dayZero = try #require(CalendarDateText.date("2026-07-20"))
        func date(_ day: Int) -> String { CalendarDateText.iso(dayZero.addingTimeInterval(Double(day) * 86_400)) }
        for (index, day) in [-5, 7, 14, 21, 28, 45, 60, 90, 120].enumerated() {
            let lab = index % 2 == 0 ? "City Hospital" : "Local GP lab"
            var rows = [
                ("wbc", "\(3 + index % 4).\(index)", "10^9/L", "4.0-10.0"), ("lymphocytes", "0.\(4 + index)", "10^9/L", "1.0-4.0"),
                ("neutrophils", "\(2 + index % 3).1", "10^9/L", "1.8-7.5"), ("platelets", "\(140 + 15 * index)", "10^9/L", "150-400"),
                ("haemoglobin", "\(108 + 3 * index)", "g/L", "120-160"), ("creatinine", "\(70 + index)", "umol/L", "45-90"),
                ("crp", "\(1 + index % 5).5", "mg/L", "<5"), ("cd19", day < 0 ? "210" : day < 90 ? "0" : "95", "cells/uL", "77-427")
            ]
            if [-5, 28, 60, 90, 120].contains(day) {
                rows += [
                    ("anti-dsdna", "\(max(8, 180 - 2 * (day + 5)))", "IU/mL", "<30"), ("c3", "0.\(70 + index * 3)", "g/L", "0.9-1.8"),
                    ("c4", "0.\(9 + index)", "g/L", "0.1-0.4"), ("igg", "\(10 - index / 2).2", "g/L", "7-16")
                ]
            }
            if [-5, 90].contains(day) { rows.append(("upcr", day < 0 ? "310" : "45", "mg/mmol", "<30")) }
            for (analyte, value, unit, range) in rows { csv += "\(date(day)),\(analyte),\(value),\(unit),\(range),\(lab)\n" }
        }
        csv += "\(date(-5)),ana,1:160,titre,,City Hospital\n"
        let file = cli.home.appendingPathComponent("labs.csv")
        try Data(csv.utf8).write(to: file)
        try cli.ok("import", file.path)
        for day in -10...123 {
            var arguments = ["log", "--date", date(day), "--symptom", "fatigue=\(((day + 20) * 7 + 3) % 6 + 1)", "--wellbeing", "\(((day + 20) * 3) % 5 + 4)"]
            if day % 3 == 0 { arguments += ["--symptom", "joint pain=\((day + 20) % 4 + 1)"] }
            if day % 11 == 0 { arguments += ["--note", "Slept badly; walked 20 minutes, knees stiff in the morning, better by noon. Day \(day)."] }
            let result = try cli.run(arguments)
            try #require(result.status == 0, "\(result)")
        }
        return cli
    }

    @Test func theFourMonthTrialPrintsOnFourA4Pages() throws {
        let cli = try Self.trialJournal()
        let page = cli.home.appendingPathComponent("report.html")
        try cli.ok("report", "--output", page.path)
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(html.utf8.count < 100_000, "\(html.utf8.count) bytes")
        // A single result is a row, not a chart of one point.
        #expect(!html.contains("id=\"chart-ana-titre\""))
        #expect(html.contains("<h3>One result in this period</h3>"))
        #expect(html.contains("<td>Antinuclear antibodies (titre)</td><td class=\"num\">1:160</td>"), "a titre reads as one")
        // Names whole: the row labels' margin fits the longest.
        #expect(html.contains(">Hydroxychloroquine</text>") && html.contains(">Mycophenolate mofetil</text>"))
        #expect(!html.contains("…</text>"))
        // The lab table: a column per day and lab, every result there.
        let table = try #require(html.components(separatedBy: "<section id=\"lab-table\">").last?.components(separatedBy: "</section>").first)
        #expect(table.components(separatedBy: "<th class=\"result\">").count - 1 == 9)
        #expect(table.contains("<span class=\"lab\">Local GP lab</span>"))
        #expect(table.components(separatedBy: "<td>").count + table.components(separatedBy: "<td class=\"out\">").count > 90)
        let a4 = cli.home.appendingPathComponent("a4.html")
        try html.replacingOccurrences(of: "@page {", with: "@page { size: A4;").write(to: a4, atomically: true, encoding: .utf8)
        let directory = cli.home.appendingPathComponent("browser")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let printed = try HeadlessBrowser.render(a4, in: directory)
        #expect(printed.consoleMessages.isEmpty, "console: \(printed.consoleMessages)")
        #expect(printed.pageSize.map { [$0.width, $0.height] } == [595, 842])
        #expect(printed.pageCount <= 4, "\(printed.pageCount) A4 pages")
        // Every chart drawn: 13 series of two or more results, the symptom strip, the medications.
        #expect(printed.dom.components(separatedBy: "<svg").count - 1 == 15)
    }

    @Test func withoutSinceTheTablesHoldTheLastYear() throws {
        let cli = try CLI.withJournal()  // day 0 on 2026-03-02; today 2026-11-20
        try cli.ok("lab", "crp", "12", "mg/L", "--range", "<5", "--date", "2024-05-02")
        try cli.ok("lab", "crp", "2", "mg/L", "--range", "<5", "--date", "2024-06-02")
        try cli.ok("lab", "crp", "3", "mg/L", "--range", "<5", "--date", "2026-05-02")
        try cli.ok("log", "--date", "2024-06-02", "--note", "an old note")
        try cli.ok("log", "--date", "2026-06-02", "--note", "a recent note")
        let path = cli.home.appendingPathComponent("report.html").path
        try cli.ok("report", "--output", path)
        let html = try String(contentsOfFile: path, encoding: .utf8)
        #expect(html.contains("<h3>Before 2025-11-20: 1 result out of range, 1 other within range or unflagged</h3>"), "\(html)")
        #expect(html.contains("<td>2024-05-02</td>") && html.contains(">12 ↑</td>"))
        #expect(!html.contains("<td>2024-06-02</td>"))
        #expect(html.contains("a recent note") && !html.contains("an old note"))
        #expect(html.contains("1 earlier note is in `remission list` and `remission export`"))
        // Both results are still charted.
        let chart = try #require(html.components(separatedBy: "id=\"chart-crp\"").last?.components(separatedBy: "</figure>").first)
        #expect(chart.components(separatedBy: "<circle ").count - 1 == 3)
        // A period chosen with --since is listed whole.
        try cli.ok("report", "--output", path, "--since", "2024-01-01", "--force")
        let chosen = try String(contentsOfFile: path, encoding: .utf8)
        #expect(chosen.contains("2024-06-02") && chosen.contains("an old note") && !chosen.contains("<h3>Before"))
    }
}
