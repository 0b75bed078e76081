import ArgumentParser
import RemissionCore
import RemissionFormats
import RemissionReports
import RemissionStore

extension Remission {
    struct Summary: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "summary",
            abstract: "Show the remission dashboard: B cells, anti-dsDNA, complement, IgG, steroids, DORIS, LLDAS, alerts.",
            discussion: """
                Every status is judged from what is recorded up to the "as of" day, against the \
                reference range stored with each result (else the analyte's default range) and \
                the thresholds of `remission config list`. A value that cannot be computed is \
                shown as unknown (null in JSON), never guessed; DORIS and LLDAS say \
                "insufficient data" and name what is missing rather than "not met".

                B cells: aplasia (none detected: a count below b_cell_aplasia_per_ul, default \
                1 cell/µL, or a bound such as <5 printed by the lab), recovering (detectable but \
                below b_cell_reconstitution_per_ul, default 100), unconfirmed (at or above it \
                once) or reconstituted (confirmed by the next result).

                Symptoms: the mean daily burden, where a day's burden is the sum of its symptom \
                scores and a symptom logged twice that day counts once, with its highest score.

                Alerts: anti-dsDNA positive again after negative results, a change of assay, C3 \
                or C4 falling below range, B cells detectable again (recovering) or \
                reconstituted, IgG at or below the replacement threshold, proteinuria above the \
                threshold, a flare or infection in the last days.

                Follow-up: what the plan has overdue, due now and next (`remission due`; in \
                JSON, `remission due --json`).

                JSON: Schema/json/summary.schema.json.

                Examples:
                  $ remission summary
                  $ remission summary --as-of 2026-06-01 --json
                  $ remission summary --set b_cell_reconstitution_per_ul=50
                """)

        @OptionGroup var options: JournalOptions
        @OptionGroup var clinical: ClinicalOptions

        func run() throws {
            let context = try CommandContext(options)
            let settings = try clinical.settings(context)
            let journal = try context.openJournal()
            let asOf = try clinical.asOfDate(context, infusion: try journal.infusionDate())
            let window = settings.symptomWindowDays.max() ?? 0
            let timeline = try journal.clinicalTimeline(symptomsFrom: asOf.adding(days: 1 - window))
            let summary = ClinicalSummary(timeline: timeline, asOf: asOf, settings: settings)
            if context.json {
                print(try JSONOutput.encode(SummaryJSON.document(summary)))
            } else {
                print(SummaryText(summary, style: context.style).render())
                let plan = try PlanFile(location: context.location).plan()
                let schedule = DueSchedule(
                    plan: plan, records: try journal.followUpRecords(entriesOn: asOf), asOf: asOf, settings: settings)
                print("\n" + DueText.summarySection(schedule, style: context.style))
            }
        }
    }
}
