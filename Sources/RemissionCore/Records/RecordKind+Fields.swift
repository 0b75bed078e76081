/// The field table: every field of every kind, once.
///
/// Everything that names a kind's fields reads them from here: the merge rule's registers
/// (``RecordKind/fieldGroups``), `remission edit` (its options, their help, ``RecordEditor``),
/// `show`, `conflicts`, `history`, the JSON, CSV and FHIR exports and the report. The stored
/// names (``Field``'s raw values) are the columns of the kind's table in `Schema/`; `remission
/// check` and a test verify that every field has its column.
extension RecordKind {
    /// Built once: the merge rule reads it for every record it merges.
    public var fields: [FieldSpec] { Self.fieldTable[self]! }

    private static let fieldTable = Dictionary(uniqueKeysWithValues: allCases.map { ($0, $0.tableEntries) })

    private var tableEntries: [FieldSpec] {
        switch self {
        case .profile:
            return [
                .init(.diagnosis, .text, entry: .option("diagnosis"), help: "The disease treated: SLE, myositis, systemic sclerosis, …"),
                .init(.product, .text, entry: .option("product"), help: "The CAR-T product."),
                .init(.target, .text, entry: .option("target"), help: "The CAR-T target: CD19, BCMA or CD19+BCMA."),
                .init(.lymphodepletion, .text, entry: .option("lymphodepletion"), help: "The lymphodepletion regimen."),
                .init(.note, .text, entry: .option("note"), help: Self.noteHelp)
            ]
        case .entry:
            return [
                .init(.date, .date, required: true, entry: .option("date"), help: "The day."),
                .init(.wellbeing, .score, entry: .option("wellbeing"), help: "Well-being from 0 (worst) to 10 (best)."),
                .init(.note, .text, entry: .option("note"), help: Self.noteHelp),
                .init(.tags, .list, entry: .option("tag"), help: "Replaces the day's tags; repeatable.")
            ]
        case .symptom:
            // A severity is a severity *of* a symptom: renaming fatigue to headache on one
            // device and scoring it 8 on another is not "headache 8".
            return [
                .init(.date, .date, required: true, entry: .option("date"), help: "The day."),
                .init(.name, .text, required: true, group: "rating", entry: .option("name"), help: "The symptom's name."),
                .init(.severity, .score, required: true, group: "rating", entry: .option("severity"), help: "The severity, 0–10."),
                .init(.entryId, .text, entry: .fixed, help: "The day entry `log` wrote the symptom with.")
            ]
        case .lab:
            // A value has no meaning without its unit and range: a C3 of 0.97 g/L and of
            // 95 mg/dL are two results, the value of one and the unit of the other a third.
            return [
                .init(.date, .date, required: true, group: "collected", entry: .option("date"), help: "The collection date."),
                .init(.time, .text, group: "collected", entry: .option("time"), help: "The collection time, HH:MM."),
                .init(
                    .analyte, .text, required: true, group: "measurement", entry: .option("analyte"),
                    help: "The analyte: cd19, anti-dsdna, c3, c4, igg, upcr, creatinine, … (aliases accepted)."),
                .init(.qualifier, .text, group: "measurement", entry: .within(.value), help: "The < or > the lab printed before the value."),
                .init(
                    .value, .decimal, required: true, group: "measurement", entry: .option("value"),
                    help: "The value as printed by the lab: 5.2, <5, >1000, 1:160 for a titre."),
                .init(
                    .unit, .text, required: true, group: "measurement", entry: .option("unit"),
                    help: "The unit as printed by the lab: g/L, mg/dL, cells/uL, IU/mL, …"),
                .init(
                    .canonicalValue, .decimal, required: true, group: "measurement", entry: .derived,
                    help: "The value in the analyte's canonical unit."),
                .init(.canonicalUnit, .text, required: true, group: "measurement", entry: .derived, help: "The analyte's canonical unit."),
                .init(
                    .range, .text, group: "measurement", entry: .option("range"),
                    help: "The lab's reference range in the result's unit: 3.5-5.0, <30, >0.9."),
                .init(.rangeLow, .decimal, group: "measurement", entry: .derived, help: "The range's lower bound in the canonical unit."),
                .init(.rangeHigh, .decimal, group: "measurement", entry: .derived, help: "The range's upper bound in the canonical unit."),
                .init(.lab, .text, entry: .option("lab"), help: "The laboratory or assay name."),
                .init(.note, .text, entry: .option("note"), help: Self.noteHelp)
            ]
        case .medication:
            // The daily dose is amount × frequency: a dose from one device and a frequency
            // from another would be a daily dose nobody takes. The route decides whether it
            // counts as systemic. A period must not end before it starts.
            return [
                .init(.drug, .text, required: true, group: "drug", entry: .fixed, help: "The drug, as started."),
                .init(.drugClass, .text, required: true, group: "drug", entry: .derived, help: "The drug's class in the catalogue."),
                .init(.custom, .bool, group: "drug", entry: .fixed, help: "A drug outside the catalogue, kept by the name given."),
                .init(
                    .dose, .text, group: "dosing", entry: .option("dose"),
                    help: "The dose with its unit: \"5 mg\", \"0.4 g/kg\", \"375 mg/m2\", or a cream's strength \"1 %\"."),
                .init(.doseAmount, .decimal, group: "dosing", entry: .derived, help: "The dose's number."),
                .init(.doseUnit, .text, group: "dosing", entry: .derived, help: "The dose's unit."),
                .init(
                    .frequency, .text, group: "dosing", entry: .option("frequency"),
                    help: "How often: daily, twice-daily, weekly, every-4-weeks, once, as-needed, …"),
                .init(
                    .route, .text, group: "dosing", entry: .option("route"),
                    help: "The route: oral, iv, sc, im, topical, inhaled, rectal, other."),
                .init(.startDate, .date, required: true, group: "period", entry: .option("start-date"), help: "The first day."),
                .init(.endDate, .date, group: "period", entry: .option("end-date"), help: "The first day without it."),
                .init(.reason, .text, entry: .option("reason"), help: "Why it was started or changed."),
                .init(.stopReason, .text, entry: .option("stop-reason"), help: "Why it was stopped."),
                .init(.note, .text, entry: .option("note"), help: Self.noteHelp)
            ]
        case .event:
            // A grade is a grade of a type (CRS grade 2 is not ICANS grade 2).
            return [
                .init(.date, .date, required: true, entry: .option("date"), help: "When it happened."),
                .init(.type, .text, required: true, group: "classification", entry: .option("type"), help: "The kind of event."),
                .init(.grade, .integer, group: "classification", entry: .option("grade"), help: "The clinician's grade (CRS, ICANS)."),
                .init(.note, .text, entry: .option("note"), help: Self.noteHelp)
            ]
        case .assessment:
            // Clinical SLEDAI is SLEDAI without its serology items: the scores of one visit
            // go together.
            return [
                .init(.date, .date, required: true, entry: .option("date"), help: "The visit date."),
                .init(.sledai, .integer, range: 0...105, group: "scores", entry: .option("sledai"), help: "SLEDAI-2K total, 0–105."),
                .init(
                    .clinicalSledai, .integer, range: 0...105, group: "scores", entry: .option("clinical-sledai"),
                    help: "Clinical SLEDAI-2K (without serology), 0–105."),
                .init(.pga, .decimal, range: 0...3, group: "scores", entry: .option("pga"), help: "Physician global assessment, 0–3."),
                .init(.note, .text, entry: .option("note"), help: Self.noteHelp)
            ]
        }
    }

