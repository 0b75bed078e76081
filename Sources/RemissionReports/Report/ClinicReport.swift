import Foundation
import RemissionCore
import RemissionStore

/// `remission report`: one self-contained HTML page for a clinic visit.
///
/// No script and no external resource: a Content-Security-Policy forbids both, so the file
/// shows the same offline, in a mail attachment, or printed. Charts are inline SVG; the
/// layout fits the printable width of A4 and Letter.
public struct ClinicReport {
    public let summary: ClinicalSummary
    public let timeline: ClinicalTimeline
    public let since: CalendarDate?
    public let profile: RecordSnapshot?
    public let labs: [StoredLabResult]
    public let notes: [Journal.TimelineNote]
    public let version: String
    /// The follow-up plan's items on the "as of" day: what is overdue and what comes next.
    public let followUp: DueSchedule

    public init(
        journal: Journal, asOf: CalendarDate, since: CalendarDate?, settings: ClinicalSettings, version: String,
        plan: FollowUpPlan = FollowUpPlan()
    ) throws {
        timeline = try journal.clinicalTimeline()
        summary = ClinicalSummary(timeline: timeline, asOf: asOf, settings: settings)
        self.since = since
        profile = try journal.snapshot(Journal.profileID)
        labs = try journal.labResults(since: since, until: asOf)
        notes = try journal.notes(since: since, until: asOf)
        self.version = version
        followUp = DueSchedule(plan: plan, records: try journal.followUpRecords(entriesOn: asOf), asOf: asOf, settings: settings)
    }

    var asOf: CalendarDate { summary.asOf }
    var infusion: CalendarDate? { timeline.infusion }

    func inWindow(_ date: CalendarDate) -> Bool { date <= asOf && (since.map { date >= $0 } ?? true) }

    func dayLabel(_ date: CalendarDate) -> String { StudyDay.label(for: date, infusion: infusion) ?? "" }

    /// From `since` (else the first lab result, symptom or event) to the "as of" day. Medication
    /// starts do not widen it: a drug begun years before the infusion would squeeze the
    /// follow-up into the last tenth of every chart; its bar starts at the left edge instead.
    func timeScale() -> SVGChart.TimeScale {
        if let since { return .init(first: since, last: asOf) }
        var first = asOf
        for lab in timeline.labs where lab.date < first { first = lab.date }
        for symptom in timeline.symptoms where symptom.date < first { first = symptom.date }
        for event in timeline.events where event.date < first { first = event.date }
        if first == asOf, let start = timeline.medications.map(\.start).min(), start < first { first = start }
        return .init(first: first, last: asOf)
    }

