import ArgumentParser
import RemissionCore
import RemissionFormats
import RemissionReports
import RemissionStore

extension Remission.Med {
    /// What am I taking now? The question asked first at every visit.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the medications taken on a date (default: today), or every period.",
            discussion: """
                A period is current on a date from its first day up to the day before it was \
                stopped. STOPPED is the first day without the drug.

                Examples:
                  $ remission med list
                  $ remission med list --date d+90
                  $ remission med list --all --json
                """)

        @OptionGroup var options: JournalOptions
        @Option(parsing: .unconditional, help: "The day to list (default: today).")
        var date: String?
        @Flag(help: "Every period, stopped ones too, by drug and start.")
        var all = false

        func validate() throws {
            if all, date != nil { throw ValidationError("Give --date or --all, not both.") }
        }

        func run() throws {
            let context = try CommandContext(options)
            let journal = try context.openJournal()
            let entryContext = try context.entryContext(journal)
            let day = try entryContext.date(date)
            let periods =
                all
                ? try journal.records(.init(kind: .medication)).sorted {
                    ($0[.drug].text ?? "", $0.date?.iso ?? "", $0.id) < ($1[.drug].text ?? "", $1.date?.iso ?? "", $1.id)
                }
                : try journal.medications(on: day)
            if context.json {
                try context.printRecords(periods, journal: journal)
                return
            }
            let formatter = RecordFormatter(infusion: entryContext.infusion, style: context.style)
            guard !periods.isEmpty else {
                print(all ? "No medications recorded." : "No medication taken on \(formatter.dateLabel(day)).")
                return
            }
            if !all { print("Medications on \(formatter.dateLabel(day)):") }
            var table = TextTable(header: ["ID", "DRUG", "DOSE", "FREQUENCY", "ROUTE", "SINCE"] + (all ? ["STOPPED"] : []))
            for period in periods {
                let drug = period[.drug].text.flatMap { DrugCatalogue.drug(id: $0)?.name } ?? period[.drug].text ?? "?"
                let frequency = period[.frequency].text.map { DoseFrequency(rawValue: $0)?.displayName ?? $0 }
                var row = [
                    // Text from another device can never act on the terminal.
                    RecordFormatter.shortID(period.id), EntryText.visible(drug), EntryText.visible(period[.dose].text ?? "–"),
                    EntryText.visible(frequency ?? "–"), EntryText.visible(period[.route].text ?? "–"),
                    period[.startDate].text.flatMap(CalendarDate.init(iso:)).map(formatter.dateLabel) ?? "?"
                ]
                if all { row.append(period[.endDate].text.flatMap(CalendarDate.init(iso:)).map(formatter.dateLabel) ?? "current") }
                table.append(row)
            }
            print(
                table.render { row, column, cell in
                    row == 0 ? context.style.bold(cell) : column == 0 ? context.style.dim(cell) : cell
                })
            // One drug twice on one day: one regimen written twice, most often by two devices
            // that changed the dose at once (`med start` refuses a second current period).
            if !all {
                let periodsOfDrug = Dictionary(grouping: periods.compactMap { $0[.drug].text }, by: { $0 }).mapValues(\.count)
                for (drug, count) in periodsOfDrug.sorted(by: { $0.key < $1.key }) where count > 1 {
                    print(
                        "\(EntryText.visible(drug)) is in \(counted(count, "period")) on this day, as if changed on two devices at once; "
                            + "its daily dose is unknown until one is corrected (`remission edit ID --end-date …` or `remission delete ID`).")
                }
            }
        }
    }
}
