import ArgumentParser
import RemissionCore
import RemissionStore

extension Remission {
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Create a new journal.",
            discussion: """
                Creates the journal directory (mode 0700) and database (mode 0600). The \
                infusion date becomes day 0 of every timeline; it can be recorded later with \
                `remission event infusion --date DATE`. A date ahead (up to a year) is a planned \
                infusion: the days before it count down to day 0 (conditioning is days -5 to -3), \
                and nothing is counted after it until it has come.

                Example:
                  $ remission init --infusion-date 2026-03-02 --diagnosis SLE --target CD19
                """)

        @OptionGroup var options: JournalOptions

        @Option(name: .customLong("infusion-date"), parsing: .unconditional, help: "The CAR-T infusion date (day 0), or the planned one.")
        var infusionDate: String?

        @Option(help: "The diagnosis, e.g. SLE, myositis, systemic sclerosis.")
        var diagnosis: String?

        @Option(help: "The CAR-T product, e.g. the trial product's name.")
        var product: String?

        @Option(help: "The CAR-T target: CD19, BCMA or CD19+BCMA.")
        var target: String?

        @Option(name: .customLong("device-name"), help: "A name for this device in sync and history (default: the host name).")
        var deviceName: String?

        func run() throws {
            let context = try CommandContext(options)
            // Everything is validated before the journal is created.
            let profile = try ProfileEntry(diagnosis: diagnosis, product: product, target: target).fields()
            let entryContext = EntryContext(today: context.today, infusion: nil)
            let infusion = try infusionDate.map { text throws(InputError) in
                let date = try entryContext.plannedDate(text, field: "--infusion-date", horizon: EventEntry.infusionPlanningHorizon)
                return try EventEntry(type: "infusion", date: date.iso).fields(entryContext)
            }
            let name = try EntryText.label(deviceName, field: "--device-name") ?? Journal.hostName()

            var changes: [RecordChange] = []
            if profile.values.contains(where: { !$0.isNull }) {
                changes.append(.create(.profile, profile, id: Journal.profileID))
            }
            if let infusion { changes.append(.create(.event, infusion)) }
            var operations: [JournalOperation] = []
            let journal = try Journal.create(
                at: context.location, deviceName: name,
                setup: { journal in
                    operations = try journal.write(changes)
                })

            if let mode = context.location.directoryModeOpenToOthers {
                printError(
                    """
                    note: \(context.location.directory) existed and is open to other users (mode \(mode)); it was \
                    left as it is. The journal's files are private (0600); `chmod 700 \(context.location.directory)` \
                    hides their names too.
                    """)
            }
            if context.json {
                try context.printRecords(try context.snapshots(operations, in: journal), journal: journal)
            } else {
                print("Created a journal at \(context.location.directory) (device \(name)).")
                if let day0 = try journal.infusionDate(), day0 > context.today {
                    print("Planned infusion (day 0): \(day0.iso), in \(counted(day0.days(since: context.today), "day")).")
                } else if let day0 = try journal.infusionDate() {
                    print("Infusion (day 0): \(day0.iso).")
                } else {
                    print("No infusion date yet: `remission event infusion --date DATE` records it.")
                }
            }
        }
    }
}
