#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A medication period as typed: `remission med start prednisone --dose "5 mg" --frequency daily`.
public struct MedicationEntry: Sendable, Hashable {
    public var drug: String
    /// A drug outside the catalogue, recorded by name with class "other".
    public var custom: Bool
    public var dose: String?
    public var frequency: String?
    public var route: String?
    public var startDate: String?
    public var endDate: String?
    /// Why it was started, or why the dose changed.
    public var reason: String?
    /// Why it was stopped; only with an end date.
    public var stopReason: String?
    public var note: String?

    public init(
        drug: String, custom: Bool = false, dose: String? = nil, frequency: String? = nil, route: String? = nil,
        startDate: String? = nil, endDate: String? = nil, reason: String? = nil, stopReason: String? = nil,
        note: String? = nil
    ) {
        self.drug = drug
        self.custom = custom
        self.dose = dose
        self.frequency = frequency
        self.route = route
        self.startDate = startDate
        self.endDate = endDate
        self.reason = reason
        self.stopReason = stopReason
        self.note = note
    }

    /// Routes of administration; anything else is refused rather than guessed.
    public static let routes = ["oral", "iv", "sc", "im", "topical", "inhaled", "rectal", "other"]

    /// Whether a drug taken by `route` acts on the whole body. A period without a route, or
    /// with "other", counts as systemic: nothing is left out by guesswork.
    public static func isSystemic(route: String?) -> Bool {
        switch route {
        case "topical"?, "inhaled"?, "rectal"?: return false
        default: return true
        }
    }

    /// The derived fields of a stored period that `fields` allows to compute (the dose's
    /// amount and unit from `dose`, the drug's class from `drug` and `custom`), computed as
    /// ``fields(_:)`` computes them; nil when a field given cannot be read by this version.
    public static func derivedFields(_ fields: [String: FieldValue]) -> [String: FieldValue]? {
        var derived: [String: FieldValue] = [:]
        if let dose = fields[.dose] {
            if let text = dose.text {
                guard let parsed = try? Dose.parse(text) else { return nil }
                derived[.doseAmount] = .text(parsed.amount.description)
                derived[.doseUnit] = .text(parsed.unit.rawValue)
            } else {
                derived[.doseAmount] = .null
                derived[.doseUnit] = .null
            }
        }
        if fields[.custom]?.bool == true {
            derived[.drugClass] = .text(DrugClass.other.rawValue)
        } else if let drug = fields[.drug]?.text {
            guard let known = try? DrugCatalogue.drug(named: drug) else { return nil }
            derived[.drugClass] = .text(known.drugClass.rawValue)
        }
        return derived
    }

    /// Fills in the frequency of a glucocorticoid's dose given without one, and returns it so
    /// that the command can say it was assumed; nil when nothing was assumed.
    ///
    /// Without a frequency the daily dose is unknown, and with it DORIS and LLDAS ("insufficient
    /// data" although the patient takes 5 mg every morning). By mouth (or with no route) the catalogue's usual
    /// frequency is taken; by another route (an IV pulse) or for a drug taken in split doses
    /// there is no safe guess, so the frequency is asked for.
    public mutating func assumeUsualFrequency() throws(InputError) -> DoseFrequency? {
        guard !custom, TextKey.trimmed(frequency ?? "").isEmpty,
            let dose, !TextKey.trimmed(dose).isEmpty,
            let known = try? DrugCatalogue.drug(named: drug), known.drugClass == .glucocorticoid
        else { return nil }
        let route = TextKey.trimmed(self.route ?? "").lowercased()
        // A cream, an inhaler or an enema does not count towards the systemic dose.
        guard Self.isSystemic(route: route) else { return nil }
        if route.isEmpty || route == "oral", let usual = known.usualOralFrequency {
            frequency = usual.rawValue
            return usual
        }
        throw InputError(
            field: "--dose", value: dose,
            reason: "needs --frequency: \(known.name)\(route.isEmpty ? "" : " (\(route))") has no usual schedule, and its daily dose decides DORIS and LLDAS",
            accepted: "--frequency with one of " + DoseFrequency.allCases.map(\.rawValue).joined(separator: ", ")
                + " (a single pulse is `once`)")
    }

    public func fields(_ context: EntryContext) throws(InputError) -> [String: FieldValue] {
        var fields: [String: FieldValue] = [:]
        if custom {
            guard let name = try EntryText.label(drug, field: "DRUG") else {
                throw InputError(field: "DRUG", value: drug, reason: "is empty", accepted: "the drug's name")
            }
            fields[.drug] = .text(name.lowercased())
            fields[.drugClass] = .text(DrugClass.other.rawValue)
            fields[.custom] = .bool(true)
        } else {
            let known = try DrugCatalogue.drug(named: drug)
            fields[.drug] = .text(known.id)
            fields[.drugClass] = .text(known.drugClass.rawValue)
            fields[.custom] = .null
        }
        if let dose = dose.flatMap({ $0.trimming(" ").isEmpty ? nil : $0 }) {
            let parsed = try Dose.parse(dose)
            fields[.dose] = .text(parsed.text)
            fields[.doseAmount] = .text(parsed.amount.description)
            fields[.doseUnit] = .text(parsed.unit.rawValue)
        } else {
            fields[.dose] = .null
            fields[.doseAmount] = .null
            fields[.doseUnit] = .null
        }
        fields[.frequency] =
            try frequency.flatMap { $0.isEmpty ? nil : $0 }
            .map { text throws(InputError) in FieldValue.text(try DoseFrequency.parse(text).rawValue) } ?? .null
        if let route = route.flatMap({ $0.isEmpty ? nil : $0.lowercased() }) {
            guard Self.routes.contains(route) else {
                throw InputError(
                    field: "--route", value: route, reason: "is not a known route",
                    accepted: Self.routes.joined(separator: ", "))
            }
            fields[.route] = .text(route)
        } else {
            fields[.route] = .null
        }
        let start = try context.date(startDate)
        fields[.startDate] = .text(start.iso)
        if let endDate = endDate.flatMap({ $0.isEmpty ? nil : $0 }) {
            let end = try context.date(endDate, field: "--end-date")
            guard end >= start else {
                throw InputError(
                    field: "--end-date", value: endDate, reason: "is before the start (\(start.iso))",
                    accepted: "a date on or after \(start.iso)")
            }
            fields[.endDate] = .text(end.iso)
        } else {
            fields[.endDate] = .null
        }
        fields[.reason] = try EntryText.label(reason, field: "--reason").map(FieldValue.text) ?? .null
        let stopReason = try EntryText.label(stopReason, field: "--stop-reason")
        if let stopReason, fields[.endDate] == .null {
            throw InputError(
                field: "--stop-reason", value: stopReason, reason: "is for a stopped period, and this one has no end date",
                accepted: "an end date (--end-date, or `remission med stop`), or an empty --stop-reason to clear it")
        }
        fields[.stopReason] = stopReason.map(FieldValue.text) ?? .null
        fields[.note] = try EntryText.note(note).map(FieldValue.text) ?? .null
        return fields
    }

    public init(fields: [String: FieldValue]) {
        self.init(
            drug: fields[.drug]?.text ?? "", custom: fields[.custom]?.bool ?? false, dose: fields[.dose]?.text,
            frequency: fields[.frequency]?.text, route: fields[.route]?.text, startDate: fields[.startDate]?.text,
            endDate: fields[.endDate]?.text, reason: fields[.reason]?.text, stopReason: fields[.stopReason]?.text,
            note: fields[.note]?.text)
    }
}
