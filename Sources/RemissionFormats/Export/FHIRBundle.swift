import Foundation
import RemissionCore
import RemissionReports
import RemissionStore

/// The FHIR R4 export: one Bundle of type `collection` (CLINICAL.md, "FHIR R4 export").
///
/// What becomes what:
/// - a Patient with no identifying data (the journal holds none), which every other
///   resource names as its subject; its id is the journal's id;
/// - the profile's diagnosis: a Condition, coded SNOMED CT 55464009 and ICD-10 M32 when it
///   is SLE, else text only;
/// - infusion events: Procedures with `performedDateTime` (the first is day 0); the profile's
///   product, target, lymphodepletion and note go on the first (or, without an infusion
///   date, on a Procedure of unknown date);
/// - lymphodepletion, IVIG and vaccination events: Procedures; CRS, ICANS, infection and
///   flare: Conditions with the ASTCT grade as their stage; hospitalisation and clinic
///   visit: Encounters, a note as their narrative;
/// - lab results: Observations (category laboratory) with the LOINC code of the analyte,
///   the canonical value in UCUM with its comparator, the reference range in the canonical
///   unit, the interpretation, the lab as performer, and notes with the value as printed
///   and the collection time;
/// - symptoms, well-being, SLEDAI-2K, clinical SLEDAI-2K and PGA: Observations (category
///   survey) with local codes, since LOINC has no codes for them that this journal could
///   vouch for; a day entry's Observation lists that day's symptoms as members;
/// - medication periods: MedicationStatements with the ATC code, the period, the dosage as
///   text, timing and quantity, the reason it was stopped as `statusReason`, the reason it was
///   started or changed as a note.
///
/// Every resource's `fullUrl` is `urn:uuid:` and its id: the record's id, or for a second
/// resource from one record a name-based UUID of it, so that the same journal always gives
/// the same bytes (keys sorted, numbers exactly as stored).
public struct FHIRBundle: Sendable {
    public static let loinc = "http://loinc.org"
    public static let ucum = "http://unitsofmeasure.org"
    public static let atc = "http://www.whocc.no/atc"
    public static let snomed = "http://snomed.info/sct"
    public static let icd10 = "http://hl7.org/fhir/sid/icd-10"
    static let observationCategory = "http://terminology.hl7.org/CodeSystem/observation-category"
    static let interpretation = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"
    static let dataAbsentReason = "http://terminology.hl7.org/CodeSystem/data-absent-reason"
    static let actCode = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
    static let statementCategory = "http://terminology.hl7.org/CodeSystem/medication-statement-category"

    /// The code system of remission's own codes (symptoms, scores, event kinds). `.invalid`
    /// is a reserved domain: the URI names the system without pretending to publish it.
    public static func localSystem(_ name: String) -> String {
        "https://remission.invalid/fhir/CodeSystem/" + name
    }

    public let document: ExactJSON

    public init(journal: Journal, today: CalendarDate) throws {
        self.init(journalID: try journal.identity().journalID, records: try journal.records(), today: today)
    }

    public init(journalID: String, records: [RecordSnapshot], today: CalendarDate) {
        var builder = Builder(patient: journalID, today: today)
        builder.build(records.filter { !$0.deleted })
        document = .object([
            "resourceType": .string("Bundle"),
            "type": .string("collection"),
            "entry": .array(builder.entries)
        ])
    }

    /// The bundle as JSON bytes, ending in a newline.
    public func encoded() -> Data {
        Data(document.rendered().utf8)
    }
}

// MARK: - Building

private struct Builder {
    typealias Object = [String: ExactJSON]

    let patient: String
    let today: CalendarDate
    var entries: [ExactJSON] = []

    init(patient: String, today: CalendarDate) {
        self.patient = patient
        self.today = today
    }

