import ArgumentParser
import Foundation
import RemissionCore
import RemissionFormats
import RemissionReports
import RemissionStore

extension Remission {
    struct Plan: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "plan",
            abstract: "Show or change the follow-up plan that `remission due` follows.",
            discussion: """
                The default plan combines published follow-up recommendations after CAR-T and \
                names the source of every series: visits with a clinician \
                assessment at months 1, 3, 6, 9, 12, 18 and 24, then yearly to year 15; the labs \
                drawn at each visit; IgG and CD19 B cells every 30 days from day 30; the \
                vaccination windows; the daily entry. They are editable defaults, not medical \
                orders: change them to your clinic's rhythm. Changes are kept per journal in \
                plan.json in the journal directory (mode 0600); like the settings, the plan is \
                not synced between devices.

                Timing (add and reschedule): --months LIST (calendar months after the infusion; \
                month 3 after 30 November is 28 or 29 February), --every DAYS [--from-day N] \
                [--until-day N], or --at SERIES (the dates and windows of another series, as the \
                visit labs take those of `visits`). --window DAYS is the margin either side of \
                the due date; --late-window DAYS the margin after month 12.

                JSON: Schema/json/plan.schema.json.

                Examples:
                  $ remission plan
                  $ remission plan reschedule visits --months 1,2,3,6,12,24 --window 7d
                  $ remission plan add crp-at-visits --kind lab --analyte crp --at visits
                  $ remission plan add ferritin-check --kind lab --analyte crp --every 90d --from-day 90 --until-day 720
                  $ remission plan remove remission-assessment
                  $ remission plan reset
                """,
            subcommands: [Show.self, Add.self, Remove.self, Reschedule.self, Reset.self],
            defaultSubcommand: Show.self)

        /// The timing options of `add` and `reschedule`.
        struct TimingOptions: ParsableArguments {
            @Option(help: ArgumentHelp("Months after the infusion, e.g. 1,3,6,12.", valueName: "list"))
            var months: String?
            @Option(help: ArgumentHelp("Every this many days, e.g. 30d.", valueName: "days"))
            var every: String?
            @Option(name: .customLong("from-day"), help: ArgumentHelp("With --every: the first day after the infusion (default: the step).", valueName: "day"))
            var fromDay: String?
            @Option(name: .customLong("until-day"), help: ArgumentHelp("With --every: the last day after the infusion.", valueName: "day"))
            var untilDay: String?
            @Option(help: ArgumentHelp("On the dates and windows of another series, e.g. visits.", valueName: "series"))
            var at: String?
            @Option(help: ArgumentHelp("Days either side of the due date, e.g. 14d.", valueName: "days"))
            var window: String?
            @Option(name: .customLong("late-window"), help: ArgumentHelp("With --months: days either side after month 12.", valueName: "days"))
            var lateWindow: String?
            @Option(
                help: ArgumentHelp(
                    "End the series early: \(PlanEndCondition.allCases.map(\.rawValue).joined(separator: " or ")).", valueName: "condition"))
            var until: String?

            var input: PlanTimingInput {
                PlanTimingInput(months: months, every: every, fromDay: fromDay, untilDay: untilDay, at: at, window: window, lateWindow: lateWindow)
            }

            func windows() throws(InputError) -> (window: Int?, late: Int?) {
                let window = try self.window.map { text throws(InputError) in try PlanInput.days(text, field: "--window") }
                let late = try lateWindow.map { text throws(InputError) in try PlanInput.days(text, field: "--late-window") }
                return (window, late)
            }
        }

        /// Loads the plan file of the journal, applies `change`, saves and shows the result.
        static func edit(_ options: JournalOptions, show id: String?, _ change: (inout PlanEdits) throws -> String) throws {
            let context = try CommandContext(options)
            _ = try context.openJournal()
            let file = PlanFile(location: context.location)
            var edits = try file.load()
            let message = try change(&edits)
            try file.save(edits)
            let plan = FollowUpPlan(edits: edits)
            if context.json {
                print(try JSONOutput.encode(PlanJSON.json(plan)))
                return
            }
            print(message)
            if let id, let series = plan.series(id: id) {
                print(
                    "  \(series.id): \(series.what); \(PlanText.when(series)), \(PlanText.window(series, in: plan))"
                        + (series.until.map { ", \($0.meaning)" } ?? ""))
            }
        }

        struct Show: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "show", abstract: "Show the plan in effect, with the source of each default.")
            @OptionGroup var options: JournalOptions

            func run() throws {
                let context = try CommandContext(options)
                _ = try context.openJournal()
                let plan = try PlanFile(location: context.location).plan()
                if context.json {
                    print(try JSONOutput.encode(PlanJSON.json(plan)))
                } else {
                    print(PlanText.render(plan, style: context.style))
                }
            }
        }

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "add",
                abstract: "Add a series of your own: a lab, a visit, an assessment or a vaccination window.",
                discussion: """
                    Examples:
                      $ remission plan add crp-at-visits --kind lab --analyte crp --at visits
                      $ remission plan add egfr-quarterly --kind lab --analyte egfr --months 3,6,9,12 --window 14d
                      $ remission plan add ophthalmology --kind visit --what "Eye check (hydroxychloroquine)" --months 12,24,36
                    """)
            @OptionGroup var options: JournalOptions
            @Argument(help: "An id of your choice: lowercase letters, digits and hyphens, e.g. crp-at-visits.") var id: String
            @Option(help: "visit, lab, assessment or vaccination.") var kind: String
            @Option(help: "For a lab: the analyte (a catalogue key such as crp, or blood-count).") var analyte: String?
            @Option(help: "What the item asks for, in your words (default: the analyte's or the kind's name).") var what: String?
            @OptionGroup var timing: TimingOptions

            func run() throws {
                let context = try CommandContext(options)
                let id = try PlanInput.seriesID(self.id)
                let kinds = DueKind.allCases.filter { $0 != .log }
                guard let kind = DueKind(rawValue: self.kind.lowercased()), kind != .log else {
                    throw InputError(
                        field: "--kind", value: self.kind, reason: "is not a kind of plan item", accepted: kinds.map(\.rawValue).joined(separator: ", "))
                }
                var analytes: [String] = []
                var name: String
                switch kind {
                case .lab:
                    guard let analyte else {
                        throw InputError(field: "--analyte", reason: "is needed for a lab series", accepted: "a catalogue key such as crp, or blood-count")
                    }
                    (analytes, name) = try PlanInput.analytes(analyte)
                case .visit, .assessment, .vaccination, .log:
                    if let analyte {
                        throw InputError(field: "--analyte", value: analyte, reason: "only applies to --kind lab", accepted: "--kind lab --analyte \(analyte)")
                    }
                    name = kind == .visit ? "Clinic visit" : kind == .assessment ? "Clinician assessment" : "Vaccination window"
                }
                if let what {
                    let trimmed = what.trimmingCharacters(in: .whitespacesAndNewlines)
                    guard !trimmed.isEmpty, trimmed.count <= 200 else {
                        throw InputError(
                            field: "--what", value: what, reason: trimmed.isEmpty ? "is empty" : "is longer than 200 characters",
                            accepted: "a short description")
                    }
                    name = EntryText.visible(trimmed)
                }
                guard let schedule = try timing.input.schedule() else {
                    throw InputError(field: "timing", reason: "is missing", accepted: "--months LIST, --every DAYS or --at SERIES")
                }
                let (window, late) = try timing.windows()
                if let late {
                    if case .months = schedule {
                    } else {
                        throw InputError(
                            field: "--late-window", value: "\(late)", reason: "only applies to --months", accepted: "--months LIST --late-window DAYS")
                    }
                }
                if case .sameAs(let other) = schedule, let window {
                    throw InputError(field: "--window", value: "\(window)", reason: "comes from \(other) with --at", accepted: "--at \(other) without --window")
                }
                let until = try timing.until.map { text throws(InputError) in try PlanInput.endCondition(text) }
                let defaultWindow: Int
                switch schedule {
                case .months: defaultWindow = 14
                case .every(let step, _, _): defaultWindow = min(7, step / 3)
                case .sameAs, .daily: defaultWindow = 0
                }
                let series = PlanSeries(
                    id: id, kind: kind, what: name, analytes: analytes, schedule: schedule, windowDays: window ?? defaultWindow,
                    lateWindowDays: late, until: until, source: "Added in this journal on \(context.today.iso).")
                try Plan.edit(options, show: id) { edits in
                    try edits.add(series)
                    return "Added \(id) to the follow-up plan."
                }
            }
        }

        struct Remove: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "remove",
                abstract: "Remove a series from the plan (a default one can be brought back with `plan reset ID`).")
            @OptionGroup var options: JournalOptions
            @Argument(help: "The series, as `remission plan` lists it, e.g. remission-assessment.") var id: String

            func run() throws {
                try Plan.edit(options, show: nil) { edits in
                    try edits.remove(id)
                    return FollowUpPlan.defaults.contains { $0.id == id }
                        ? "Removed \(id) from the follow-up plan; `remission plan reset \(id)` brings it back."
                        : "Removed \(id) from the follow-up plan."
                }
            }
        }

        struct Reschedule: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "reschedule",
                abstract: "Change when a series falls, its window or what ends it.",
                discussion: """
                    Series that take their dates from it (--at) move with it.

                    Examples:
                      $ remission plan reschedule visits --months 1,2,3,6,9,12,18,24,36,48,60 --window 7d --late-window 30d
                      $ remission plan reschedule igg-monthly --every 28d --from-day 28 --window 5d
                      $ remission plan reschedule cd19-monthly --no-until --until-day 365 --every 30d
                    """)
            @OptionGroup var options: JournalOptions
            @Argument(help: "The series, as `remission plan` lists it, e.g. visits.") var id: String
            @OptionGroup var timing: TimingOptions
            @Flag(name: .customLong("no-until"), help: "Do not end the series early any more.") var noUntil = false

            func run() throws {
                let schedule = try timing.input.schedule()
                let (window, late) = try timing.windows()
                if noUntil, let until = timing.until {
                    throw InputError(field: "--until", value: until, reason: "was given together with --no-until", accepted: "one of them")
                }
                let until: PlanEndCondition?? =
                    noUntil ? .some(nil) : try timing.until.map { text throws(InputError) in try PlanInput.endCondition(text) }.map { .some($0) }
                try Plan.edit(options, show: id) { edits in
                    try edits.reschedule(id, schedule: schedule, windowDays: window, lateWindowDays: late, until: until)
                    return "Rescheduled \(id)."
                }
            }
        }

        struct Reset: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "reset",
                abstract: "Return the whole plan, or one default series, to the default.")
            @OptionGroup var options: JournalOptions
            @Argument(help: "One default series to bring back as documented (default: the whole plan).") var id: String?

            func run() throws {
                try Plan.edit(options, show: id) { edits in
                    if let id {
                        try edits.reset(id)
                        return "\(id) is back to its default."
                    }
                    edits = PlanEdits()
                    return "The follow-up plan is back to its defaults."
                }
            }
        }
    }
}
