import Foundation
import RemissionCore

/// Inline SVG charts for the clinic report: fixed size, no script, readable in print.
///
/// Every chart uses the same width (the printable width of A4 and Letter at 96 dpi) so that
/// a clinician can compare charts stacked on one page by eye.
enum SVGChart {
    static let width = 680.0
    static let left = 100.0
    static let right = 14.0

    /// The horizontal scale shared by charts: a date range mapped onto the plot width, between
    /// a left margin (axis or row labels) and a right one.
    struct TimeScale {
        let first: Int
        let last: Int
        let width: Double
        let left: Double
        let right: Double

        init(first: CalendarDate, last: CalendarDate, width: Double = SVGChart.width, left: Double = SVGChart.left, right: Double = SVGChart.right) {
            var a = first.julianDay, b = last.julianDay
            if a == b { a -= 15; b += 15 }
            self.first = a
            self.last = b
            self.width = width
            self.left = left
            self.right = right
        }

        /// The same dates on another width: the small lab charts set two abreast, or rows
        /// whose labels need a wider margin.
        func resized(width: Double, left: Double, right: Double) -> TimeScale {
            TimeScale(first: CalendarDate(julianDay: first), last: CalendarDate(julianDay: last), width: width, left: left, right: right)
        }

        func x(_ date: CalendarDate) -> Double { x(julian: date.julianDay) }

        func x(julian: Int) -> Double {
            left + Double(julian - first) / Double(last - first) * (width - left - right)
        }

        func contains(_ date: CalendarDate) -> Bool { (first...last).contains(date.julianDay) }

        /// Date ticks on month starts (or years, for long spans): up to six across a full-width
        /// chart, four across a small one, so that labels never overlap.
        func ticks() -> [CalendarDate] {
            let start = CalendarDate(julianDay: first), end = CalendarDate(julianDay: last)
            let months = (end.year - start.year) * 12 + end.month - start.month + 1
            let most = width - left - right < 400 ? 4 : 6
            let steps = [1, 2, 3, 6, 12, 24, 36, 60, 120]
            let step = steps.first { months / $0 <= most } ?? 120
            var result: [CalendarDate] = []
            var year = start.year, month = start.month
            while true {
                guard let date = CalendarDate(year: year, month: month, day: 1) else { break }
                if date.julianDay > last { break }
                if date.julianDay >= first, ((year * 12 + month - 1) % step) == 0 { result.append(date) }
                month += 1
                if month > 12 { month = 1; year += 1 }
            }
            return result
        }

        static func label(_ date: CalendarDate) -> String {
            let names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
            return date.month == 1 ? "\(date.year)" : "\(names[date.month - 1]) \(date.year)"
        }
    }

    /// The left margin that holds row labels of these names whole (about 7 px a character at
    /// the axis font), at least the default and at most 40 characters' worth.
    static func labelMargin(for names: [String]) -> Double {
        let longest = names.map(\.count).max() ?? 0
        return min(max(left, 12 + 7 * Double(longest)), 12 + 7 * Double(rowLabelLimit))
    }

    /// Row labels longer than this (a custom drug's long name) are cut, the full name in the tooltip.
    static let rowLabelLimit = 40

    /// A row label that fits the left margin; the full name is in its tooltip.
    static func rowLabel(_ name: String, x: Double, y: Double) -> String {
        let short = name.count > rowLabelLimit ? String(name.prefix(rowLabelLimit - 1)) + "…" : name
        return
            "<text class=\"axis\" x=\"\(Int(x))\" y=\"\(HTML.coordinate(y))\" text-anchor=\"end\" dominant-baseline=\"middle\"><title>\(HTML.escape(name))</title>\(HTML.escape(short))</text>"
    }

    static func double(_ value: Decimal) -> Double { NSDecimalNumber(decimal: value).doubleValue }

