import ArgumentParser

/// The options every command that uses a journal takes.
struct JournalOptions: ParsableArguments {
    @Option(
        name: .customLong("journal"),
        help: ArgumentHelp(
            "The journal directory.",
            discussion: "Default: $REMISSION_HOME, else $XDG_DATA_HOME/remission, else ~/.local/share/remission.",
            valueName: "dir"),
        completion: .directory)
    var directory: String?

    @Flag(help: "Print JSON instead of text (schemas in Schema/json/).")
    var json = false
}

/// Date options take the next word whatever it looks like, so that `--date -3d` works.
typealias DateOption = Option<String?>
