import ArgumentParser

/// Rewrites of the command line for what ArgumentParser cannot be told (issue 11).
///
/// Both are cheap: the first looks at the words only when the first one is an option, the
/// second runs only after a command line failed to parse.
enum CommandLineWords {
    /// The options of ``JournalOptions``, which every journal command takes, with whether
    /// they take a value.
    static let globalOptions: [String: Bool] = ["--journal": true, "--json": false]

    /// `remission --journal DIR list` as `remission list --journal DIR`: the options of
    /// ``globalOptions`` typed before the subcommand are moved after its path (`config set`),
    /// where ArgumentParser reads them. Anything else before the subcommand (`--help`,
    /// `--version`, an unknown option) leaves the words as they are, so that ArgumentParser
    /// answers them as it always has.
    static func movingGlobalOptions(_ words: [String], root: any ParsableCommand.Type) -> [String] {
        guard words.first?.hasPrefix("-") == true else { return words }
        var moved: [String] = []
        var index = 0
        while index < words.count, words[index].hasPrefix("-") {
            let word = words[index]
            let name = word.split(separator: "=", maxSplits: 1).first.map(String.init) ?? word
            guard let takesValue = globalOptions[name] else { return words }
            let attached = word.contains("=")
            if takesValue && !attached {
                guard index + 1 < words.count else { return words }
                moved += [word, words[index + 1]]
                index += 2
            } else {
                moved.append(word)
                index += 1
            }
        }
        var command = root
        var pathEnd = index
        while pathEnd < words.count, let sub = subcommand(named: words[pathEnd], of: command) {
            command = sub
            pathEnd += 1
        }
        guard pathEnd > index else { return words }
        return Array(words[index..<pathEnd]) + moved + Array(words[pathEnd...])
    }

    private static func subcommand(named name: String, of command: any ParsableCommand.Type) -> (any ParsableCommand.Type)? {
        command.configuration.subcommands.first { $0.configuration.commandName == name || $0.configuration.aliases.contains(name) }
    }

    /// A negative number as typed: `-1`, `-0.5`, `-.5`, `-5 mg`. No option of remission
    /// starts with a digit or a dot, so such a word is always a value.
    static func isNegativeNumber(_ word: String) -> Bool {
        var rest = word.dropFirst()
        guard word.hasPrefix("-") else { return false }
        if rest.first == "." { rest = rest.dropFirst() }
        return rest.first.map { $0.isASCII && $0.isNumber } ?? false
    }

    /// The words read again with negative numbers as values, for a second parse after the
    /// first failed; nil when there is none to read again.
    ///
    /// ArgumentParser takes any word starting with "-" for an option, so `lab c3 -0.5 g/L`
    /// misses its value and `config set KEY -5` its argument. A negative number right after
    /// an option becomes its `--option=value`; the first one among the positional arguments
    /// goes, with the arguments that follow it, after a `--`, which ends the options:
    /// `lab c3 -- -0.5 g/L`. The value then reaches the journal's own check ("is negative").
    static func negativeNumbersAsValues(_ words: [String]) -> [String]? {
        var options: [String] = []
        var positional: [String] = []
        var changed = false
        var index = 0
        while index < words.count, words[index] != "--" {
            let word = words[index]
            index += 1
            guard isNegativeNumber(word) else {
                options.append(word)
                continue
            }
            changed = true
            if let last = options.last, last.hasPrefix("--"), !last.contains("=") {
                options[options.count - 1] = last + "=" + word
            } else if positional.isEmpty {
                // This word and the plain words after it, in order.
                positional.append(word)
                while index < words.count, !words[index].hasPrefix("-") || isNegativeNumber(words[index]) {
                    positional.append(words[index])
                    index += 1
                }
            } else {
                return nil
            }
        }
        guard changed else { return nil }
        guard !positional.isEmpty else { return options + words[index...] }
        return options + ["--"] + positional + words[index...].dropFirst()
    }
}
