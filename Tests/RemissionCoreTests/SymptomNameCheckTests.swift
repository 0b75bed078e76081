import Testing
import RemissionCore

/// The rule that tells a typing slip from a new symptom (issue 11, item 1).
@Suite struct SymptomNameCheckTests {
    @Test(arguments: [
        ("fatige", "fatigue"), ("fatgiue", "fatigue"), ("headaches", "headache"), ("joint-pains", "joint-pain"),
        ("shortnes-of-breath", "shortness-of-breath"), ("nausia", "nausea"), ("athralgia", "joint-pain"),
        ("ras", "rash")
    ])
    func slipsOfCatalogueNamesAreNearMisses(name: String, suggestion: String) {
        let expected: SymptomNameCheck = name.count <= 3 ? .new : .nearMiss(suggestion)
        #expect(SymptomNameCheck.classify(name, journalNames: []) == expected)
    }

    @Test(arguments: ["fatigue", "joint-pain", "itching"])
    func catalogueIdsAreKnown(name: String) {
        #expect(SymptomNameCheck.classify(name, journalNames: []) == .known)
    }

    @Test func journalNamesAreKnownWithoutCaseOrSeparators() {
        #expect(SymptomNameCheck.classify("back-pain", journalNames: ["back-pain"]) == .known)
        #expect(SymptomNameCheck.classify("backpain", journalNames: ["back-pain"]) == .known)
        #expect(SymptomNameCheck.classify("back-pains", journalNames: ["back-pain"]) == .nearMiss("back-pain"))
        #expect(SymptomNameCheck.classify("back-pains", journalNames: []) == .new)
    }

    @Test(arguments: ["back-pain", "neck-pain", "tinnitus", "covid-19", "hot-flushes", "ear", "gout"])
    func namesFarFromEveryKnownOneAreNew(name: String) {
        #expect(SymptomNameCheck.classify(name, journalNames: ["back-pain"].filter { $0 != name }) == .new)
    }

    @Test func theThresholdGrowsWithTheLength() {
        #expect([3, 4, 9, 10, 20].map(SymptomNameCheck.allowedEdits(forLength:)) == [0, 1, 1, 2, 2])
        // Two edits from a long journal name is a slip; two from a short one is another word.
        #expect(SymptomNameCheck.classify("left-knee-pian", journalNames: ["left-knee-pain"]) == .nearMiss("left-knee-pain"))
        #expect(SymptomNameCheck.classify("neck-pain", journalNames: ["back-pain"]) == .new)
    }

    @Test func theRefusalSuggestsAndNamesTheOverride() {
        let error = SymptomNameCheck.refusal(field: "--symptom", value: "fatige=3", name: "fatige", suggestion: "fatigue")
        #expect(
            error.description == "--symptom 'fatige=3': did you mean fatigue? fatige is not a known symptom and would "
                + "start a series of its own. Accepted: fatigue, or --new-symptom fatige to keep fatige as a new symptom.")
    }
}

@Suite struct CountedTests {
    @Test func oneIsSingular() {
        #expect(counted(1, "unsynced change") == "1 unsynced change")
        #expect(counted(2, "unsynced change") == "2 unsynced changes")
        #expect(counted(0, "record") == "0 records")
        #expect(counted(3, "entry", plural: "entries") == "3 entries")
    }
}