    mutating func build(_ records: [RecordSnapshot]) {
        add(id: patient, ["resourceType": .string("Patient")])

        let profile = records.first { $0.kind == .profile }
        var diagnosisID: String?
        if let diagnosis = profile?[.diagnosis].text {
            let id = NameBasedUUID.make(namespace: patient, name: "diagnosis")
            add(id: id, condition(diagnosis))
            diagnosisID = id
        }
        var carT = profile.map(CarTDetails.init) ?? .none
        let hasInfusion = records.contains { $0.kind == .event && $0[.type].text == EventKind.infusion.rawValue }
        if !hasInfusion, !carT.notes.isEmpty || carT.product != nil {
            // The profile names a CAR-T product but no infusion date is known yet.
            add(
                id: NameBasedUUID.make(namespace: patient, name: "car-t"),
                procedure(code: .infusion, status: "unknown", date: nil, notes: carT.notes, product: carT.product, reason: diagnosisID))
            carT = .none
        }

        var membersByEntry: [String: [String]] = [:]
        for record in records where record.kind == .symptom {
            if let entry = record[.entryId].text { membersByEntry[entry, default: []].append(record.id) }
        }

        for record in records {
            switch record.kind {
            case .profile:
                continue
            case .lab:
                add(id: record.id, labObservation(record))
            case .symptom:
                add(id: record.id, symptomObservation(record))
            case .entry:
                add(id: record.id, wellbeingObservation(record, members: membersByEntry[record.id] ?? []))
            case .assessment:
                for (id, resource) in assessmentObservations(record) { add(id: id, resource) }
            case .medication:
                add(id: record.id, medicationStatement(record))
            case .event:
                let isInfusion = record[.type].text == EventKind.infusion.rawValue
                add(id: record.id, event(record, carT: isInfusion ? carT : .none, diagnosis: diagnosisID))
                if isInfusion { carT = .none }  // the profile's details go on day 0 only
            }
        }
    }

    mutating func add(id: String, _ resource: Object) {
        var resource = resource
        resource["id"] = .string(id)
        if resource["resourceType"] != .string("Patient") { resource["subject"] = reference(patient) }
        entries.append(.object(["fullUrl": .string("urn:uuid:" + id), "resource": .object(resource)]))
    }

    // MARK: Profile

    func condition(_ diagnosis: String) -> Object {
        var codings: [ExactJSON] = []
        if Self.isSLE(diagnosis) {
            codings = [
                coding(FHIRBundle.snomed, "55464009", display: "Systemic lupus erythematosus"),
                coding(FHIRBundle.icd10, "M32", display: "Systemic lupus erythematosus")
            ]
        }
        return ["resourceType": .string("Condition"), "code": concept(codings, text: diagnosis)]
    }

    /// Whether a diagnosis as typed names systemic lupus erythematosus.
    static func isSLE(_ text: String) -> Bool {
        let key = String(text.lowercased().filter { $0.isLetter })
        return ["sle", "lupus", "systemiclupus", "systemiclupuserythematosus", "systemiclupuserythematodes"].contains(key)
    }

    /// The profile's CAR-T details: the product, and the rest as notes.
    struct CarTDetails {
        var notes: [String]
        var product: String?

        static let none = CarTDetails(notes: [], product: nil)

        init(notes: [String], product: String?) {
            self.notes = notes
            self.product = product
        }

        init(_ profile: RecordSnapshot) {
            notes = []
            if let target = profile[.target].text { notes.append("CAR-T target: \(target)") }
            if let regimen = profile[.lymphodepletion].text { notes.append("Lymphodepletion: \(regimen)") }
            if let note = profile[.note].text { notes.append("Profile note: \(note)") }
            product = profile[.product].text
        }
    }

    // MARK: Observations

