/// `remission log` read without ArgumentParser (issue 12).
///
/// ArgumentParser builds the whole command tree and every option of it through reflection,
/// and the runtime's conformance scans that reflection needs cost a `log` more than its
/// database write. The daily entry is the command people run most, so its plain command
/// lines are read here. Anything else — help, `--version`, an unknown, misspelt or repeated
/// option, a flag with a value, a missing or empty `=` value, a value that looks like an option where
/// ArgumentParser would take it for one, `--` — returns nil and goes to ArgumentParser,
/// which parses it and words its errors as it always has. `LogFastPathTests` holds every
/// line read here to the values ArgumentParser reads from it.
enum LogFastPath {
    /// How an option of ``Remission/Log`` takes its value.
    private enum Kind {
        /// A flag, no value.
        case flag
        /// The next word, unless it looks like an option (ArgumentParser's `.next`).
        case value
        /// The next word whatever it looks like (`parsing: .unconditional`: `--date -3d`).
        case anyValue
        /// Repeatable, each with a value (`.next`).
        case repeated
    }

    private static let options: [String: Kind] = [
        "--journal": .value, "--json": .flag, "--date": .anyValue, "--symptom": .repeated, "--wellbeing": .anyValue,
        "--note": .value, "--edit-note": .flag, "--tag": .repeated, "--new-symptom": .repeated
    ]

    /// The request of a plain `log` command line (the words after the program's name), or
    /// nil for ArgumentParser to read.
    static func request(_ words: [String]) -> LogRequest? {
        guard words.first == "log" else { return nil }
        var request = LogRequest()
        var seen: Set<String> = []
        var index = words.startIndex + 1
        while index < words.endIndex {
            let word = words[index]
            index += 1
            let parts = word.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0])
            guard name.hasPrefix("--"), let kind = options[name] else { return nil }
            if kind != .repeated {
                guard seen.insert(name).inserted else { return nil }
            }
            if kind == .flag {
                guard parts.count == 1 else { return nil }
                switch name {
                case "--json": request.json = true
                default: request.editNote = true
                }
                continue
            }
            let value: String
            if parts.count == 2 {
                // ArgumentParser reads `--date=` as `--date` and takes the next word.
                guard !parts[1].isEmpty else { return nil }
                value = String(parts[1])
            } else {
                guard index < words.endIndex else { return nil }
                value = words[index]
                index += 1
            }
            if kind != .anyValue && (value.hasPrefix("-") || value.isEmpty) { return nil }
            switch name {
            case "--journal": request.journal = value
            case "--date": request.date = value
            case "--symptom": request.symptoms.append(value)
            case "--wellbeing": request.wellbeing = value
            case "--note": request.note = value
            case "--tag": request.tags.append(value)
            default: request.newSymptoms.append(value)
            }
        }
        return request
    }
}