    private static let noteHelp = "A note; '-' reads it from standard input."

    /// The field that places a record on the timeline, if it has one.
    public var dateField: Field? {
        switch self {
        case .profile: return nil
        case .medication: return .startDate
        default: return .date
        }
    }

    /// This kind's entry for a field, if the kind has it.
    public func spec(_ field: Field) -> FieldSpec? {
        fields.first { $0.field == field }
    }

    /// This kind's entry for a stored name, as an operation from the log names it.
    public func field(named name: String) -> FieldSpec? {
        fields.first { $0.name == name }
    }

    /// The options `remission edit` takes for this kind, without their dashes, in field order.
    public var editOptions: [String] {
        fields.compactMap(\.editOption)
    }

    /// The field an option of `remission edit` changes in this kind.
    public func field(forEditOption option: String) -> Field? {
        fields.first { $0.editOption == option }?.field
    }

    /// Every option of `remission edit`, each once, in the order of the kinds and their fields.
    public static var editOptions: [String] {
        var seen: Set<String> = []
        return allCases.flatMap(\.editOptions).filter { seen.insert($0).inserted }
    }

    /// The help of an option of `remission edit`, from the table: one line when the kinds
    /// that have it agree, else one per wording, each with the kinds it is for.
    public static func editHelp(forOption option: String) -> String {
        var wordings: [(help: String, kinds: [RecordKind])] = []
        for kind in allCases {
            guard let spec = kind.fields.first(where: { $0.editOption == option }) else { continue }
            if let index = wordings.firstIndex(where: { $0.help == spec.help }) {
                wordings[index].kinds.append(kind)
            } else {
                wordings.append((spec.help, [kind]))
            }
        }
        func kinds(_ list: [RecordKind]) -> String { list.map(\.rawValue).joined(separator: ", ") }
        if wordings.count == 1, let only = wordings.first { return "\(only.help) (\(kinds(only.kinds)))" }
        return wordings.map { "\(kinds($0.kinds)): \($0.help)" }.joined(separator: " ")
    }

    /// "Fields by kind" of `remission edit --help`: each kind with its options.
    public static var editOptionsByKind: String {
        let order: [RecordKind] = [.entry, .symptom, .lab, .medication, .event, .assessment, .profile]
        return order.map { kind in
            let label = kind == .profile ? "profile (id 'profile')" : kind.rawValue
            return "  \(label): " + kind.editOptions.map { "--" + $0 }.joined(separator: " ")
        }.joined(separator: "\n")
    }
}

extension Field {
    /// The option of `remission edit` that changes this field, without its dashes; the same
    /// in every kind that has the field. Nil for a field no kind lets `edit` change.
    public var editOption: String? {
        RecordKind.allCases.lazy.compactMap { $0.spec(self)?.editOption }.first
    }
}