    func labObservation(_ record: RecordSnapshot) -> Object {
        let analyteID = record[.analyte].text ?? ""
        let analyte = AnalyteCatalogue.analyte(id: analyteID)
        let unit = record[.unit].text ?? ""
        let canonicalUnit = record[.canonicalUnit].text ?? ""
        let qualifier = record[.qualifier].text
        let isTitre = record.isTitre
        let reported = (qualifier ?? "") + record.reportedLabValue + (isTitre ? "" : " " + unit)
        // The UCUM code only when the stored canonical unit is the catalogue's.
        let ucum = analyte.flatMap { $0.canonicalUnit.display == canonicalUnit ? $0.canonicalUnit.ucum : nil }

        var resource: Object = [
            "resourceType": .string("Observation"),
            "status": .string("final"),
            "category": .array([concept([coding(FHIRBundle.observationCategory, "laboratory", display: "Laboratory")])]),
            "code": concept(analyte.map { [coding(FHIRBundle.loinc, $0.loinc)] } ?? [], text: analyte?.name ?? analyteID)
        ]
        if let date = record[.date].text { resource["effectiveDateTime"] = .string(date) }
        if isTitre, qualifier == nil, let denominator = record[.value].text.flatMap(ExactJSON.decimal) {
            // A titre is a ratio (FHIR: "titers … as a Ratio"): 1:160 is 1 over 160.
            resource["valueRatio"] = .object(["numerator": .object(["value": .number("1")]), "denominator": .object(["value": denominator])])
        } else if let number = record[.canonicalValue].text.flatMap(ExactJSON.decimal) {
            resource["valueQuantity"] = quantity(number, unit: canonicalUnit, ucum: ucum, comparator: qualifier)
        } else {
            resource["valueString"] = .string(reported)
        }

        var range: Object = [:]
        if isTitre {
            // The ends of a titre's range are dilutions, not quantities: said in text.
            let titre = LabUnit.titre.display
            if let printed = record[.range].text.flatMap({ try? ReferenceRange.parse($0) }) {
                range["text"] = .string("As reported by the lab: \(printed.display(unit: titre))")
            } else if let fallback = analyte?.defaultRange {
                range["text"] = .string("Adult default of the remission catalogue; the lab gave no range: \(fallback.display(unit: titre))")
            }
        } else if let rangeText = record[.range].text {
            if let low = record[.rangeLow].text.flatMap(ExactJSON.decimal) { range["low"] = quantity(low, unit: canonicalUnit, ucum: ucum) }
            if let high = record[.rangeHigh].text.flatMap(ExactJSON.decimal) { range["high"] = quantity(high, unit: canonicalUnit, ucum: ucum) }
            range["text"] = .string("As reported by the lab: \(rangeText) \(isTitre ? "" : unit)".trimmingCharacters(in: .whitespaces))
        } else if let fallback = analyte?.defaultRange, analyte?.canonicalUnit.display == canonicalUnit {
            if let low = fallback.low.flatMap({ ExactJSON.decimal($0.description) }) { range["low"] = quantity(low, unit: canonicalUnit, ucum: ucum) }
            if let high = fallback.high.flatMap({ ExactJSON.decimal($0.description) }) { range["high"] = quantity(high, unit: canonicalUnit, ucum: ucum) }
            range["text"] = .string("Adult default of the remission catalogue; the lab gave no range")
        }
        if !range.isEmpty { resource["referenceRange"] = .array([.object(range)]) }

        if let flag = record.labFlag {
            let (code, display) =
                switch flag {
                case .low: ("L", "Low")
                case .normal: ("N", "Normal")
                case .high: ("H", "High")
                }
            resource["interpretation"] = .array([concept([coding(FHIRBundle.interpretation, code, display: display)])])
        }
        if let lab = record[.lab].text { resource["performer"] = .array([.object(["display": .string(lab)])]) }
        var notes = ["Value as printed by the lab: \(reported)"]
        if let time = record[.time].text { notes.append("Collected at \(time) local time (the journal keeps no time zone).") }
        if let note = record[.note].text { notes.append(note) }
        resource["note"] = annotations(notes)
        return resource
    }

    func symptomObservation(_ record: RecordSnapshot) -> Object {
        let name = record[.name].text ?? ""
        let definition = SymptomCatalogue.definition(id: name)
        var resource = survey(
            code: coding(FHIRBundle.localSystem("symptom"), name, display: definition?.name),
            text: "\(definition?.name ?? name) severity (0-10, self-reported)", date: record[.date].text)
        setInteger(record[.severity].integer, in: &resource)
        return resource
    }

    func wellbeingObservation(_ record: RecordSnapshot, members: [String]) -> Object {
        var resource = survey(
            code: coding(FHIRBundle.localSystem("diary"), "wellbeing", display: "Well-being"),
            text: "Well-being (0-10, self-reported)", date: record[.date].text)
        setInteger(record[.wellbeing].integer, in: &resource)
        var notes: [String] = []
        if let tags = record[.tags].list, !tags.isEmpty { notes.append("Tags: " + tags.joined(separator: ", ")) }
        if let note = record[.note].text { notes.append(note) }
        if !notes.isEmpty { resource["note"] = annotations(notes) }
        if !members.isEmpty { resource["hasMember"] = .array(members.map(reference)) }
        return resource
    }

