#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import RemissionCore
import RemissionStore

/// Human wording of records for the terminal: one line for listings, a block for `show`.
public struct RecordFormatter: Sendable {
    public let infusion: CalendarDate?
    public let style: TerminalStyle

    public init(infusion: CalendarDate?, style: TerminalStyle) {
        self.infusion = infusion
        self.style = style
    }

    /// The first characters of an id, enough to type it back (`show`, `edit` take prefixes).
    public static func shortID(_ id: String) -> String { String(id.prefix(8)) }

    /// "2026-11-20 (day +263)", or the date alone before an infusion is known.
    public func dateLabel(_ date: CalendarDate?) -> String {
        guard let date else { return "" }
        guard let day = StudyDay.label(for: date, infusion: infusion) else { return date.iso }
        return "\(date.iso) (\(day))"
    }

    /// One line that says what the record is.
    public func summary(_ record: RecordSnapshot) -> String {
        var text = Self.plainSummary(record)
        if let flag = record.labFlag, flag != .normal {
            text += " " + style.yellow(flag == .low ? "↓ low" : "↑ high")
        }
        if !record.conflicts.isEmpty || record.editedAfterDelete {
            text += " " + style.red("[conflict]")
        }
        if record.deleted { text += " " + style.dim("[deleted]") }
        return text
    }

    /// What the record says, in one line; text from elsewhere can never act on a terminal.
    public static func plainSummary(_ record: RecordSnapshot) -> String {
        EntryText.visible(rawSummary(record))
    }

    private static func rawSummary(_ record: RecordSnapshot) -> String {
        func text(_ field: Field) -> String? { record[field].text }
        switch record.kind {
        case .profile:
            let parts = [text(.diagnosis), text(.product), text(.target).map { "target " + $0 }].compactMap { $0 }
            return parts.isEmpty ? "profile" : parts.joined(separator: ", ")
        case .entry:
            var parts: [String] = []
            if let wellbeing = record[.wellbeing].integer { parts.append("well-being \(wellbeing)/10") }
            if let tags = record[.tags].list, !tags.isEmpty { parts.append(tags.map { "#" + $0 }.joined(separator: " ")) }
            if let note = text(.note) { parts.append("“" + Self.firstLine(note, limit: 60) + "”") }
            return parts.isEmpty ? "day entry" : parts.joined(separator: ", ")
        case .symptom:
            return "\(text(.name) ?? "symptom") \(record[.severity].integer.map(String.init) ?? "?")/10"
        case .lab:
            return labSummary(record)
        case .medication:
            let drug = text(.drug).flatMap { DrugCatalogue.drug(id: $0)?.name } ?? text(.drug) ?? "medication"
            var parts = [drug]
            if let dose = text(.dose) { parts.append(dose) }
            if let frequency = text(.frequency) {
                parts.append(DoseFrequency(rawValue: frequency)?.displayName ?? frequency)
            }
            if let route = text(.route) { parts.append(route) }
            var period = "from \(text(.startDate) ?? "?")"
            if let end = text(.endDate) { period += " until \(end)" } else { period += ", current" }
            return parts.joined(separator: " ") + " (" + period + ")"
        case .event:
            let kind = text(.type).flatMap(EventKind.init(rawValue:))
            var line = kind?.displayName ?? text(.type) ?? "event"
            if let grade = record[.grade].integer { line += " grade \(grade)" }
            if let note = text(.note) { line += ": " + Self.firstLine(note, limit: 60) }
            return line
        case .assessment:
            var parts: [String] = []
            if let sledai = record[.sledai].integer { parts.append("SLEDAI-2K \(sledai)") }
            if let clinical = record[.clinicalSledai].integer { parts.append("clinical SLEDAI-2K \(clinical)") }
            if let pga = text(.pga) { parts.append("PGA \(pga)") }
            return parts.joined(separator: ", ")
        }
    }

