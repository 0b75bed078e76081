import ArgumentParser
import RemissionCore
import RemissionStore

/// The options of the commands that apply the clinical rules: the day to judge on and
/// one-off threshold changes.
struct ClinicalOptions: ParsableArguments {
    @Option(name: .customLong("as-of"), parsing: .unconditional, help: "Judge on this day, using only what was recorded up to it (default: today).")
    var asOf: String?

    @Option(
        name: .customLong("set"),
        help: ArgumentHelp(
            "Change a threshold for this run only (repeatable); `remission config list` shows the keys.",
            valueName: "key=value"))
    var overrides: [String] = []

    /// The journal's settings (`remission config`) with this run's `--set` applied.
    func settings(_ context: CommandContext) throws -> ClinicalSettings {
        var settings = try SettingsFile(location: context.location).load()
        try settings.apply(overrides: overrides)
        return settings
    }

    func asOfDate(_ context: CommandContext, infusion: CalendarDate?) throws -> CalendarDate {
        guard let asOf else { return context.today }
        return try EntryContext(today: context.today, infusion: infusion).date(asOf, field: "--as-of")
    }
}