    public func html() -> String {
        let scale = timeScale()
        let symptoms = symptomRows(), medications = medicationRows()
        // The symptom strip and the medication timeline share one margin wide enough for every
        // name ("Hydroxychloroquine" whole), so that their days line up.
        let rowScale = scale.resized(
            width: SVGChart.width, left: SVGChart.labelMargin(for: symptoms.names + medications.map(\.name)), right: SVGChart.right)
        var body = header()
        body += summarySection()
        body += labCharts(scale: scale)
        body += symptomSection(symptoms, scale: rowScale)
        body += medicationSection(medications, scale: rowScale)
        body += eventSection()
        body += labTable()
        body += noteSection()
        body +=
            "<footer>Made by remission \(HTML.escape(version)) from the patient's own journal on \(asOf.iso). "
            + "Statuses follow the definitions and thresholds listed under “Thresholds”; values are as reported by the labs.</footer>"
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Clinic report as of \(asOf.iso)</title>
            <style>\(Self.css)</style>
            </head>
            <body>
            \(body)
            </body>
            </html>

            """
    }

    func header() -> String {
        var facts: [String] = ["As of <strong>\(asOf.iso)</strong>"]
        if let infusion, infusion <= asOf {
            facts.append("CAR-T infusion (day 0) on <strong>\(infusion.iso)</strong>, day \(asOf.days(since: infusion)) on \(asOf.iso)")
        } else if let infusion {
            facts.append("CAR-T infusion on <strong>\(infusion.iso)</strong>, after this day")
        } else {
            facts.append("no infusion date recorded")
        }
        if let profile {
            for (field, name) in [("diagnosis", "Diagnosis"), ("product", "Product"), ("target", "Target"), ("lymphodepletion", "Lymphodepletion")] {
                if let value = profile[field].text { facts.append("\(name): \(HTML.escape(value))") }
            }
        }
        facts.append(since.map { "Period: \($0.iso) to \(asOf.iso)" } ?? "Period: everything recorded")
        return "<header><h1>Clinic report</h1><p class=\"meta\">\(facts.joined(separator: " · "))</p></header>\n"
    }

    func summarySection() -> String {
        let text = SummaryText(summary, style: .plain)
        var html = "<section id=\"summary\"><h2>Remission status</h2><table class=\"summary\">"
        for row in text.rows() {
            let tone = row.tone == .good ? " class=\"good\"" : row.tone == .bad ? " class=\"bad\"" : ""
            html += "<tr><th>\(HTML.escape(row.label))</th><td\(tone)>\(HTML.escape(row.text))</td></tr>"
        }
        html += "</table><h3>Follow-up</h3><table class=\"summary\">"
        for row in DueText.summaryRows(followUp) {
            html += "<tr><th>\(HTML.escape(row.label))</th><td\(row.overdue ? " class=\"bad\"" : "")>\(HTML.escape(row.text))</td></tr>"
        }
        html += "</table><h3>Alerts</h3>"
        if summary.alerts.isEmpty {
            html += "<p class=\"none\">No alerts.</p>"
        } else {
            html += "<ul class=\"alerts\">"
            for alert in summary.alerts {
                html += "<li><span class=\"date\">\(alert.date.iso)</span> \(HTML.escape(alert.message))</li>"
            }
            html += "</ul>"
        }
        let s = summary.settings
        html +=
            "<p class=\"thresholds\">Thresholds: B-cell aplasia &lt; \(s.bCellAplasiaPerMicrolitre) cells/µL or none detected, "
            + "recovering from there to reconstitution ≥ \(s.bCellReconstitutionPerMicrolitre) cells/µL confirmed by the next result; "
            + "IgG alert ≤ \(s.iggLowGPerL) g/L; proteinuria &gt; \(s.proteinuriaMgPerG) mg/g; "
            + "DORIS: clinical SLEDAI-2K 0, PGA &lt; \(s.dorisPGABelow), prednisone ≤ \(s.dorisMaxPrednisoneMgPerDay) mg/day; "
            + "LLDAS: SLEDAI-2K ≤ \(s.lldasMaxSledai), PGA ≤ \(s.lldasMaxPGA), prednisone ≤ \(s.lldasMaxPrednisoneMgPerDay) mg/day. "
            + "Positivity and low values are judged against each result's own reference range. "
            + "The status uses everything recorded up to \(asOf.iso), whatever the period of the charts and tables.</p>"
        return html + "</section>\n"
    }

    /// The small lab charts, two abreast: a series of two or more results is a chart, a single
    /// result a row of the table under them (a chart of one point is a sliver of range).
    func labCharts(scale: SVGChart.TimeScale) -> String {
        var analytes: [String] = []
        for lab in timeline.labs where inWindow(lab.date) && !analytes.contains(lab.analyte) { analytes.append(lab.analyte) }
        analytes.sort { TrendMetric.lab($0) < TrendMetric.lab($1) }
        var html = "<section id=\"lab-charts\"><h2>Lab results over time</h2>"
        if analytes.isEmpty { return html + "<p class=\"none\">No lab results in this period.</p></section>\n" }
        html +=
            "<p class=\"legend\"><span class=\"key range\"></span> reference range · <span class=\"key out\"></span> out of range · "
            + "<span class=\"key bound\"></span> bound (&lt;, &gt;) · <span class=\"key infusion\"></span> infusion (day 0)</p>"
        let small = scale.resized(width: Self.smallChartWidth, left: 46, right: 10)
        var charts = "", singles = ""
        for analyte in analytes {
            let metric = TrendMetric.lab(analyte)
            let trend = MetricTrend(
                metric: metric, points: timeline.points(for: metric, since: since, asOf: asOf), settings: summary.settings)
            guard let last = trend.points.last else { continue }
            let latest = "\(last.qualifier.map { HTML.escape($0.rawValue) } ?? "")\(HTML.escape(LabValue.text(last.value, unit: metric.unit)))"
            if trend.points.count == 1 {
                let flag = last.flag == .low ? "low" : last.flag == .high ? "high" : ""
                singles +=
                    "<tr\(flag.isEmpty ? "" : " class=\"out\"")><td>\(HTML.escape(metric.label))</td><td class=\"num\">\(latest)</td>"
                    + "<td>\(HTML.escape(metric.unit))</td><td>\(HTML.escape(last.range?.display(unit: metric.unit) ?? ""))</td><td>\(flag)</td>"
                    + "<td class=\"date\">\(last.date.iso) <span class=\"day\">\(dayLabel(last.date))</span></td></tr>"
                continue
            }
            let s = trend.statistics
            var caption = "<strong>\(HTML.escape(metric.label))</strong> (\(HTML.escape(metric.unit)))"
            caption += " — latest \(latest) on \(last.date.iso)"
            if let direction = s.direction { caption += ", \(direction.rawValue)" }
            caption += ", \(counted(s.count, "result"))"
            charts += "<figure class=\"lab-chart\" id=\"chart-\(HTML.escape(analyte))\"><figcaption>\(caption)</figcaption>"
            let threshold: (value: Decimal, label: String)? =
                analyte == "cd19"
                ? (summary.settings.bCellReconstitutionPerMicrolitre, "reconstitution \(summary.settings.bCellReconstitutionPerMicrolitre)") : nil
            charts += SVGChart.labChart(trend, scale: small, infusion: infusion, threshold: threshold, height: 120) + "</figure>"
        }
        if !charts.isEmpty { html += "<div class=\"charts\">" + charts + "</div>" }
        if !singles.isEmpty {
            html +=
                "<h3>One result in this period</h3><table class=\"list singles\"><thead><tr><th>Test</th><th class=\"num\">Value</th>"
                + "<th>Unit</th><th>Range</th><th>Flag</th><th>Date</th></tr></thead><tbody>" + singles + "</tbody></table>"
        }
        return html + "</section>\n"
    }

    /// Two small charts side by side fill the printable width of A4 (and Letter).
    static let smallChartWidth = 335.0

    /// Each symptom's highest score per day in the period, and the names by the days present
    /// (not by how often logged).
    func symptomRows() -> (points: [SymptomPoint], names: [String]) {
        var symptoms = timeline.dailyWorstSymptoms()
        // Without --since every day is usually in the window: no copy of ten years then.
        if !symptoms.allSatisfy({ inWindow($0.date) }) { symptoms = symptoms.filter { inWindow($0.date) } }
        var counts: [String: Int] = [:]
        for symptom in symptoms { counts[symptom.name, default: 0] += 1 }
        return (symptoms, counts.keys.sorted { (counts[$0]!, $1) > (counts[$1]!, $0) })
    }

    func symptomSection(_ rows: (points: [SymptomPoint], names: [String]), scale: SVGChart.TimeScale) -> String {
        var html = "<section id=\"symptoms\"><h2>Symptoms</h2>"
        guard !rows.points.isEmpty else { return html + "<p class=\"none\">No symptoms recorded in this period.</p></section>\n" }
        html += "<figure class=\"strip\">" + SVGChart.symptomStrip(rows.points, names: rows.names, scale: scale, infusion: infusion)
        html += "<figcaption>Severity 0–10: <span class=\"scale\">"
        for level in 0...10 { html += "<span class=\"s\(level)\">\(level)</span>" }
        html += "</span>. \(summary.symptoms.mean30d.map { "Mean daily burden over the last 30 days: \($0)." } ?? "")</figcaption></figure>"
        return html + "</section>\n"
    }

    /// The periods in the period, one row per drug. A cream or an inhaler gets its own row:
    /// next to the tablets of the same drug it would read as a systemic dose, which it is not
    /// (nor is it counted as one).
    func medicationRows() -> [(name: String, periods: [MedicationPeriod])] {
        let periods = timeline.medications.filter { period in
            period.start <= asOf && (since.map { (period.effectiveEnd ?? asOf.adding(days: 1)) > $0 } ?? true)
        }
        var order: [String] = []
        var byRow: [String: [MedicationPeriod]] = [:]
        for period in periods.sorted(by: { $0.start < $1.start }) {
            let drug = DrugCatalogue.drug(id: period.drug)?.name ?? period.drug
            let name = period.isSystemic ? drug : "\(drug) (\(period.route ?? ""))"
            if byRow[name] == nil { order.append(name) }
            byRow[name, default: []].append(period)
        }
        return order.map { (name: $0, periods: byRow[$0]!) }
    }

    func medicationSection(_ rows: [(name: String, periods: [MedicationPeriod])], scale: SVGChart.TimeScale) -> String {
        var html = "<section id=\"medications\"><h2>Medications</h2>"
        guard !rows.isEmpty else { return html + "<p class=\"none\">No medications in this period.</p></section>\n" }
        html += "<figure class=\"meds\">" + SVGChart.medicationTimeline(rows, scale: scale, infusion: infusion, asOf: asOf) + "</figure>"
        html +=
            "<table class=\"list\"><thead><tr><th>Drug</th><th>Dose</th><th>How often</th><th>Route</th><th>From</th><th>First day without</th></tr></thead><tbody>"
        for row in rows {
            for period in row.periods {
                let dose = [period.doseAmount.map { "\($0)" }, period.doseUnit?.rawValue].compactMap { $0 }.joined(separator: " ")
                html +=
                    "<tr><td>\(HTML.escape(row.name))</td><td>\(HTML.escape(dose.isEmpty ? "–" : dose))</td>"
                    + "<td>\(HTML.escape(period.frequency?.displayName ?? "–"))</td><td>\(HTML.escape(period.route ?? "–"))</td>"
                    + "<td class=\"date\">\(period.start.iso) <span class=\"day\">\(dayLabel(period.start))</span></td>"
                    + "<td class=\"date\">\(period.end.map { "\($0.iso) <span class=\"day\">\(dayLabel($0))</span>" } ?? (period.frequency == .once ? "(single dose)" : "ongoing"))</td></tr>"
            }
        }
        return html + "</tbody></table></section>\n"
    }

    func eventSection() -> String {
        let events = timeline.events.filter { inWindow($0.date) }
        var html = "<section id=\"events\"><h2>Clinical events</h2>"
        guard !events.isEmpty else { return html + "<p class=\"none\">No clinical events in this period.</p></section>\n" }
        html += "<table class=\"list\"><thead><tr><th>Date</th><th>Day</th><th>Event</th><th>Grade</th></tr></thead><tbody>"
        for event in events {
            html +=
                "<tr><td class=\"date\">\(event.date.iso)</td><td class=\"date\">\(dayLabel(event.date))</td><td>\(HTML.escape(event.type.displayName))</td>"
                + "<td>\(event.grade.map(String.init) ?? "")</td></tr>"
        }
        return html + "</tbody></table></section>\n"
    }

    /// The results as a cumulative table, the way labs print serial results: a row per test
    /// (and per unit and range, so that nothing printed is merged away), a column per day and
    /// lab, newest first, in blocks as wide as the page. Four months of blood counts are a
    /// page, not a hundred rows. Without `--since`, results older than a year are listed
    /// only when out of range: the charts draw them all, and ten years in full would be a
    /// book nobody reads at a visit.
    func labTable() -> String {
        var html = "<section id=\"lab-table\"><h2>Lab results with reference ranges</h2>"
        guard !labs.isEmpty else { return html + "<p class=\"none\">No lab results in this period.</p></section>\n" }
        let recentFrom = tablesFrom
        let recent = labs.filter { ($0.date ?? asOf) >= recentFrom }
        let earlier = labs.filter { ($0.date ?? asOf) < recentFrom }
        if !earlier.isEmpty {
            html +=
                "<p class=\"legend\">Every result since \(recentFrom.iso) (the last \(Self.tableMonths) months; `--since` chooses another period); "
                + "before that, the results out of range. The charts above draw them all; `remission export` has every one.</p>"
        }
        html += labMatrix(recent)
        let outOfRange = earlier.filter { [.low, .high].contains($0.flag) }
        if !earlier.isEmpty {
            html +=
                "<h3>Before \(recentFrom.iso): \(counted(outOfRange.count, "result")) out of range, "
                + "\(counted(earlier.count - outOfRange.count, "other")) within range or unflagged</h3>"
        }
        return html + labList(outOfRange) + "</section>\n"
    }

    /// One row per result, newest first.
    func labList(_ labs: [StoredLabResult]) -> String {
        var html = ""
        if !labs.isEmpty {
            html +=
                "<table class=\"list results\"><thead><tr><th>Date</th><th>Day</th><th>Test</th><th class=\"num\">Value</th><th>Unit</th><th>Range</th><th>Lab</th></tr></thead><tbody>"
            for lab in labs.reversed() {
                let analyte = lab.analyte ?? ""
                let shown = Self.shownValue(lab)
                // Bare cells (the table's CSS aligns them): ten years out of range are a thousand rows.
                html +=
                    "<tr><td>\(lab.date?.iso ?? "")</td><td>\(lab.date.map(dayLabel) ?? "")</td>"
                    + "<td>\(HTML.escape(AnalyteCatalogue.analyte(id: analyte)?.name ?? analyte))</td>"
                    + "<td\(shown.out ? " class=\"out\"" : "")>\(HTML.escape(shown.text))</td>"
                    + "<td>\(HTML.escape(lab.unit ?? ""))</td><td>\(HTML.escape(rangeText(lab, analyte: analyte)))</td>"
                    + "<td>\(HTML.escape(lab.lab ?? ""))</td></tr>"
            }
            html += "</tbody></table>"
        }
        return html
    }

    /// Months the lab table and the notes list in full when no `--since` chose the period.
    static let tableMonths = 12

    /// Where the tables begin: the period chosen with `--since`, else the last twelve months.
    var tablesFrom: CalendarDate { since ?? asOf.adding(months: -Self.tableMonths) }

    /// Results on few days each (panels at visits) as a matrix; results each on a day of its
    /// own as a list, which a matrix would turn into a diagonal of empty cells.
    func labMatrix(_ labs: [StoredLabResult]) -> String {
        struct Row: Hashable { let analyte: String, unit: String, range: String }
        struct Column: Hashable { let date: CalendarDate, lab: String }
        let dated = labs.compactMap { lab in lab.date.map { (lab: lab, column: Column(date: $0, lab: lab.lab ?? "")) } }
        let columns = Set(dated.map(\.column))
        guard !columns.isEmpty else { return "" }
        guard dated.count >= 2 * columns.count else { return labList(labs) }
        var cells: [Row: [Column: [(text: String, out: Bool)]]] = [:]
        for (lab, column) in dated {
            let analyte = lab.analyte ?? ""
            let row = Row(analyte: analyte, unit: lab.unit ?? "", range: rangeText(lab, analyte: analyte))
            cells[row, default: [:]][column, default: []].append(Self.shownValue(lab))
        }
        let rows = cells.keys.sorted {
            (TrendMetric.lab($0.analyte), $0.unit, $0.range) < (TrendMetric.lab($1.analyte), $1.unit, $1.range)
        }
        let ordered = columns.sorted { ($0.date, $1.lab) > ($1.date, $0.lab) }
        let blockCount = (ordered.count + Self.labColumnsPerBlock - 1) / Self.labColumnsPerBlock
        let perBlock = (ordered.count + blockCount - 1) / blockCount
        var html = "<p class=\"legend\">Newest first; ↑ above and ↓ below the result's own range, in red.</p>"
        for start in stride(from: 0, to: ordered.count, by: perBlock) {
            let block = Array(ordered[start..<min(start + perBlock, ordered.count)])
            html += "<table class=\"list labs\"><thead><tr><th>Test</th><th>Unit</th><th>Range</th>"
            for column in block {
                html +=
                    "<th class=\"result\"><span class=\"date\">\(column.date.iso)</span><br><span class=\"day\">\(dayLabel(column.date))</span>"
                    + (column.lab.isEmpty ? "" : "<br><span class=\"lab\">\(HTML.escape(column.lab))</span>") + "</th>"
            }
            html += "</tr></thead><tbody>"
            for row in rows {
                guard let values = cells[row], block.contains(where: { values[$0] != nil }) else { continue }
                let name = AnalyteCatalogue.analyte(id: row.analyte)?.name ?? row.analyte
                html += "<tr><td>\(HTML.escape(name))</td><td>\(HTML.escape(row.unit))</td><td>\(HTML.escape(row.range))</td>"
                for column in block {
                    // Empty cells are bare: a sparse year is mostly empty cells.
                    guard let results = values[column] else { html += "<td></td>"; continue }
                    html +=
                        (results.contains { $0.out } ? "<td class=\"out\">" : "<td>")
                        + results.map { HTML.escape($0.text) }.joined(separator: "<br>") + "</td>"
                }
                html += "</tr>"
            }
            html += "</tbody></table>"
        }
        return html
    }

    /// A result as the lab printed it ("<5", "1:160"), with ↑ or ↓ when out of its range.
    static func shownValue(_ lab: StoredLabResult) -> (text: String, out: Bool) {
        let flag = lab.flag
        let arrow = flag == .low ? " ↓" : flag == .high ? " ↑" : ""
        return ((lab.qualifier ?? "") + lab.reportedValue + arrow, !arrow.isEmpty)
    }

    /// Result columns a printed page holds beside the test, unit and range.
    static let labColumnsPerBlock = 8

    /// The range as the lab printed it, else the default the flag was judged against.
    func rangeText(_ lab: StoredLabResult, analyte: String) -> String {
        if let printed = lab.range { return printed }
        guard let catalogue = AnalyteCatalogue.analyte(id: analyte), let range = catalogue.defaultRange else { return "" }
        let unit = catalogue.canonicalUnit.display
        // A titre's range reads as dilutions ("<1:80"), with no unit after it.
        return catalogue.canonicalUnit == .titre ? "(default \(range.display(unit: unit)))" : "(default \(range.display) \(unit))"
    }

    func noteSection() -> String {
        var html = "<section id=\"notes\"><h2>Notes</h2>"
        guard !notes.isEmpty else { return html + "<p class=\"none\">No notes in this period.</p></section>\n" }
        let shown = notes.filter { $0.date >= tablesFrom }
        if shown.count < notes.count {
            html +=
                "<p class=\"legend\">The notes since \(tablesFrom.iso) (the last \(Self.tableMonths) months; `--since` chooses another period); "
                + "\(counted(notes.count - shown.count, "earlier note")) \(notes.count - shown.count == 1 ? "is" : "are") in `remission list` and `remission export`.</p>"
        }
        html += "<dl class=\"notes\">"
        for note in shown.reversed() {
            let subject = note.subject.isEmpty ? note.kind.rawValue : "\(note.kind.rawValue) \(note.subject)"
            html +=
                "<div><dt>\(note.date.iso) <span class=\"day\">\(dayLabel(note.date))</span> · \(HTML.escape(subject))</dt>"
                + "<dd>\(HTML.escape(note.text).replacingOccurrences(of: "\n", with: "<br>"))</dd></div>"
        }
        return html + "</dl></section>\n"
    }

    static let css = """
        @page { margin: 14mm 12mm; }
        :root { --ink: #1a1a1a; --muted: #5f6368; --good: #1b6e20; --bad: #b71c1c; --series: #1f4e9c; --infusion: #7b1fa2; }
        * { box-sizing: border-box; }
        body { font: 10pt/1.4 "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: var(--ink); margin: 0 auto; max-width: 180mm; padding: 8mm 0; }
        h1 { font-size: 17pt; margin: 0 0 2pt; }
        h2 { font-size: 12.5pt; margin: 14pt 0 5pt; border-bottom: 1px solid #ccc; padding-bottom: 2pt; break-after: avoid; }
        h3 { font-size: 10.5pt; margin: 8pt 0 3pt; }
        .meta, .thresholds, footer, .none, .legend, figcaption { color: var(--muted); }
        .thresholds, footer { font-size: 8pt; }
        footer { margin-top: 16pt; border-top: 1px solid #ccc; padding-top: 4pt; }
        table { border-collapse: collapse; width: 100%; }
        table.summary th { text-align: left; width: 34mm; vertical-align: top; padding: 2pt 6pt 2pt 0; }
        table.summary td { padding: 2pt 0; }
        td.good { color: var(--good); } td.bad { color: var(--bad); font-weight: bold; }
        ul.alerts { margin: 0; padding-left: 14pt; color: var(--bad); }
        ul.alerts .date { font-variant-numeric: tabular-nums; color: var(--ink); }
        table.list { font-size: 8.5pt; }
        table.list th { text-align: left; border-bottom: 1px solid #999; padding: 2pt 4pt; }
        table.list td { border-bottom: 1px solid #e5e5e5; padding: 1.5pt 4pt; font-variant-numeric: tabular-nums; }
        table.list thead { display: table-header-group; }
        table.list tr { break-inside: avoid; }
        .num { text-align: right; }
        tr.out td { color: var(--bad); }
        td.num { white-space: nowrap; }
        .day { color: var(--muted); font-size: 8pt; }
        figure { margin: 6pt 0 10pt; break-inside: avoid; }
        figcaption { font-size: 9pt; margin-bottom: 2pt; }
        svg.chart { display: block; max-width: 100%; height: auto; }
        svg .range { fill: #2e7d32; fill-opacity: 0.13; }
        svg .grid { stroke: #e3e3e3; stroke-width: 1; }
        svg .frame { stroke: #888; stroke-width: 1; }
        svg .axis { font-size: 10px; fill: #5f6368; }
        svg .series { fill: none; stroke: var(--series); stroke-width: 1.6; }
        svg .point { fill: var(--series); stroke: #fff; stroke-width: 0.8; }
        svg .point.out { fill: var(--bad); }
        svg .point.bound { fill: #fff; stroke: var(--series); stroke-width: 1.4; }
        svg .point.out.bound { stroke: var(--bad); }
        svg .infusion { stroke: var(--infusion); stroke-width: 1.2; stroke-dasharray: 4 3; }
        svg .infusion-label { font-size: 9px; fill: var(--infusion); }
        svg .period { fill: #5c85c5; }
        svg .threshold { stroke: #b26a00; stroke-width: 1; stroke-dasharray: 2 2; }
        svg .threshold-label { font-size: 9px; fill: #b26a00; }
        svg .dose { font-size: 9px; fill: #fff; }
        .legend { font-size: 8.5pt; }
        .key { display: inline-block; width: 10pt; height: 8pt; vertical-align: baseline; margin-right: 2pt; border: 1px solid transparent; }
        .key.range { background: rgba(46,125,50,0.13); } .key.out { background: var(--bad); border-radius: 50%; width: 7pt; height: 7pt; }
        .key.bound { border: 1.4px solid var(--series); border-radius: 50%; width: 7pt; height: 7pt; }
        .key.infusion { border-left: 2px dashed var(--infusion); width: 2pt; }
        .scale span { display: inline-block; width: 13pt; text-align: center; font-size: 7.5pt; color: #000; }
        .s0 { fill: #dfe7ef; background: #dfe7ef; } .s1 { fill: #fee6ce; background: #fee6ce; } .s2 { fill: #fdd0a2; background: #fdd0a2; }
        .s3 { fill: #fdb97d; background: #fdb97d; } .s4 { fill: #fdae6b; background: #fdae6b; } .s5 { fill: #fd8d3c; background: #fd8d3c; }
        .s6 { fill: #f16913; background: #f16913; } .s7 { fill: #e6550d; background: #e6550d; } .s8 { fill: #d94801; background: #d94801; }
        .s9 { fill: #a63603; background: #a63603; } .s10 { fill: #7f2704; background: #7f2704; }
        .scale .s7, .scale .s8, .scale .s9, .scale .s10 { color: #fff; }
        dl.notes { columns: 2; column-gap: 8mm; margin: 0; }
        dl.notes div { break-inside: avoid; }
        dl.notes dt { font-weight: bold; font-size: 9pt; margin-top: 5pt; }
        dl.notes dd { margin: 1pt 0 0 10pt; white-space: normal; font-size: 9pt; }
        .charts { display: grid; grid-template-columns: 1fr 1fr; column-gap: 5mm; }
        .charts figure { margin: 2pt 0 6pt; }
        .charts figcaption { font-size: 8pt; line-height: 1.25; min-height: 2.5em; }
        td.date, th .date, td .day, th .day { white-space: nowrap; }
        table.labs { margin-bottom: 8pt; }
        table.labs th.result { text-align: right; font-weight: normal; font-size: 7.5pt; line-height: 1.2; }
        table.labs th .lab { color: var(--muted); font-size: 7pt; }
        table.labs td:nth-child(n+4) { text-align: right; white-space: nowrap; }
        table.results td:nth-child(-n+2) { white-space: nowrap; }
        table.results td:nth-child(4) { text-align: right; white-space: nowrap; }
        table.results td.out { color: var(--bad); font-weight: bold; }
        table.labs td.out, td.num.out { color: var(--bad); font-weight: bold; }
        @media print { body { padding: 0; max-width: none; } * { print-color-adjust: exact; -webkit-print-color-adjust: exact; } }
        """
}
