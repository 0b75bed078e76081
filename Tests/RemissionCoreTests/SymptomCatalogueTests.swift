import Testing
import RemissionCore

@Suite struct SymptomCatalogueTests {
    @Test(arguments: [
        ("fatigue", "fatigue"), ("Fatigue", "fatigue"), ("joint pain", "joint-pain"), ("arthralgia", "joint-pain"),
        ("Joint_Pain", "joint-pain"), ("myalgia", "muscle-pain"), ("oedema", "swelling"), ("edema", "swelling"),
        ("Raynaud's", "raynaud"), ("alopecia", "hair-loss"), ("shortness of breath", "shortness-of-breath"),
        ("dyspnea", "shortness-of-breath"), ("brain fog", "brain-fog"), ("diarrhea", "diarrhoea"),
        ("insomnia", "sleep-problems"), ("  low mood ", "low-mood")
    ])
    func catalogueNames(text: String, id: String) throws {
        #expect(try SymptomCatalogue.normalizedName(text) == id)
    }

    @Test(arguments: [
        ("Tinnitus", "tinnitus"), ("left knee  pain", "left-knee-pain"), ("pain_after_IVIG", "pain-after-ivig"),
        ("covid-19", "covid-19"), ("Müdigkeit", "müdigkeit"), ("-odd--name-", "odd-name"),
        (String(repeating: "a", count: 40), String(repeating: "a", count: 40))
    ])
    func freeNames(text: String, name: String) throws {
        #expect(try SymptomCatalogue.normalizedName(text) == name)
    }

    @Test(arguments: [
        ("", "is empty"),
        (" - ", "is empty"),
        (String(repeating: "a", count: 41), "is longer than 40 characters"),
        ("pain/ache", "contains '/'; a name may contain only letters, digits and hyphens"),
        ("rash!", "contains '!'; a name may contain only letters, digits and hyphens")
    ])
    func refusedNames(text: String, reason: String) {
        let error = #expect(throws: InputError.self) { try SymptomCatalogue.normalizedName(text) }
        #expect(error?.field == "--symptom")
        #expect(error?.value == text)
        #expect(error?.reason == reason)
        #expect(
            error?.accepted
                == "a catalogue name (fatigue, joint-pain, rash, …) or a free name of up to 40 letters, digits and hyphens")
    }

    @Test func catalogueIsConsistent() {
        var seen: Set<String> = []
        for symptom in SymptomCatalogue.all {
            #expect((try? SymptomCatalogue.normalizedName(symptom.id)) == symptom.id)
            #expect((try? SymptomCatalogue.normalizedName(symptom.name)) == symptom.id, "\(symptom.name)")
            for name in [symptom.id] + symptom.aliases {
                #expect(!seen.contains(name), "\(name)")
                seen.insert(name)
            }
        }
        #expect(SymptomCatalogue.definition(id: "joint-pain")?.name == "Joint pain")
        #expect(SymptomCatalogue.definition(id: "tinnitus") == nil)
    }

    @Test(arguments: [("0", 0), ("7", 7), ("10", 10), (" 3 ", 3), ("07", 7)])
    func severity(text: String, value: Int) throws {
        #expect(try SymptomCatalogue.parseSeverity(text, field: "--severity") == value)
    }

    @Test(arguments: [
        ("11", "is above 10"), ("100", "is above 10"), ("-1", "is negative"),
        ("3.5", "is not a whole number"), ("x", "is not a whole number"), ("", "is empty"), ("٣", "is not a whole number")
    ])
    func refusedSeverity(text: String, reason: String) {
        let error = #expect(throws: InputError.self) { try SymptomCatalogue.parseSeverity(text, field: "--wellbeing") }
        #expect(error?.field == "--wellbeing")
        #expect(error?.value == text)
        #expect(error?.reason == reason)
        #expect(error?.accepted == "an integer from 0 to 10")
    }
}