    /// "Nice" tick values (1, 2, 5 × 10ⁿ) covering low…high.
    static func niceTicks(low: Double, high: Double, count: Int = 4) -> [Double] {
        guard high > low else { return [low] }
        let rough = (high - low) / Double(count)
        let magnitude = pow(10, floor(log10(rough)))
        let step = [1.0, 2.0, 2.5, 5.0, 10.0].map { $0 * magnitude }.first { $0 >= rough } ?? rough
        var ticks: [Double] = []
        var value = ceil(low / step) * step
        while value <= high + step * 1e-9 {
            ticks.append(abs(value) < step * 1e-9 ? 0 : value)
            value += step
        }
        return ticks
    }

    /// The usual dilutions (1:10, 1:20, 1:40 … doubling) between two denominators; every
    /// other one when there are more than five.
    static func dilutionTicks(low: Double, high: Double) -> [Double] {
        var ticks: [Double] = []
        var value = 10.0
        while value < low * 0.999 { value *= 2 }
        while value <= high * 1.001 { ticks.append(value); value *= 2 }
        if ticks.isEmpty { return [low] }
        return ticks.count > 5 ? ticks.enumerated().filter { $0.offset % 2 == 0 }.map(\.element) : ticks
    }

    static func tickLabel(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e12 { return String(Int(value)) }
        var text = String(format: "%.3f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// A lab series over time: the reference range of each result shaded until the next result,
    /// values out of range in red, bounds ("<5") drawn hollow, the infusion (day 0) marked.
    static func labChart(
        _ trend: MetricTrend, scale: TimeScale, infusion: CalendarDate?, threshold: (value: Decimal, label: String)? = nil,
        height: Double = 190
    ) -> String {
        let (width, left, right) = (scale.width, scale.left, scale.right)
        let top = 16.0, bottom = 26.0
        let points = trend.points
        // A titre is a dilution: each step doubles it, so it is drawn on a scale of doublings
        // (1:40, 1:80, 1:160 evenly spaced), not as "160" on an axis from 150 to 170.
        let dilutions = trend.metric.unit == LabUnit.titre.display
        func scaled(_ value: Double) -> Double { dilutions ? log2(max(value, 1)) : value }
        var low = Double.greatestFiniteMagnitude, high = -Double.greatestFiniteMagnitude
        for point in points {
            let value = scaled(double(point.value))
            low = min(low, value); high = max(high, value)
            if let l = point.range?.low { low = min(low, scaled(double(l))) }
            if let h = point.range?.high { high = max(high, scaled(double(h))) }
        }
        if let threshold { low = min(low, scaled(double(threshold.value))); high = max(high, scaled(double(threshold.value))) }
        if low > high { low = 0; high = 1 }
        if low == high { low -= max(1, abs(low) * 0.1); high += max(1, abs(high) * 0.1) }
        let padding = (high - low) * 0.08
        low = low >= 0 && low - padding < 0 ? 0 : low - padding
        high += padding
        /// The height of a value as stored (a titre's denominator).
        func y(_ value: Double) -> Double { top + (high - scaled(value)) / (high - low) * (height - top - bottom) }
        let plotBottom = height - bottom

        var svg =
            "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" height=\"\(Int(height))\" xmlns=\"http://www.w3.org/2000/svg\">"
        svg += "<title>\(HTML.escape(trend.metric.label)) (\(HTML.escape(trend.metric.unit))) over time</title>"
        // Reference ranges, one band per result until the next result with another range
        // (a lab that prints the same range for years is one band, not one per result).
        for (index, point) in points.enumerated() {
            guard let range = point.range, index == 0 || points[index - 1].range != range else { continue }
            let next = points[(index + 1)...].firstIndex { $0.range != range }
            let x0 = scale.x(point.date)
            // The last result's range holds until the "as of" day: that is what it is judged against.
            let x1 = next.map { scale.x(points[$0].date) } ?? max(width - right, x0 + 4)
            let yTop = range.high.map { y(double($0)) } ?? top
            let yBottom = range.low.map { y(double($0)) } ?? plotBottom
            guard x1 > x0, yBottom > yTop else { continue }
            svg +=
                "<rect class=\"range\" x=\"\(HTML.coordinate(x0))\" y=\"\(HTML.coordinate(yTop))\" width=\"\(HTML.coordinate(x1 - x0))\" height=\"\(HTML.coordinate(yBottom - yTop))\"/>"
        }
        // Axes and grid.
        let ticks =
            dilutions
            ? dilutionTicks(low: pow(2, low), high: pow(2, high)).map { ($0, "1:" + tickLabel($0)) }
            : niceTicks(low: low, high: high).map { ($0, tickLabel($0)) }
        for (tick, text) in ticks {
            let ty = HTML.coordinate(y(tick))
            svg += "<line class=\"grid\" x1=\"\(Int(left))\" x2=\"\(Int(width - right))\" y1=\"\(ty)\" y2=\"\(ty)\"/>"
            svg += "<text class=\"axis\" x=\"\(Int(left - 6))\" y=\"\(ty)\" text-anchor=\"end\" dominant-baseline=\"middle\">\(text)</text>"
        }
        for tick in scale.ticks() {
            let tx = HTML.coordinate(scale.x(tick))
            svg += "<line class=\"grid\" x1=\"\(tx)\" x2=\"\(tx)\" y1=\"\(Int(top))\" y2=\"\(Int(plotBottom))\"/>"
            svg += "<text class=\"axis\" x=\"\(tx)\" y=\"\(Int(height - 8))\" text-anchor=\"middle\">\(TimeScale.label(tick))</text>"
        }
        svg += "<line class=\"frame\" x1=\"\(Int(left))\" x2=\"\(Int(width - right))\" y1=\"\(Int(plotBottom))\" y2=\"\(Int(plotBottom))\"/>"
        if let infusion, scale.contains(infusion) {
            let ix = HTML.coordinate(scale.x(infusion))
            svg += "<line class=\"infusion\" x1=\"\(ix)\" x2=\"\(ix)\" y1=\"\(Int(top - 6))\" y2=\"\(Int(plotBottom))\"/>"
            svg += "<text class=\"infusion-label\" x=\"\(ix)\" y=\"\(Int(top - 7))\" text-anchor=\"middle\">day 0</text>"
        }
        if let threshold {
            let ty = HTML.coordinate(y(double(threshold.value)))
            svg += "<line class=\"threshold\" x1=\"\(Int(left))\" x2=\"\(Int(width - right))\" y1=\"\(ty)\" y2=\"\(ty)\"/>"
            svg +=
                "<text class=\"threshold-label\" x=\"\(Int(width - right - 2))\" y=\"\(ty)\" dy=\"-3\" text-anchor=\"end\">\(HTML.escape(threshold.label))</text>"
        }
        // The series: on a long journal, the points a print can show (see ``visiblePoints``).
        let shown = visiblePoints(points, scale: scale)
        if shown.count > 1 {
            let line = shown.map { "\(HTML.coordinate(scale.x($0.date))),\(HTML.coordinate(y(double($0.value))))" }.joined(separator: " ")
            svg += "<polyline class=\"series\" points=\"\(line)\"/>"
        }
        for point in shown {
            let out = point.flag == .low || point.flag == .high
            let classes = (out ? "point out" : "point") + (point.qualifier != nil ? " bound" : "")
            let label =
                "\(point.date.iso): \(point.qualifier?.rawValue ?? "")"
                + (dilutions ? LabValue.text(point.value, unit: trend.metric.unit) : "\(point.value) \(trend.metric.unit)")
            svg +=
                "<circle class=\"\(classes)\" cx=\"\(HTML.coordinate(scale.x(point.date)))\" cy=\"\(HTML.coordinate(y(double(point.value))))\" r=\"3\"><title>\(HTML.escape(label))</title></circle>"
        }
        return svg + "</svg>"
    }

    /// The points of a series that a printed chart can tell apart: all of them while there is
    /// room for each; beyond that, per three pixels across the lowest and the highest, the
    /// first and the last of the series, and every result out of range or written as a bound
    /// ("<5"), so that thinning never hides a value a clinician must see.
    static func visiblePoints(_ points: [TrendPoint], scale: TimeScale) -> [TrendPoint] {
        let pixelsPerBucket = 3
        let buckets = Int(scale.width - scale.left - scale.right) / pixelsPerBucket
        guard points.count > buckets, let lastIndex = points.indices.last else { return points }
        var kept: Set<Int> = [0, lastIndex]
        var bucket: Int?
        var low = 0, high = 0
        for (index, point) in points.enumerated() {
            if point.flag == .low || point.flag == .high || point.qualifier != nil { kept.insert(index) }
            let here = Int(scale.x(point.date)) / pixelsPerBucket
            if here != bucket {
                if bucket != nil { kept.formUnion([low, high]) }
                bucket = here
                (low, high) = (index, index)
            }
            if point.value < points[low].value { low = index }
            if point.value > points[high].value { high = index }
        }
        kept.formUnion([low, high])
        return kept.sorted().map { points[$0] }
    }

    /// Symptoms as rows of coloured cells, darker for more severe; long periods are shown by
    /// week (the worst score of the week), so ten years stay legible and small.
    static func symptomStrip(_ symptoms: [SymptomPoint], names: [String], scale: TimeScale, infusion: CalendarDate?) -> String {
        let (width, labelWidth) = (scale.width, scale.left)
        let row = 16.0, top = 16.0
        let height = top + row * Double(names.count) + 24
        // A cell at least two pixels wide: days over months, weeks over years, four weeks
        // over a decade.
        let pixelsPerDay = (width - labelWidth - scale.right) / Double(scale.last - scale.first)
        let bucketDays = [1, 7, 14, 28].first { Double($0) * pixelsPerDay >= 2 } ?? 28
        // Each name's buckets with their worst score, in bucket order: by date, a point's
        // bucket is its name's last one or a new one.
        let rowOf = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var worst = [[(bucket: Int, severity: Int)]](repeating: [], count: names.count)
        for symptom in symptoms.inDateOrder() {
            guard let index = rowOf[symptom.name] else { continue }
            let bucket = (symptom.date.julianDay - scale.first) / bucketDays
            if let last = worst[index].last, last.bucket == bucket {
                worst[index][worst[index].count - 1].severity = max(last.severity, symptom.severity)
            } else {
                worst[index].append((bucket, max(0, symptom.severity)))
            }
        }
        var svg =
            "<svg class=\"chart strip\" role=\"img\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" height=\"\(Int(height))\" xmlns=\"http://www.w3.org/2000/svg\">"
        svg += "<title>Symptom severity by \(bucketDays == 1 ? "day" : bucketDays == 7 ? "week (worst score)" : "\(bucketDays) days (worst score)")</title>"
        for (index, name) in names.enumerated() {
            let y = top + row * Double(index)
            svg += rowLabel(name, x: labelWidth - 6, y: y + row / 2)
            // Consecutive cells of one severity are drawn as one rectangle: the same picture,
            // a fraction of the bytes over years.
            var runs: [(first: Int, last: Int, severity: Int)] = []
            for (bucket, severity) in worst[rowOf[name] ?? index] {
                if let run = runs.last, run.last + 1 == bucket, run.severity == severity {
                    runs[runs.count - 1].last = bucket
                } else {
                    runs.append((bucket, bucket, severity))
                }
            }
            for run in runs {
                let x0 = scale.x(julian: scale.first + run.first * bucketDays)
                let x1 = scale.x(julian: scale.first + (run.last + 1) * bucketDays)
                svg +=
                    "<rect class=\"s\(run.severity)\" x=\"\(HTML.coordinate(x0))\" y=\"\(HTML.coordinate(y + 1))\" width=\"\(HTML.coordinate(max(1.5, x1 - x0)))\" height=\"\(Int(row - 2))\"/>"
            }
        }
        svg += rowFooter(scale: scale, infusion: infusion, top: top, bottom: top + row * Double(names.count))
        return svg + "</svg>"
    }

    /// One row per drug, one bar per period, labelled with its dose.
    static func medicationTimeline(_ rows: [(name: String, periods: [MedicationPeriod])], scale: TimeScale, infusion: CalendarDate?, asOf: CalendarDate)
        -> String
    {
        let width = scale.width
        let row = 20.0, top = 16.0
        let height = top + row * Double(rows.count) + 24
        var svg =
            "<svg class=\"chart meds\" role=\"img\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" height=\"\(Int(height))\" xmlns=\"http://www.w3.org/2000/svg\">"
        svg += "<title>Medication periods and doses</title>"
        let plotLeft = scale.left, plotRight = width - scale.right
        for (index, entry) in rows.enumerated() {
            let y = top + row * Double(index)
            svg += rowLabel(entry.name, x: plotLeft - 6, y: y + row / 2)
            var drawn = false
            for period in entry.periods {
                let end = period.effectiveEnd ?? asOf.adding(days: 1)
                let x0 = max(plotLeft, scale.x(period.start)), x1 = min(plotRight, scale.x(end))
                guard x1 > x0 || period.frequency == .once else { continue }
                drawn = true
                let dose = [period.doseAmount.map { "\($0)" }, period.doseUnit?.rawValue].compactMap { $0 }.joined(separator: " ")
                let label =
                    "\(period.start.iso) – \(period.end?.iso ?? "ongoing"): "
                    + [dose, period.frequency?.displayName, period.route].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
                svg +=
                    "<rect class=\"period\" x=\"\(HTML.coordinate(x0))\" y=\"\(HTML.coordinate(y + 3))\" width=\"\(HTML.coordinate(max(2, x1 - x0)))\" height=\"\(Int(row - 6))\"><title>\(HTML.escape(label))</title></rect>"
                // The bar says "topical" itself: a long row label is cut short.
                let text = [dose, period.isSystemic ? "" : period.route ?? ""].filter { !$0.isEmpty }.joined(separator: " ")
                if x1 - x0 > Double(text.count) * 6 + 6 {
                    svg +=
                        "<text class=\"dose\" x=\"\(HTML.coordinate(x0 + 3))\" y=\"\(HTML.coordinate(y + row / 2))\" dominant-baseline=\"middle\">\(HTML.escape(text))</text>"
                }
            }
            // A drug stopped before the charts begin keeps its row, or the reader would think
            // it was never taken; the table below has its dates.
            if !drawn, let ended = entry.periods.compactMap(\.effectiveEnd).max() {
                svg +=
                    "<text class=\"axis\" x=\"\(Int(plotLeft + 4))\" y=\"\(HTML.coordinate(y + row / 2))\" dominant-baseline=\"middle\">stopped \(ended.iso), before this chart</text>"
            }
        }
        svg += rowFooter(scale: scale, infusion: infusion, top: top, bottom: top + row * Double(rows.count))
        return svg + "</svg>"
    }

    /// Date labels under a chart of rows, and the infusion line across the rows.
    static func rowFooter(scale: TimeScale, infusion: CalendarDate?, top: Double, bottom: Double) -> String {
        var svg = ""
        for tick in scale.ticks() {
            svg +=
                "<text class=\"axis\" x=\"\(HTML.coordinate(scale.x(tick)))\" y=\"\(HTML.coordinate(bottom + 16))\" text-anchor=\"middle\">\(TimeScale.label(tick))</text>"
        }
        if let infusion, scale.contains(infusion) {
            let ix = HTML.coordinate(scale.x(infusion))
            svg += "<line class=\"infusion\" x1=\"\(ix)\" x2=\"\(ix)\" y1=\"\(Int(top - 4))\" y2=\"\(HTML.coordinate(bottom))\"/>"
        }
        return svg
    }
}
