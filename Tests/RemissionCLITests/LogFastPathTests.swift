import ArgumentParser
import RemissionTestSupport
import Testing

@testable import remission

/// `remission log` is read without ArgumentParser when its command line is plain (issue 12).
/// The contract: every line the fast path reads, ArgumentParser reads to the same values; every
/// other line (and so every parse error) is ArgumentParser's.
@Suite struct LogFastPathTests {
    /// What ArgumentParser reads from the words, or nil when it refuses them.
    private func parsedByArgumentParser(_ words: [String]) -> LogRequest? {
        guard let command = try? Remission.parseAsRoot(words) else { return nil }
        return (command as? Remission.Log)?.request
    }

    @Test func plainLinesAreReadAsArgumentParserReadsThem() throws {
        let lines: [[String]] = [
            ["log", "--symptom", "fatigue=3", "--wellbeing", "7"],
            ["log", "--symptom", "fatigue=3", "--symptom", "joint-pain=2", "--wellbeing", "7", "--tag", "travel", "--tag", "work"],
            ["log", "--date", "-3d", "--symptom", "fever=1"],
            ["log", "--date=yesterday", "--wellbeing=-1"],
            ["log", "--wellbeing", "-1"],
            ["log", "--journal", "/tmp/j", "--json", "--note", "slept badly", "--edit-note"],
            ["log", "--symptom=back-pain=2", "--new-symptom", "back-pain"],
            ["log", "--date", "d+30", "--note", "a = b"]
        ]
        for words in lines {
            let fast = try #require(LogFastPath.request(words), "\(words)")
            #expect(parsedByArgumentParser(words) == fast, "\(words)")
        }
        let read = try #require(LogFastPath.request(lines[1]))
        #expect(read.symptoms == ["fatigue=3", "joint-pain=2"] && read.tags == ["travel", "work"] && read.wellbeing == "7")
    }

    @Test func everythingElseIsLeftToArgumentParser() {
        let lines: [[String]] = [
            [], ["log"].dropLast(), ["list"], ["--journal", "/tmp/j", "log", "--wellbeing", "7"],
            ["log", "--help"], ["log", "-h"], ["log", "--version"], ["log", "--symptom"], ["log", "--symptom", "-5"],
            ["log", "--note", "-"], ["log", "--note", "--json"], ["log", "--json", "--json"], ["log", "--json=true"],
            ["log", "--date", "today", "--date", "yesterday"], ["log", "--symptoms", "fatigue=3"], ["log", "fatigue=3"],
            ["log", "--", "--wellbeing", "7"], ["log", "--generate-completion-script", "bash"], ["log", "-x"]
        ]
        for words in lines {
            #expect(LogFastPath.request(words) == nil, "\(words)")
        }
    }

    /// Random lines over the options, their misspellings and awkward values: whatever the fast
    /// path reads, ArgumentParser must read alike.
    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func randomLinesAgreeWithArgumentParser(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let options = [
            "--journal", "--json", "--date", "--symptom", "--wellbeing", "--note", "--edit-note", "--tag", "--new-symptom",
            "--symptom=", "--date=", "--note=", "--tag=x", "--json=", "--Date", "-d", "--", "-", "--help", "--symptoms"
        ]
        let values = ["fatigue=3", "-3d", "-1", "-", "", "yesterday", "7", "x=y=z", "--json", "log", "a b", "--date", "-h", "é"]
        var agreed = 0
        for _ in 0..<500 {
            var words = ["log"]
            for _ in 0..<Int.random(in: 0...7, using: &random) {
                words.append(random.chance(60) ? options.randomElement(using: &random)! : values.randomElement(using: &random)!)
            }
            guard let fast = LogFastPath.request(words) else { continue }
            #expect(parsedByArgumentParser(words) == fast, "seed \(seed): \(words)")
            agreed += 1
        }
        #expect(agreed > 40, "the fast path read too few lines to test it: \(agreed)")
    }
}
