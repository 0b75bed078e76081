/// The broad class of a drug, which decides how summaries treat it (DORIS counts
/// glucocorticoids; antimalarials and immunosuppressants are allowed).
public enum DrugClass: String, Sendable, Codable, CaseIterable {
    case glucocorticoid
    case antimalarial
    case immunosuppressant
    case biologic
    case chemotherapy
    case antiInfective = "anti-infective"
    case immunoglobulin
    case other
}
