#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Applies `remission edit ID --FIELD VALUE` to a record.
///
/// An edit rebuilds the whole entry from the record's current fields with the edited ones
/// overlaid, then validates it exactly as a new entry, so that an edit can never store what
/// `remission lab` (or `log`, `med`, …) would refuse; derived fields such as the canonical
/// value follow the edited value and unit.
public enum RecordEditor {
    /// The options `edit` accepts for each kind, without their leading dashes: the kind's
    /// ``RecordKind/editOptions``, from its field table.
    public static func options(for kind: RecordKind) -> [String] {
        kind.editOptions
    }

    /// The fields whose values change. An empty string clears an optional field.
    ///
    /// - Parameter changes: option name (without dashes) → value as typed; for `tag`, the
    ///   tags separated by commas.
    public static func edit(
        kind: RecordKind, current: [String: FieldValue], changes typed: [String: String], context: EntryContext
    ) throws(InputError) -> [String: FieldValue] {
        let allowed = options(for: kind)
        var changes: [Field: String] = [:]
        for option in typed.keys.sorted() {
            guard let field = kind.field(forEditOption: option) else {
                throw InputError(
                    field: "--\(option)", value: typed[option] ?? "", reason: "does not apply to a \(kind.rawValue) record",
                    accepted: allowed.map { "--" + $0 }.joined(separator: ", "))
            }
            changes[field] = typed[option]
        }
        guard !changes.isEmpty else {
            throw InputError(
                field: "edit", reason: "names no field to change",
                accepted: allowed.map { "--" + $0 }.joined(separator: ", "))
        }
        func option(_ field: Field) -> String { "--" + (kind.spec(field)?.editOption ?? field.snakeCaseName) }
        let updated: [String: FieldValue]
        switch kind {
        case .profile:
            var entry = ProfileEntry(fields: current)
            overlay(&entry.diagnosis, changes[.diagnosis])
            overlay(&entry.product, changes[.product])
            overlay(&entry.target, changes[.target])
            overlay(&entry.lymphodepletion, changes[.lymphodepletion])
            overlay(&entry.note, changes[.note])
            updated = try entry.fields()
        case .entry:
            var entry = DayEntry(fields: current)
            overlay(&entry.date, changes[.date])
            overlay(&entry.wellbeing, changes[.wellbeing])
            overlay(&entry.note, changes[.note])
            if let tags = changes[.tags] {
                entry.tags = tags.split(separator: ",").map(String.init)
            }
            updated = try entry.fields(context)
        case .symptom:
            var fields = current
            if let date = changes[.date] { fields[.date] = .text(try context.date(date).iso) }
            if let name = changes[.name] { fields[.name] = .text(try SymptomCatalogue.normalizedName(name, field: "--name")) }
            if let severity = changes[.severity] {
                fields[.severity] = .integer(Int64(try SymptomCatalogue.parseSeverity(severity, field: option(.severity))))
            }
            updated = fields
        case .lab:
            var entry = LabResultEntry(fields: current)
            // A range is in the unit it was entered with: never carry it over into another
            // unit or analyte by guessing.
            if let range = entry.range, changes[.range] == nil,
                (changes[.unit].map { $0 != entry.unit } ?? false) || (changes[.analyte].map { $0 != entry.analyte } ?? false)
            {
                throw InputError(
                    field: changes[.unit] != nil ? option(.unit) : option(.analyte), value: changes[.unit] ?? changes[.analyte] ?? "",
                    reason: "would leave the reference range \(range) in \(entry.unit), the unit it was entered with",
                    accepted: "the same edit with --range in the new unit, or --range '' to drop the range")
            }
            if let analyte = changes[.analyte] { entry.analyte = analyte }
            if let value = changes[.value] { entry.value = value }
            if let unit = changes[.unit] { entry.unit = unit }
            overlay(&entry.date, changes[.date])
            overlay(&entry.time, changes[.time])
            overlay(&entry.range, changes[.range])
            overlay(&entry.lab, changes[.lab])
            overlay(&entry.note, changes[.note])
            updated = try entry.fields(context)
        case .medication:
            var entry = MedicationEntry(fields: current)
            overlay(&entry.dose, changes[.dose])
            overlay(&entry.frequency, changes[.frequency])
            overlay(&entry.route, changes[.route])
            overlay(&entry.startDate, changes[.startDate])
            overlay(&entry.endDate, changes[.endDate])
            overlay(&entry.reason, changes[.reason])
            overlay(&entry.stopReason, changes[.stopReason])
            overlay(&entry.note, changes[.note])
            updated = try entry.fields(context)
        case .event:
            var entry = EventEntry(fields: current)
            if let type = changes[.type] { entry.type = type }
            overlay(&entry.date, changes[.date])
            overlay(&entry.grade, changes[.grade])
            overlay(&entry.note, changes[.note])
            updated = try entry.fields(context)
        case .assessment:
            var entry = AssessmentEntry(fields: current)
            overlay(&entry.date, changes[.date])
            overlay(&entry.sledai, changes[.sledai])
            overlay(&entry.clinicalSledai, changes[.clinicalSledai])
            overlay(&entry.pga, changes[.pga])
            overlay(&entry.note, changes[.note])
            updated = try entry.fields(context)
        }
        return updated.filter { name, value in (current[name] ?? .null) != value }
    }

    private static func overlay(_ target: inout String?, _ change: String?) {
        guard let change else { return }
        target = change.isEmpty ? nil : change
    }
}