    func assessmentObservations(_ record: RecordSnapshot) -> [(String, Object)] {
        let system = FHIRBundle.localSystem("assessment")
        let date = record[.date].text
        var resources: [(String, Object)] = []
        func make(_ code: String, _ display: String, _ text: String, value: (inout Object) -> Void) {
            var resource = survey(code: coding(system, code, display: display), text: text, date: date)
            value(&resource)
            if let note = record[.note].text { resource["note"] = annotations([note]) }
            resources.append((NameBasedUUID.make(namespace: record.id, name: code), resource))
        }
        if let sledai = record[.sledai].integer {
            make("sledai-2k", "SLEDAI-2K", "SLEDAI-2K total score (0-105)") { $0["valueInteger"] = .integer(sledai) }
        }
        if let clinical = record[.clinicalSledai].integer {
            make("clinical-sledai-2k", "Clinical SLEDAI-2K", "Clinical SLEDAI-2K: SLEDAI-2K without the serology items (0-105)") {
                $0["valueInteger"] = .integer(clinical)
            }
        }
        if let pga = record[.pga].text {
            make("pga", "Physician global assessment", "Physician global assessment (0-3)") { resource in
                if let number = ExactJSON.decimal(pga) {
                    resource["valueQuantity"] = quantity(number, unit: "score", ucum: "{score}")
                } else {
                    resource["valueString"] = .string(pga)
                }
            }
        }
        if resources.isEmpty {
            make("assessment", "Clinician assessment", "Clinician assessment (no score recorded)") {
                $0["dataAbsentReason"] = concept([coding(FHIRBundle.dataAbsentReason, "unknown", display: "Unknown")])
            }
            resources[0].0 = record.id
        }
        return resources
    }

    func survey(code: ExactJSON, text: String, date: String?) -> Object {
        var resource: Object = [
            "resourceType": .string("Observation"),
            "status": .string("final"),
            "category": .array([concept([coding(FHIRBundle.observationCategory, "survey", display: "Survey")])]),
            "code": concept([code], text: text)
        ]
        if let date { resource["effectiveDateTime"] = .string(date) }
        return resource
    }

    func setInteger(_ value: Int64?, in resource: inout Object) {
        if let value {
            resource["valueInteger"] = .integer(value)
        } else {
            resource["dataAbsentReason"] = concept([coding(FHIRBundle.dataAbsentReason, "unknown", display: "Unknown")])
        }
    }

    // MARK: Medications

