import ArgumentParser
import Foundation
import RemissionCore
import RemissionFormats
import RemissionReports
import RemissionStore

extension Remission {
    struct Due: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "due",
            abstract: "Show what the follow-up plan asks for now: overdue, due and upcoming tests and visits.",
            discussion: """
                The plan (`remission plan`) counts from the infusion (day 0): visits with a \
                clinician assessment, the labs drawn at them, monthly IgG and CD19 B cells, \
                vaccination windows. Statuses: overdue (the window has passed with nothing \
                recorded), due (the window is open and nothing is recorded yet), upcoming (due \
                within --within days, default 30), info (vaccination windows: information for a \
                talk with your team, never due; listed until half a year after they open); with \
                --all also done (naming the record that satisfied it, or the result that ended \
                its series) and missed (a later item of the series has opened since, or one \
                interval of the series has passed after its last item). A lab item is satisfied by a result for its analyte \
                in its window; a visit by an assessment or a visit event; monthly IgG ends with a \
                result above igg_low_g_per_l (4 g/L) and monthly CD19 once B-cell reconstitution \
                is confirmed. A day without an entry has the item "Log today". Without an \
                infusion date, only that item exists.

                --check prints one line per due or overdue item and exits with status 3 when \
                there is any, 0 otherwise: for cron, a systemd user timer or a shell prompt (the \
                README has examples). --notify sends a desktop notification with notify-send \
                when something is due or overdue. --ics FILE writes the overdue, due and \
                upcoming items as an iCalendar file of all-day events (- for standard output); \
                importing it again updates the events rather than duplicating them. With \
                --notify or --ics, the listing is not printed (--check still prints its lines).

                The plan is an editable default, not a medical order: `remission plan` shows it \
                with the source of every item and changes it.

                JSON: Schema/json/due.schema.json.

                Examples:
                  $ remission due
                  $ remission due --all --as-of 2026-06-01
                  $ remission due --check || echo "follow-up: something is due"
                  $ remission due --within 365d --ics follow-up.ics --force
                """)

        @OptionGroup var options: JournalOptions
        @OptionGroup var clinical: ClinicalOptions

        @Flag(help: "Also list done and missed items, and every vaccination window.")
        var all = false

        @Option(help: ArgumentHelp("List items due within this many days as upcoming (default 30d).", valueName: "days"))
        var within: String?

        @Flag(help: "Print one line per due or overdue item; exit 3 if there is any, else 0.")
        var check = false

        @Flag(help: "Send a desktop notification (notify-send) when something is due or overdue.")
        var notify = false

        @Option(
            help: ArgumentHelp("Write the overdue, due and upcoming items as an iCalendar file (- for standard output).", valueName: "file"),
            completion: .file(extensions: ["ics"]))
        var ics: String?

        @Flag(help: "Replace the --ics file if it exists.")
        var force = false

        func validate() throws {
            if ics == "-" && (check || options.json) {
                throw ValidationError(
                    "--ics - writes the calendar to standard output; it cannot be combined with --check or --json. Write it to a file instead.")
            }
        }

        func run() throws {
            let context = try CommandContext(options)
            let settings = try clinical.settings(context)
            let journal = try context.openJournal()
            let infusion = try journal.infusionDate()
            let asOf = try clinical.asOfDate(context, infusion: infusion)
            let horizon =
                try within.map { text throws(InputError) in try PlanInput.days(text, field: "--within", range: 0...3650) }
                ?? DueSchedule.defaultHorizonDays
            let plan = try PlanFile(location: context.location).plan()
            let records = try journal.followUpRecords(entriesOn: asOf)
            let schedule = DueSchedule(plan: plan, records: records, asOf: asOf, horizonDays: horizon, settings: settings)

            if let ics {
                let calendar = ICalendar.followUp(schedule, journalID: try journal.identity().journalID).render()
                if ics == "-" {
                    FileHandle.standardOutput.write(Data(calendar.utf8))
                } else {
                    try OutputFile.write(Data(calendar.utf8), to: ics, replace: force)
                    let count = calendar.components(separatedBy: "BEGIN:VEVENT").count - 1
                    printError("Wrote \(count) event\(count == 1 ? "" : "s") to \(ics).")
                }
            }
            if notify { DesktopNotification.send(schedule.needingAction) }

            if check {
                let items = schedule.needingAction
                if context.json {
                    print(try JSONOutput.encode(DueJSON.document(schedule, items: items, infusion: infusion)))
                } else {
                    for item in items { print(DueText.line(item)) }
                }
                if !items.isEmpty { throw ExitCode(ExitStatus.followUpDue) }
                return
            }
            if ics != nil || notify { return }
            let items = all ? schedule.items : schedule.current
            if context.json {
                print(try JSONOutput.encode(DueJSON.document(schedule, items: items, infusion: infusion)))
            } else {
                print(DueText(schedule, infusion: infusion, style: context.style).render(items, all: all))
            }
        }
    }
}
