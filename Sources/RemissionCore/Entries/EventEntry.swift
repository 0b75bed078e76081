#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A clinical event as typed: `remission event crs --date d+2 --grade 1`.
public struct EventEntry: Sendable, Hashable {
    public var type: String
    public var date: String?
    public var grade: String?
    public var note: String?

    public init(type: String, date: String? = nil, grade: String? = nil, note: String? = nil) {
        self.type = type
        self.date = date
        self.grade = grade
        self.note = note
    }

    /// How far ahead an infusion may be recorded as planned: the date is set at enrolment,
    /// weeks before day 0, and a postponed one is edited. Other events are recorded when they
    /// have happened.
    public static let infusionPlanningHorizon = 365

    public func fields(_ context: EntryContext) throws(InputError) -> [String: FieldValue] {
        let kind = try EventKind.parse(type)
        let date =
            kind == .infusion
            ? try context.plannedDate(self.date, horizon: Self.infusionPlanningHorizon)
            : try context.date(self.date)
        var gradeValue = FieldValue.null
        if let grade, !grade.isEmpty {
            guard let range = kind.gradeRange else {
                throw InputError(
                    field: "--grade", value: grade, reason: "does not apply to \(kind.displayName)",
                    accepted: "a grade only for CRS and ICANS events")
            }
            gradeValue = .integer(Int64(try EntryText.integer(grade, field: "--grade", in: range)))
        }
        return .init(fields: [
            .type: .text(kind.rawValue), .date: .text(date.iso), .grade: gradeValue,
            .note: try EntryText.note(note).map(FieldValue.text) ?? .null
        ])
    }

    public init(fields: [String: FieldValue]) {
        self.init(
            type: fields[.type]?.text ?? "", date: fields[.date]?.text,
            grade: fields[.grade]?.integer.map { String($0) }, note: fields[.note]?.text)
    }
}

/// Clinician scores from a visit: `remission assess --sledai 4 --clinical-sledai 2 --pga 0.5`.
public struct AssessmentEntry: Sendable, Hashable {
    public var date: String?
    public var sledai: String?
    public var clinicalSledai: String?
    public var pga: String?
    public var note: String?

    public init(date: String? = nil, sledai: String? = nil, clinicalSledai: String? = nil, pga: String? = nil, note: String? = nil) {
        self.date = date
        self.sledai = sledai
        self.clinicalSledai = clinicalSledai
        self.pga = pga
        self.note = note
    }

    /// SLEDAI-2K's maximum (Gladman 2002).
    public static let sledaiRange = 0...105

    public func fields(_ context: EntryContext) throws(InputError) -> [String: FieldValue] {
        let total = try sledai.flatMap { $0.isEmpty ? nil : $0 }.map { text throws(InputError) in
            try EntryText.integer(text, field: "--sledai", in: Self.sledaiRange)
        }
        let clinical = try clinicalSledai.flatMap { $0.isEmpty ? nil : $0 }.map { text throws(InputError) in
            try EntryText.integer(text, field: "--clinical-sledai", in: Self.sledaiRange)
        }
        if let total, let clinical, clinical > total {
            throw InputError(
                field: "--clinical-sledai", value: String(clinical),
                reason: "is above the full SLEDAI-2K (\(total)), which also counts serology",
                accepted: "a value from 0 to \(total)")
        }
        var pgaValue = FieldValue.null
        if let pga, !pga.isEmpty {
            let parsed = try? LabValue.parse(pga, field: "--pga")
            guard let parsed, parsed.qualifier == nil, !parsed.text.contains(":"), parsed.number <= 3 else {
                throw InputError(
                    field: "--pga", value: pga, reason: "is not a physician global assessment",
                    accepted: "a number from 0 to 3 (0.5)")
            }
            pgaValue = .text(parsed.text)
        }
        if total == nil && clinical == nil && pgaValue.isNull {
            throw InputError(
                field: "assess", reason: "has no score",
                accepted: "at least one of --sledai, --clinical-sledai, --pga")
        }
        return .init(fields: [
            .date: .text(try context.date(date).iso),
            .sledai: total.map { .integer(Int64($0)) } ?? .null,
            .clinicalSledai: clinical.map { .integer(Int64($0)) } ?? .null,
            .pga: pgaValue,
            .note: try EntryText.note(note).map(FieldValue.text) ?? .null
        ])
    }

    public init(fields: [String: FieldValue]) {
        self.init(
            date: fields[.date]?.text, sledai: fields[.sledai]?.integer.map { String($0) },
            clinicalSledai: fields[.clinicalSledai]?.integer.map { String($0) },
            pga: fields[.pga]?.text, note: fields[.note]?.text)
    }
}

/// The patient's profile: `remission init --diagnosis SLE --product "…" --target CD19`.
public struct ProfileEntry: Sendable, Hashable {
    public var diagnosis: String?
    public var product: String?
    public var target: String?
    public var lymphodepletion: String?
    public var note: String?

    public init(
        diagnosis: String? = nil, product: String? = nil, target: String? = nil,
        lymphodepletion: String? = nil, note: String? = nil
    ) {
        self.diagnosis = diagnosis
        self.product = product
        self.target = target
        self.lymphodepletion = lymphodepletion
        self.note = note
    }

    /// CAR-T targets (DESIGN.md §4).
    public static let targets = ["CD19", "BCMA", "CD19+BCMA"]

    public func fields() throws(InputError) -> [String: FieldValue] {
        var targetValue = FieldValue.null
        if let target, !target.isEmpty {
            let key = target.uppercased().replacing(" ", with: "")
            guard let match = Self.targets.first(where: { $0 == key || $0.replacing("+", with: "/") == key }) else {
                throw InputError(
                    field: "--target", value: target, reason: "is not a CAR-T target remission knows",
                    accepted: Self.targets.joined(separator: ", "))
            }
            targetValue = .text(match)
        }
        return .init(fields: [
            .diagnosis: try EntryText.label(diagnosis, field: "--diagnosis").map(FieldValue.text) ?? .null,
            .product: try EntryText.label(product, field: "--product").map(FieldValue.text) ?? .null,
            .target: targetValue,
            .lymphodepletion: try EntryText.label(lymphodepletion, field: "--lymphodepletion").map(FieldValue.text) ?? .null,
            .note: try EntryText.note(note).map(FieldValue.text) ?? .null
        ])
    }

    public init(fields: [String: FieldValue]) {
        self.init(
            diagnosis: fields[.diagnosis]?.text, product: fields[.product]?.text, target: fields[.target]?.text,
            lymphodepletion: fields[.lymphodepletion]?.text, note: fields[.note]?.text)
    }
}
