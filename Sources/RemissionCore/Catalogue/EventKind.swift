/// The kinds of clinical event on the CAR-T timeline.
public enum EventKind: String, Sendable, Codable, CaseIterable {
    case infusion
    case lymphodepletion
    case crs
    case icans
    case infection
    case hospitalisation
    case flare
    case vaccination
    case ivig
    case visit

    /// Other names accepted on entry, as lookup keys (lowercase, separators removed).
    static let aliases: [String: EventKind] = {
        let pairs: [(String, EventKind)] = [
            ("car-t", .infusion), ("car-t-infusion", .infusion), ("cart", .infusion),
            ("ld", .lymphodepletion), ("conditioning", .lymphodepletion),
            ("cytokine-release", .crs), ("cytokine-release-syndrome", .crs),
            ("neurotoxicity", .icans),
            ("hospitalization", .hospitalisation), ("hospital", .hospitalisation), ("admission", .hospitalisation),
            ("relapse", .flare),
            ("vaccine", .vaccination), ("immunisation", .vaccination), ("immunization", .vaccination),
            ("immunoglobulin", .ivig),
            ("clinic-visit", .visit), ("appointment", .visit), ("clinic", .visit)
        ]
        var table: [String: EventKind] = [:]
        for kind in allCases { table[TextKey.lookup(kind.rawValue)] = kind }
        for (alias, kind) in pairs { table[TextKey.lookup(alias)] = kind }
        return table
    }()

    /// Reads a kind by name or alias ("hospitalization", "cytokine-release", "vaccine").
    ///
    /// - Throws: ``InputError`` with field "KIND" listing the kinds.
    public static func parse(_ text: String, field: String = "KIND") throws(InputError) -> EventKind {
        let key = TextKey.lookup(text)
        if let kind = aliases[key] { return kind }
        throw InputError(
            field: field, value: text, reason: key.isEmpty ? "is empty" : "is not a kind of event",
            accepted: allCases.map(\.rawValue).joined(separator: ", "))
    }

    /// The grades a clinician may assign: ASTCT grades 1–4 for CRS and ICANS (Lee 2019),
    /// and 5 for a death attributed to them. Nil for kinds without grades.
    public var gradeRange: ClosedRange<Int>? {
        switch self {
        case .crs, .icans: return 1...5
        default: return nil
        }
    }

    public var displayName: String {
        switch self {
        case .infusion: return "CAR-T infusion"
        case .lymphodepletion: return "Lymphodepletion"
        case .crs: return "Cytokine release syndrome (CRS)"
        case .icans: return "ICANS (neurotoxicity)"
        case .infection: return "Infection"
        case .hospitalisation: return "Hospitalisation"
        case .flare: return "Flare"
        case .vaccination: return "Vaccination"
        case .ivig: return "IVIG"
        case .visit: return "Clinic visit"
        }
    }
}