    static func labSummary(_ record: RecordSnapshot) -> String {
        let analyte = record[.analyte].text.flatMap(AnalyteCatalogue.analyte(id:))
        let name = analyte?.name ?? record[.analyte].text ?? "lab"
        let qualifier = record[.qualifier].text ?? ""
        let unit = record[.unit].text ?? ""
        let enteredUnit = try? analyte?.conversion(for: unit).unit
        let isTitre = enteredUnit == LabUnit.titre
        let value = record.reportedLabValue + (isTitre ? "" : " " + unit)
        var line = "\(name) \(qualifier)\(value)"
        let canonicalUnit = record[.canonicalUnit].text ?? ""
        if !isTitre, enteredUnit != analyte?.canonicalUnit, let canonical = record[.canonicalValue].text {
            line += " (\(qualifier)\(canonical) \(canonicalUnit))"
        }
        if let range = record[.range].text { line += ", range \(range)" }
        return line
    }

    static func firstLine(_ text: String, limit: Int) -> String {
        let line = text.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? ""
        let more = line.count > limit || line.count < text.count
        return String(line.prefix(limit)) + (more ? "…" : "")
    }

    /// Every field, one per line, for `show`.
    public func details(_ record: RecordSnapshot, deviceNames: [String: String]) -> String {
        var lines: [String] = []
        lines.append(style.bold("\(record.kind.rawValue) \(record.id)"))
        if let date = record.date { lines.append("  date: \(dateLabel(date))") }
        lines.append("  " + Self.plainSummary(record))
        if let flag = record.labFlag {
            lines.append("  against range: \(flag.rawValue)\(record[.range].isNull ? " (default range)" : "")")
        }
        for spec in record.kind.fields where spec.field != record.kind.dateField {
            let value = record[spec.field]
            guard !value.isNull else { continue }
            lines.append("  \(spec.field.snakeCaseName): \(EntryText.visible(value.description, keepingLineBreaks: true).replacingNewlines())")
        }
        lines.append("  created: \(record.created.iso8601), last changed: \(record.updated.iso8601)")
        if record.deleted { lines.append("  " + style.dim("deleted (remission restore \(Self.shortID(record.id)) brings it back)")) }
        if record.editedAfterDelete {
            lines.append(
                "  "
                    + style.red(
                        "deleted on one device while edited on another; kept visible. `remission delete \(Self.shortID(record.id))` deletes it, `remission restore \(Self.shortID(record.id))` keeps it."
                    ))
        }
        for conflict in record.conflicts {
            let name = Field.snakeCase(conflict.register)
            lines.append(
                "  " + style.red("conflict on \(name):")
                    + " shown \(Self.describe(conflict.winner, of: conflict)) from \(deviceName(conflict.winner.operation, deviceNames))")
            for other in conflict.others {
                lines.append("      also \(Self.describe(other, of: conflict)) from \(deviceName(other.operation, deviceNames)) at \(other.clock.iso8601)")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// One alternative of a conflict in words: the value of a single field, or the fields
    /// of a group that have one ("value 95, unit mg/dL, range 90-180").
    public static func describe(_ candidate: FieldConflict.Candidate, of conflict: FieldConflict) -> String {
        if conflict.fields.count == 1, let only = conflict.fields.first {
            return EntryText.visible((candidate.values[only] ?? .null).description, keepingLineBreaks: true).replacingNewlines()
        }
        let parts = conflict.fields.compactMap { field -> String? in
            guard let value = candidate.values[field], !value.isNull else { return nil }
            return "\(Field.snakeCase(field)) \(EntryText.visible(value.description, keepingLineBreaks: true).replacingNewlines())"
        }
        return parts.isEmpty ? "(empty)" : parts.joined(separator: ", ")
    }

    func deviceName(_ id: OperationID, _ names: [String: String]) -> String {
        EntryText.visible(names[id.device] ?? ("device " + id.device.prefix(8)))
    }
}

extension String {
    func replacingNewlines() -> String {
        split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n    ")
    }
}
