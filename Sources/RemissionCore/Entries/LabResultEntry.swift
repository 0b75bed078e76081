#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A lab result as typed: `remission lab c3 82 mg/dL --range 90-180`.
///
/// The value and unit are kept exactly as entered; the canonical value is computed with
/// exact decimal arithmetic so that a trend can mix labs that report different units.
public struct LabResultEntry: Sendable, Hashable {
    public var analyte: String
    public var value: String
    public var unit: String
    public var date: String?
    public var time: String?
    public var range: String?
    public var lab: String?
    public var note: String?

    public init(analyte: String, value: String, unit: String, date: String? = nil, time: String? = nil,
                range: String? = nil, lab: String? = nil, note: String? = nil) {
        self.analyte = analyte
        self.value = value
        self.unit = unit
        self.date = date
        self.time = time
        self.range = range
        self.lab = lab
        self.note = note
    }

    /// The entry as the stored fields of a lab record.
    public func fields(_ context: EntryContext) throws(InputError) -> [String: FieldValue] {
        let analyte = try AnalyteCatalogue.analyte(named: analyte)
        let conversion = try analyte.conversion(for: unit)
        let isTitre = conversion.unit == .titre
        let parsed = try LabValue.parse(value, field: "VALUE")
        if isTitre != parsed.text.hasPrefix("1:") {
            throw InputError(field: "VALUE", value: value,
                             reason: isTitre ? "is not a titre" : "is a titre, but the unit is \(conversion.unit.display)",
                             accepted: isTitre ? "a titre such as 1:160" : LabValue.acceptedForms)
        }
        let canonical = analyte.toCanonical(parsed.number, from: conversion)
        if let maximum = analyte.plausibleMaximum, canonical > maximum,
           parsed.qualifier != .lessThan, parsed.qualifier != .lessOrEqual {
            // Name the units in which the number would be a result, since that is the mistake.
            let fits = analyte.conversions.filter { $0.unit != conversion.unit && analyte.toCanonical(parsed.number, from: $0) <= maximum }
            let canonicalUnit = analyte.canonicalUnit.display
            throw InputError(
                field: "VALUE", value: value,
                reason: "\(parsed.text) \(unit.trimming(" ")) is more than anyone's \(analyte.name) can be "
                    + "(at most \(maximum) \(canonicalUnit)); check the unit",
                accepted: fits.isEmpty ? "a value up to \(maximum) \(canonicalUnit)"
                    : fits.map { "\(parsed.number) \($0.unit.display) (\(analyte.toCanonical(parsed.number, from: $0)) \(canonicalUnit))" }
                        .joined(separator: " or ") + ", if that is what the lab printed")
        }
        var fields: [String: FieldValue] = [
            "date": .text(try context.date(date).iso),
            "analyte": .text(analyte.id),
            "qualifier": parsed.qualifier.map { .text($0.rawValue) } ?? .null,
            "value": .text(isTitre ? parsed.number.description : parsed.text),
            "unit": .text(unit.trimming(" ")),
            "canonicalValue": .text(canonical.description),
            "canonicalUnit": .text(analyte.canonicalUnit.display),
            "time": try Self.time(time).map(FieldValue.text) ?? .null,
            "lab": try EntryText.label(lab, field: "--lab").map(FieldValue.text) ?? .null,
            "note": try EntryText.note(note).map(FieldValue.text) ?? .null,
            "range": .null, "rangeLow": .null, "rangeHigh": .null,
        ]
        if let range = range.flatMap({ $0.trimming(" ").isEmpty ? nil : $0 }) {
            let parsedRange = try ReferenceRange.parse(range)
            fields["range"] = .text(range.trimming(" "))
            fields["rangeLow"] = parsedRange.low.map { .text(analyte.toCanonical($0, from: conversion).description) } ?? .null
            fields["rangeHigh"] = parsedRange.high.map { .text(analyte.toCanonical($0, from: conversion).description) } ?? .null
        }
        return fields
    }

    /// The derived fields of a stored measurement (canonical value and unit, the range in
    /// the canonical unit), computed as ``fields(_:)`` computes them: none without an analyte,
    /// value and unit; nil when this version's catalogue does not know the analyte or unit,
    /// or the stored text does not parse.
    public static func derivedFields(_ fields: [String: FieldValue]) -> [String: FieldValue]? {
        guard fields["analyte"] != nil || fields["value"] != nil || fields["unit"] != nil else { return [:] }
        guard let id = fields["analyte"]?.text, let analyte = AnalyteCatalogue.analyte(id: id),
            let unit = fields["unit"]?.text, let conversion = try? analyte.conversion(for: unit),
            let text = fields["value"]?.text, let number = DecimalText.parse(text)
        else { return nil }
        var derived: [String: FieldValue] = [
            "canonicalValue": .text(analyte.toCanonical(number, from: conversion).description),
            "canonicalUnit": .text(analyte.canonicalUnit.display),
            "rangeLow": .null, "rangeHigh": .null,
        ]
        if let range = fields["range"]?.text {
            guard let parsed = try? ReferenceRange.parse(range) else { return nil }
            derived["rangeLow"] = parsed.low.map { .text(analyte.toCanonical($0, from: conversion).description) } ?? .null
            derived["rangeHigh"] = parsed.high.map { .text(analyte.toCanonical($0, from: conversion).description) } ?? .null
        }
        return derived
    }

    /// The entry that would produce these stored fields, for `edit`.
    public init(fields: [String: FieldValue]) {
        let unit = fields["unit"]?.text ?? ""
        var value = fields["value"]?.text ?? ""
        if (try? AnalyteCatalogue.analyte(named: fields["analyte"]?.text ?? "").conversion(for: unit).unit) == .titre {
            value = "1:" + value
        }
        self.init(
            analyte: fields["analyte"]?.text ?? "", value: (fields["qualifier"]?.text ?? "") + value, unit: unit,
            date: fields["date"]?.text, time: fields["time"]?.text, range: fields["range"]?.text,
            lab: fields["lab"]?.text, note: fields["note"]?.text)
    }

    /// `HH:MM` in 24-hour time, or nil.
    static func time(_ text: String?) throws(InputError) -> String? {
        guard let text, !text.isEmpty else { return nil }
        let parts = text.split(separator: ":")
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
            let hour = Int(parts[0]), let minute = Int(parts[1]), (0..<24).contains(hour), (0..<60).contains(minute)
        else {
            throw InputError(field: "--time", value: text, reason: "is not a time of day", accepted: "HH:MM, 24-hour (08:30)")
        }
        return text
    }
}