    func medicationStatement(_ record: RecordSnapshot) -> Object {
        func text(_ field: Field) -> String? { record[field].text }
        let drugID = text(.drug) ?? ""
        let drug = record[.custom].bool == true ? nil : DrugCatalogue.drug(id: drugID)
        let start = text(.startDate)
        let end = text(.endDate)
        let stopped = end.flatMap(CalendarDate.init(iso:)).map { $0 <= today } ?? false

        var resource: Object = [
            "resourceType": .string("MedicationStatement"),
            "status": .string(stopped ? "completed" : "active"),
            "category": concept([coding(FHIRBundle.statementCategory, "patientspecified", display: "Patient Specified")]),
            "medicationCodeableConcept": concept(
                drug?.atc(route: text(.route)).map { [coding(FHIRBundle.atc, $0)] } ?? [], text: drug?.name ?? drugID)
        ]
        var notes: [String] = []
        var period: Object = [:]
        if let start { period["start"] = .string(start) }
        if let end, let endDate = CalendarDate(iso: end) {
            // The journal's end is the first day without the drug; FHIR's is the last day on it.
            let last = start.flatMap(CalendarDate.init(iso:)).map { max($0, endDate.adding(days: -1)) } ?? endDate.adding(days: -1)
            period["end"] = .string(last.iso)
            notes.append("Stopped on \(end) (the first day without it).")
        }
        if !period.isEmpty { resource["effectivePeriod"] = .object(period) }

        var dosage: Object = [:]
        let frequency = text(.frequency).flatMap(DoseFrequency.init(rawValue:))
        let wording = [text(.dose), frequency?.displayName ?? text(.frequency), text(.route)].compactMap { $0 }
        if !wording.isEmpty { dosage["text"] = .string(wording.joined(separator: ", ")) }
        if let frequency {
            if frequency == .asNeeded {
                dosage["asNeededBoolean"] = .bool(true)
            } else {
                dosage["timing"] = .object(["repeat": .object(Self.repeatRule(frequency))])
            }
        }
        if let route = text(.route) { dosage["route"] = concept([], text: route) }
        // A cream's strength is not an amount given: it stays in the dosage text.
        if let unit = text(.doseUnit).flatMap(DoseUnit.init(rawValue:)), unit != .percent {
            let dose = text(.dose) ?? ""
            let typed = dose.hasSuffix(" " + unit.rawValue) ? String(dose.dropLast(unit.rawValue.count + 1)) : nil
            if let amount = typed.flatMap(ExactJSON.decimal) ?? text(.doseAmount).flatMap(ExactJSON.decimal) {
                dosage["doseAndRate"] = .array([
                    .object([
                        "doseQuantity": quantity(amount, unit: unit.rawValue, ucum: Self.ucum(unit))
                    ])
                ])
            }
        }
        if !dosage.isEmpty { resource["dosage"] = .array([.object(dosage)]) }
        // Why it was stopped is the reason for the status "completed"; why it was started or
        // changed is not a reason for taking the drug FHIR could code (a taper), so it is a note.
        if let reason = text(.stopReason) {
            if stopped { resource["statusReason"] = .array([concept([], text: reason)]) } else { notes.append("Reason given for stopping: \(reason)") }
        }
        if let reason = text(.reason) { notes.append("Reason given for this period: \(reason)") }
        // The class follows from the ATC code; said only for a drug this catalogue does not know.
        if drug == nil, let drugClass = text(.drugClass), drugClass != DrugClass.other.rawValue {
            notes.append("Drug class: \(drugClass)")
        }
        if let note = text(.note) { notes.append(note) }
        if !notes.isEmpty { resource["note"] = annotations(notes) }
        return resource
    }

    static func ucum(_ unit: DoseUnit) -> String {
        switch unit {
        case .mg: return "mg"
        case .g: return "g"
        case .mcg: return "ug"
        case .mgPerKg: return "mg/kg"
        case .gPerKg: return "g/kg"
        case .mgPerM2: return "mg/m2"
        case .iu: return "[IU]"
        case .mL: return "mL"
        case .percent: return "%"
        }
    }

    static func repeatRule(_ frequency: DoseFrequency) -> [String: ExactJSON] {
        func every(_ times: Int, per period: Int, _ unit: String) -> [String: ExactJSON] {
            ["frequency": .integer(times), "period": .integer(period), "periodUnit": .string(unit)]
        }
        switch frequency {
        case .once: return ["count": .integer(1)]
        case .daily: return every(1, per: 1, "d")
        case .twiceDaily: return every(2, per: 1, "d")
        case .threeTimesDaily: return every(3, per: 1, "d")
        case .alternateDays: return every(1, per: 2, "d")
        case .weekly: return every(1, per: 1, "wk")
        case .everyTwoWeeks: return every(1, per: 2, "wk")
        case .everyFourWeeks: return every(1, per: 4, "wk")
        case .monthly: return every(1, per: 1, "mo")
        case .asNeeded: return [:]
        }
    }

    // MARK: Events

