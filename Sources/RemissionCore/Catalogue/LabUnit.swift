/// A unit a lab result can be reported in, with its UCUM code for FHIR export.
///
/// Labs and patients spell units many ways ("10^9/L", "G/L", "K/µL"); `aliases` lists the
/// spellings, and matching ignores spaces, treats µ and u alike and ignores "^", "*" and
/// superscripts, so "10^9/L", "10*9/L" and "10⁹/L" are one spelling.
public struct LabUnit: Sendable, Hashable {
    /// How the journal prints the unit: "cells/µL", "10⁹/L".
    public let display: String
    /// The UCUM code: "/uL", "10*3/uL".
    public let ucum: String
    /// Further spellings accepted on entry, besides `display` and `ucum`.
    public let aliases: [String]

    public init(display: String, ucum: String, aliases: [String] = []) {
        self.display = display
        self.ucum = ucum
        self.aliases = aliases
    }

    /// Every spelling reduced to its matching key, case preserved (g/L is not G/L).
    var keys: Set<String> {
        Set(([display, ucum] + aliases).map(LabUnit.key))
    }

    /// The matching key: no spaces, µ/μ → u, no "^" or "*", superscript digits as digits,
    /// and no leading "x" or "×" before "10" ("x10^9/L" is "10^9/L").
    static func key(_ text: String) -> String {
        var result = ""
        for scalar in TextKey.trimmed(text).unicodeScalars {
            switch scalar {
            case " ", "\t", "^", "*": continue
            case "\u{00B5}", "\u{03BC}": result.append("u")
            case "\u{2070}": result.append("0")
            case "\u{00B9}": result.append("1")
            case "\u{00B2}": result.append("2")
            case "\u{00B3}": result.append("3")
            case "\u{2074}"..."\u{2079}":
                result.append(Character(Unicode.Scalar(scalar.value - 0x2074 + 0x34)!))
            default: result.unicodeScalars.append(scalar)
            }
        }
        for prefix in ["x10", "X10", "\u{00D7}10"] where result.hasPrefix(prefix) {
            result.removeFirst(prefix.count - 2)
        }
        return result
    }
}

extension LabUnit {
    // Cell counts
    public static let cellsPerMicrolitre = LabUnit(
        display: "cells/µL", ucum: "/uL", aliases: ["cells/uL", "/µL", "cells/mm3", "/mm3"])
    public static let perLitre10e6 = LabUnit(display: "10⁶/L", ucum: "10*6/L", aliases: ["10^6/L"])
    /// 10⁹/L is the same quantity as 10³/µL, whose UCUM code labs use for counts.
    public static let perLitre10e9 = LabUnit(
        display: "10⁹/L", ucum: "10*3/uL",
        aliases: ["10^9/L", "10*9/L", "G/L", "/nL", "10^3/µL", "K/µL", "K/uL"])
    public static let percent = LabUnit(display: "%", ucum: "%")
    public static let titre = LabUnit(display: "titre", ucum: "{titer}", aliases: ["titer"])

    // Antibodies
    public static let iuPerMillilitre = LabUnit(display: "IU/mL", ucum: "[IU]/mL")
    public static let kiuPerLitre = LabUnit(display: "kIU/L", ucum: "k[IU]/L")

    // Mass concentrations
    public static let gramsPerLitre = LabUnit(display: "g/L", ucum: "g/L")
    public static let gramsPerDecilitre = LabUnit(display: "g/dL", ucum: "g/dL")
    public static let milligramsPerDecilitre = LabUnit(display: "mg/dL", ucum: "mg/dL")
    public static let milligramsPerLitre = LabUnit(display: "mg/L", ucum: "mg/L")
    public static let micromolesPerLitre = LabUnit(display: "µmol/L", ucum: "umol/L")

    // Urine protein/creatinine ratios
    public static let milligramsPerGram = LabUnit(display: "mg/g", ucum: "mg/g", aliases: ["mg/gCr"])
    public static let milligramsPerMillimole = LabUnit(display: "mg/mmol", ucum: "mg/mmol", aliases: ["mg/mmolCr"])
    public static let gramsPerGram = LabUnit(display: "g/g", ucum: "g/g", aliases: ["g/gCr"])
    public static let milligramsPerMilligram = LabUnit(display: "mg/mg", ucum: "mg/mg")

    // Rates
    public static let glomerularFiltration = LabUnit(
        display: "mL/min/1.73m²", ucum: "mL/min/{1.73_m2}", aliases: ["mL/min/1.73m2", "mL/min"])
    public static let millimetresPerHour = LabUnit(display: "mm/h", ucum: "mm/h", aliases: ["mm/hr"])
}
