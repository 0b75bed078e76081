import ArgumentParser
import Foundation
import RemissionCore
import RemissionFormats
import RemissionReports
import RemissionStore

extension Remission {
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Write a one-page HTML report for a clinic visit.",
            discussion: """
                The report holds the remission status, the follow-up items overdue, due and \
                next (`remission due`), the alerts, a chart of each lab series \
                with its reference range shaded and the infusion (day 0) marked (a single \
                result is a row), a symptom strip, the medication timeline with doses, \
                clinical events, a cumulative table of lab results with their ranges, and the \
                notes. Without --since, the tables and notes hold the last 12 months (older \
                results only when out of range); the charts hold everything. It is one self-contained file: no \
                network, no script, nothing to install; open it in any browser and print it \
                (A4 or Letter). The file is created with mode 0600.

                Examples:
                  $ remission report --output clinic-2026-11.html
                  $ remission report --output last-quarter.html --since 90d
                """)

        @OptionGroup var options: JournalOptions
        @OptionGroup var clinical: ClinicalOptions

        @Option(help: "The HTML file to write.", completion: .file(extensions: ["html"]))
        var output: String

        @Option(parsing: .unconditional, help: "Only what happened from this date on: a date, -30d, d+0, or 90d for the last 90 days.")
        var since: String?

        @Flag(help: "Replace the output file if it exists.")
        var force = false

        func run() throws {
            let context = try CommandContext(options)
            let settings = try clinical.settings(context)
            let journal = try context.openJournal()
            let infusion = try journal.infusionDate()
            let asOf = try clinical.asOfDate(context, infusion: infusion)
            let since = try self.since.map { text throws(InputError) in try DateExpression.windowStart(text, today: asOf, infusion: infusion) }
            let report = try ClinicReport(
                journal: journal, asOf: asOf, since: since, settings: settings, version: Remission.configuration.version,
                plan: try PlanFile(location: context.location).plan())
            try OutputFile.write(Data(report.html().utf8), to: output, replace: force)
            if context.json {
                print(try JSONOutput.encode(["output": JSONValue.string(output), "as_of": .date(asOf), "since": .date(since)] as JSONValue))
            } else {
                printError("Wrote the report to \(output).")
            }
        }
    }
}