    func event(_ record: RecordSnapshot, carT: CarTDetails, diagnosis: String?) -> Object {
        let type = record[.type].text ?? ""
        let date = record[.date].text
        let future = date.flatMap(CalendarDate.init(iso:)).map { $0 > today } ?? false
        var notes: [String] = []
        if let note = record[.note].text { notes.append(note) }
        // Grades belong to CRS and ICANS, Conditions with a stage; anywhere else, a note keeps one.
        let grade = record[.grade].integer
        let gradeNote = grade.map { ["Grade \($0)"] } ?? []
        guard let kind = EventKind(rawValue: type) else {
            // A kind a newer remission knows: an Observation that keeps all it says.
            var resource: Object = [
                "resourceType": .string("Observation"), "status": .string("final"),
                "code": concept([coding(FHIRBundle.localSystem("event"), type)], text: type)
            ]
            if let date { resource["effectiveDateTime"] = .string(date) }
            if let grade { resource["valueInteger"] = .integer(grade) }
            if !notes.isEmpty { resource["note"] = annotations(notes) }
            return resource
        }
        switch kind {
        case .infusion:
            return procedure(
                code: kind, status: future ? "preparation" : "completed", date: date,
                notes: notes + gradeNote + carT.notes, product: carT.product, reason: diagnosis)
        case .lymphodepletion, .ivig, .vaccination:
            return procedure(
                code: kind, status: future ? "preparation" : "completed", date: date, notes: notes + gradeNote,
                product: nil, reason: nil)
        case .crs, .icans, .infection, .flare:
            var resource: Object = ["resourceType": .string("Condition"), "code": eventCode(kind)]
            if let date { resource["onsetDateTime"] = .string(date) }
            if let grade {
                resource["stage"] = .array([
                    .object([
                        "summary": concept([], text: "ASTCT grade \(grade)"),
                        "type": concept([], text: "ASTCT consensus grading (Lee et al. 2019)")
                    ])
                ])
            }
            if !notes.isEmpty { resource["note"] = annotations(notes) }
            return resource
        case .hospitalisation, .visit:
            let (code, display) = kind == .hospitalisation ? ("IMP", "inpatient encounter") : ("AMB", "ambulatory")
            var resource: Object = [
                "resourceType": .string("Encounter"),
                "status": .string(future ? "planned" : "finished"),
                "class": coding(FHIRBundle.actCode, code, display: display),
                "type": .array([eventCode(kind)])
            ]
            if let date { resource["period"] = .object(["start": .string(date)]) }
            // An Encounter has no notes: the narrative carries them.
            if !(notes + gradeNote).isEmpty { resource["text"] = narrative(kind.displayName, notes + gradeNote) }
            return resource
        }
    }

    func procedure(code: EventKind, status: String, date: String?, notes: [String], product: String?, reason: String?) -> Object {
        var resource: Object = [
            "resourceType": .string("Procedure"), "status": .string(status), "code": eventCode(code)
        ]
        if let date { resource["performedDateTime"] = .string(date) }
        if let product { resource["usedCode"] = .array([concept([], text: product)]) }
        if let reason { resource["reasonReference"] = .array([reference(reason)]) }
        if !notes.isEmpty { resource["note"] = annotations(notes) }
        return resource
    }

    func eventCode(_ kind: EventKind) -> ExactJSON {
        concept([coding(FHIRBundle.localSystem("event"), kind.rawValue, display: kind.displayName)], text: kind.displayName)
    }

    /// XHTML narrative of a heading and paragraphs, marked as holding what the structured
    /// data does not.
    func narrative(_ heading: String, _ paragraphs: [String]) -> ExactJSON {
        func escaped(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;")
        }
        let body = ([heading] + paragraphs).map { "<p>" + escaped($0) + "</p>" }.joined()
        return .object([
            "status": .string("additional"),
            "div": .string("<div xmlns=\"http://www.w3.org/1999/xhtml\">" + body + "</div>")
        ])
    }

    // MARK: Data types

    func coding(_ system: String, _ code: String, display: String? = nil) -> ExactJSON {
        var object: Object = ["system": .string(system), "code": .string(code)]
        if let display { object["display"] = .string(display) }
        return .object(object)
    }

    func concept(_ codings: [ExactJSON], text: String? = nil) -> ExactJSON {
        var object: Object = [:]
        if !codings.isEmpty { object["coding"] = .array(codings) }
        if let text { object["text"] = .string(text) }
        return .object(object)
    }

    func quantity(_ value: ExactJSON, unit: String, ucum: String?, comparator: String? = nil) -> ExactJSON {
        var object: Object = ["value": value]
        if !unit.isEmpty { object["unit"] = .string(unit) }
        if let ucum {
            object["system"] = .string(FHIRBundle.ucum)
            object["code"] = .string(ucum)
        }
        if let comparator { object["comparator"] = .string(comparator) }
        return .object(object)
    }

    func reference(_ id: String) -> ExactJSON {
        .object(["reference": .string("urn:uuid:" + id)])
    }

    func annotations(_ texts: [String]) -> ExactJSON {
        .array(texts.map { .object(["text": .string($0)]) })
    }
}
