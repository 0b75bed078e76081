/// Symptoms people with lupus report after CAR-T, plus free names for anything else.
public enum SymptomCatalogue {
    public static let all: [SymptomDefinition] = [
        SymptomDefinition(id: "fatigue", name: "Fatigue", aliases: ["tiredness", "tired", "exhaustion"]),
        SymptomDefinition(id: "joint-pain", name: "Joint pain", aliases: ["arthralgia", "joint-ache", "sore-joints"]),
        SymptomDefinition(id: "joint-swelling", name: "Joint swelling", aliases: ["swollen-joints"]),
        SymptomDefinition(id: "morning-stiffness", name: "Morning stiffness", aliases: ["stiffness"]),
        SymptomDefinition(id: "muscle-pain", name: "Muscle pain", aliases: ["myalgia", "muscle-ache"]),
        SymptomDefinition(id: "muscle-weakness", name: "Muscle weakness", aliases: ["weakness"]),
        SymptomDefinition(id: "rash", name: "Rash", aliases: ["skin-rash", "malar-rash", "butterfly-rash"]),
        SymptomDefinition(id: "photosensitivity", name: "Photosensitivity", aliases: ["sun-sensitivity"]),
        SymptomDefinition(id: "hair-loss", name: "Hair loss", aliases: ["alopecia"]),
        SymptomDefinition(id: "mouth-ulcers", name: "Mouth ulcers", aliases: ["oral-ulcers", "mouth-sores", "nose-ulcers"]),
        SymptomDefinition(id: "fever", name: "Fever", aliases: ["pyrexia", "temperature", "high-temperature"]),
        SymptomDefinition(id: "night-sweats", name: "Night sweats", aliases: ["sweats"]),
        SymptomDefinition(id: "chills", name: "Chills", aliases: ["rigors", "shivering"]),
        SymptomDefinition(id: "headache", name: "Headache", aliases: ["head-ache"]),
        SymptomDefinition(id: "chest-pain", name: "Chest pain", aliases: ["pleuritic-pain"]),
        SymptomDefinition(
            id: "shortness-of-breath", name: "Shortness of breath",
            aliases: ["breathlessness", "dyspnoea", "dyspnea", "sob"]),
        SymptomDefinition(id: "swelling", name: "Swelling (oedema)", aliases: ["oedema", "edema", "swollen-legs"]),
        SymptomDefinition(id: "raynaud", name: "Raynaud's phenomenon", aliases: ["raynauds", "cold-fingers"]),
        SymptomDefinition(id: "dry-eyes", name: "Dry eyes", aliases: ["sicca"]),
        SymptomDefinition(id: "dry-mouth", name: "Dry mouth"),
        SymptomDefinition(
            id: "brain-fog", name: "Brain fog",
            aliases: ["cognitive-problems", "poor-concentration", "memory-problems"]),
        SymptomDefinition(id: "dizziness", name: "Dizziness", aliases: ["vertigo", "lightheadedness"]),
        SymptomDefinition(id: "tingling", name: "Tingling or numbness", aliases: ["numbness", "pins-and-needles", "paraesthesia"]),
        SymptomDefinition(id: "nausea", name: "Nausea", aliases: ["feeling-sick"]),
        SymptomDefinition(id: "vomiting", name: "Vomiting"),
        SymptomDefinition(id: "diarrhoea", name: "Diarrhoea", aliases: ["diarrhea"]),
        SymptomDefinition(id: "abdominal-pain", name: "Abdominal pain", aliases: ["stomach-ache", "belly-pain"]),
        SymptomDefinition(id: "loss-of-appetite", name: "Loss of appetite", aliases: ["poor-appetite"]),
        SymptomDefinition(id: "weight-loss", name: "Weight loss"),
        SymptomDefinition(id: "cough", name: "Cough"),
        SymptomDefinition(id: "sore-throat", name: "Sore throat"),
        SymptomDefinition(id: "runny-nose", name: "Runny nose", aliases: ["cold", "rhinitis"]),
        SymptomDefinition(id: "bruising", name: "Bruising", aliases: ["easy-bruising"]),
        SymptomDefinition(id: "itching", name: "Itching", aliases: ["pruritus", "itch"]),
        SymptomDefinition(id: "sleep-problems", name: "Sleep problems", aliases: ["insomnia", "poor-sleep"]),
        SymptomDefinition(id: "low-mood", name: "Low mood", aliases: ["depression", "sadness"]),
        SymptomDefinition(id: "anxiety", name: "Anxiety", aliases: ["worry", "nervousness"])
    ]

    /// The longest free name accepted, so that tables stay readable.
    public static let maximumNameLength = 40

    private static let index: [String: String] = {
        var index: [String: String] = [:]
        for symptom in all {
            for name in [symptom.id, symptom.name] + symptom.aliases where index[TextKey.lookup(name)] == nil {
                index[TextKey.lookup(name)] = symptom.id
            }
        }
        return index
    }()

    /// The catalogue id for a catalogue name or alias ("Arthralgia" → "joint-pain"), else
    /// the free name normalised: lowercased, trimmed, spaces and underscores as "-".
    ///
    /// - Throws: ``InputError`` for an empty name, one longer than 40 characters, or one with
    ///   characters other than letters, digits and hyphens.
    public static func normalizedName(_ text: String, field: String = "--symptom") throws(InputError) -> String {
        if let id = index[TextKey.lookup(text)] { return id }
        var name = ""
        for character in TextKey.trimmed(text).lowercased() {
            let mapped: Character = (character == " " || character == "_" || character == "\t") ? "-" : character
            if mapped == "-", name.hasSuffix("-") || name.isEmpty { continue }
            name.append(mapped)
        }
        while name.hasSuffix("-") { name.removeLast() }
        let accepted =
            "a catalogue name (fatigue, joint-pain, rash, …) or a free name of up to "
            + "\(maximumNameLength) letters, digits and hyphens"
        func refuse(_ reason: String) -> InputError {
            InputError(field: field, value: text, reason: reason, accepted: accepted)
        }
        if name.isEmpty { throw refuse("is empty") }
        if name.count > maximumNameLength { throw refuse("is longer than \(maximumNameLength) characters") }
        if let bad = name.first(where: { !($0.isLetter || ($0.isASCII && $0.isNumber) || $0 == "-") }) {
            throw refuse("contains '\(bad)'; a name may contain only letters, digits and hyphens")
        }
        return name
    }

    /// The catalogue entry for `id`, nil for a free name.
    public static func definition(id: String) -> SymptomDefinition? {
        all.first { $0.id == id }
    }

    /// Reads a 0–10 score, used for symptom severity and well-being.
    ///
    /// - Throws: ``InputError`` for anything but a whole number from 0 to 10.
    public static func parseSeverity(_ text: String, field: String) throws(InputError) -> Int {
        let trimmed = TextKey.trimmed(text)
        let accepted = "an integer from 0 to 10"
        guard !trimmed.isEmpty else {
            throw InputError(field: field, value: text, reason: "is empty", accepted: accepted)
        }
        if trimmed.hasPrefix("-"), trimmed.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }), trimmed.count > 1 {
            throw InputError(field: field, value: text, reason: "is negative", accepted: accepted)
        }
        guard trimmed.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw InputError(field: field, value: text, reason: "is not a whole number", accepted: accepted)
        }
        guard trimmed.count <= 2, let value = Int(trimmed), value <= 10 else {
            throw InputError(field: field, value: text, reason: "is above 10", accepted: accepted)
        }
        return value
    }
}
