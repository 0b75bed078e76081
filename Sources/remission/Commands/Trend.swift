import ArgumentParser
import RemissionCore
import RemissionFormats
import RemissionReports
import RemissionStore

extension Remission {
    struct Trend: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "trend",
            abstract: "Show how lab values, symptoms, well-being and the steroid dose changed.",
            discussion: """
                For each metric: the number of values, the latest with its date and day after \
                the infusion, the change from the value before, min, max, mean, the \
                least-squares slope per 30 days with a word (rising, falling, or stable while \
                the slope is within trend_stable_fraction of the mean), how many values were \
                below or above their reference range, and a sparkline. A bound such as <5 counts \
                as 5. With one metric the values are listed too.

                Metrics: an analyte (cd19, anti-dsdna, c3, … and their aliases), a symptom name, \
                wellbeing, symptom-burden (the sum of a day's severities, each symptom's highest; \
                a day logged without symptoms counts 0), prednisone-equivalent (mg/day of \
                systemic glucocorticoids, a \
                value on each day the dose changed and on the last day; its mean and slope are \
                those of the daily doses, each day counted once). Without a metric, every \
                metric with values is shown. On screen mean and slope have 2 decimals; \
                --json gives 4.

                Symptoms and well-being have one value per day, the worst: a symptom logged \
                twice in a day (morning and evening) counts once with its highest score, and \
                well-being with its lowest, in the number of values, the latest and the change \
                as in the burden (fatigue 3 then 4 on one day is a burden of 4).

                JSON: Schema/json/trend.schema.json.

                Examples:
                  $ remission trend
                  $ remission trend cd19 --since d+0
                  $ remission trend anti-dsdna c3 c4 --since 90d --json
                """)

        @OptionGroup var options: JournalOptions
        @OptionGroup var clinical: ClinicalOptions

        @Argument(help: "The metrics to show (default: all with values).")
        var metrics: [String] = []

        @Option(parsing: .unconditional, help: "From this date on: a date, -30d, d+0, or 90d for the last 90 days (today included).")
        var since: String?

        func run() throws {
            let context = try CommandContext(options)
            let settings = try clinical.settings(context)
            let journal = try context.openJournal()
            let infusion = try journal.infusionDate()
            let asOf = try clinical.asOfDate(context, infusion: infusion)
            // Ten years of symptoms are the bulk of a journal: read them only when a metric needs
            // them (a name the catalogues do not know may be a symptom, so it needs them too).
            let needsSymptoms =
                metrics.isEmpty
                || metrics.contains { text in
                    (try? TrendMetric.resolve(text, in: ClinicalTimeline()))?.readsSymptoms ?? true
                }
            let timeline = try journal.clinicalTimeline(symptomsFrom: needsSymptoms ? nil : asOf.adding(days: 1))
            let since = try self.since.map { text throws(InputError) in
                try DateExpression.windowStart(text, today: asOf, infusion: timeline.infusion)
            }
            var chosen: [TrendMetric] = []
            for text in metrics {
                let metric = try TrendMetric.resolve(text, in: timeline)
                if !chosen.contains(metric) { chosen.append(metric) }
            }
            if chosen.isEmpty { chosen = TrendMetric.available(in: timeline) }
            let trends = zip(chosen, timeline.points(for: chosen, since: since, asOf: asOf)).map {
                MetricTrend(metric: $0, points: $1, settings: settings)
            }
            if context.json {
                print(try JSONOutput.encode(TrendJSON.document(trends, asOf: asOf, since: since, infusion: timeline.infusion, settings: settings)))
                return
            }
            guard trends.contains(where: { !$0.points.isEmpty }) else {
                print(
                    metrics.isEmpty
                        ? "Nothing to show: no values recorded\(since == nil ? "" : " in that period")."
                        : "No values for \(chosen.map(\.id).joined(separator: ", "))\(since == nil ? "" : " in that period").")
                return
            }
            print(TrendText(trends, infusion: timeline.infusion, style: context.style).render())
        }
    }
}
