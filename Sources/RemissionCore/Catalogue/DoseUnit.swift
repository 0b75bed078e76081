/// The units a dose is prescribed in: mass, weight- or surface-based (infusions), IU, volume,
/// and the strength of a cream or ointment ("1 %"), whose amount applied is not measured.
public enum DoseUnit: String, Sendable, Codable, CaseIterable {
    case mg
    case g
    case mcg
    case mgPerKg = "mg/kg"
    case gPerKg = "g/kg"
    case mgPerM2 = "mg/m2"
    case iu = "IU"
    case mL = "mL"
    case percent = "%"

    /// Spellings accepted on entry, as lookup keys (lowercase, no spaces, µ/μ as u,
    /// "²" and "^2" as 2).
    static let spellings: [String: DoseUnit] = [
        "mg": .mg, "milligram": .mg, "milligrams": .mg,
        "g": .g, "gram": .g, "grams": .g,
        "mcg": .mcg, "ug": .mcg, "microgram": .mcg, "micrograms": .mcg,
        "mg/kg": .mgPerKg, "g/kg": .gPerKg,
        "mg/m2": .mgPerM2,
        "iu": .iu, "i.u.": .iu,
        "ml": .mL,
        "%": .percent, "percent": .percent
    ]

    /// Reads a typed unit ("MG", "µg", "mg/m²"), nil if it is not a dose unit.
    static func lookup(_ text: String) -> DoseUnit? {
        var key = ""
        for scalar in text.lowercased().unicodeScalars {
            switch scalar {
            case " ", "\t", "^": continue
            case "\u{00B5}", "\u{03BC}": key.append("u")
            case "\u{00B2}": key.append("2")
            default: key.unicodeScalars.append(scalar)
            }
        }
        return spellings[key]
    }
}
