#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import GRDB
import RemissionCore

extension Journal {
    /// The journal as the clinical rules read it, from the derived tables in one read.
    ///
    /// The derived tables hold only visible records, so deleted ones are left out; a field in
    /// conflict contributes its winning value, as everywhere else. Reading the tables (not
    /// snapshots) keeps `summary` and `trend` fast on a ten-year journal.
    ///
    /// - Parameter symptomsFrom: leave out symptoms before this day (the summary needs 90 days
    ///   of them, not ten years); day entries are all read.
    public func clinicalTimeline(symptomsFrom: CalendarDate? = nil) throws -> ClinicalTimeline {
        try read { db in
            var timeline = ClinicalTimeline()
            timeline.infusion = try String.fetchOne(
                db, sql: "SELECT min(date) FROM clinicalEvent WHERE type = 'infusion'"
            ).flatMap(CalendarDate.init(iso:))

            let labs = try Row.fetchCursor(
                db,
                sql: """
                    SELECT l.date, l.analyte, l.canonicalValue, l.qualifier, l.rangeLow, l.rangeHigh, l.lab
                    FROM labResult l JOIN record r ON r.id = l.id
                    ORDER BY l.date, l.time, r.firstClock, l.id
                    """)
            while let row = try labs.next() {
                let stored = row[2] as DatabaseValue
                let fixed = Self.fixedPoint(stored)
                guard let date = CalendarDate(iso: row[0]), let value = fixed?.decimal ?? Self.decimal(stored) else { continue }
                timeline.labs.append(
                    LabPoint(
                        date: date, analyte: row[1], value: value, qualifier: (row[3] as String?).flatMap(Qualifier.init(rawValue:)),
                        rangeLow: Self.decimal(row[4]), rangeHigh: Self.decimal(row[5]), lab: row[6], fixedValue: fixed))
            }

            let medications = try Row.fetchCursor(
                db,
                sql: """
                    SELECT drug, drugClass, doseAmount, doseUnit, frequency, startDate, endDate, route
                    FROM medication ORDER BY startDate, id
                    """)
            while let row = try medications.next() {
                guard let start = CalendarDate(iso: row[5]) else { continue }
                timeline.medications.append(
                    MedicationPeriod(
                        drug: row[0], drugClass: DrugClass(rawValue: row[1]) ?? .other, doseAmount: Self.decimal(row[2]),
                        doseUnit: (row[3] as String?).flatMap(DoseUnit.init(rawValue:)),
                        frequency: (row[4] as String?).flatMap(DoseFrequency.init(rawValue:)),
                        start: start, end: (row[6] as String?).flatMap(CalendarDate.init(iso:)), route: row[7]))
            }

            let assessments = try Row.fetchCursor(
                db,
                sql: """
                    SELECT a.date, a.sledai, a.clinicalSledai, a.pga FROM assessment a JOIN record r ON r.id = a.id
                    ORDER BY a.date, r.firstClock, a.id
                    """)
            while let row = try assessments.next() {
                guard let date = CalendarDate(iso: row[0]) else { continue }
                timeline.assessments.append(
                    AssessmentPoint(
                        date: date, sledai: row[1], clinicalSledai: row[2], pga: Self.decimal(row[3])))
            }

            let events = try Row.fetchCursor(db, sql: "SELECT date, type, grade FROM clinicalEvent ORDER BY date, id")
            while let row = try events.next() {
                guard let date = CalendarDate(iso: row[0]), let type = EventKind(rawValue: row[1]) else { continue }
                timeline.events.append(EventPoint(date: date, type: type, grade: row[2]))
            }

            let symptoms = try Row.fetchCursor(
                db, sql: "SELECT date, name, severity FROM symptom WHERE date >= ? ORDER BY date, name, id",
                arguments: [symptomsFrom?.iso ?? ""])
            // Rows come in date order, about ten per day: parse each day's date once.
            var lastText = "", lastDate: CalendarDate?
            while let row = try symptoms.next() {
                let text: String = row[0]
                if text != lastText { lastText = text; lastDate = CalendarDate(iso: text) }
                guard let date = lastDate else { continue }
                timeline.symptoms.append(SymptomPoint(date: date, name: row[1], severity: row[2]))
            }

            let days = try Row.fetchCursor(db, sql: "SELECT date, wellbeing FROM dayEntry ORDER BY date, id")
            while let row = try days.next() {
                guard let date = CalendarDate(iso: row[0]) else { continue }
                timeline.loggedDays.append(date)
                if let score: Int = row[1] { timeline.wellbeing.append(WellbeingPoint(date: date, score: score)) }
            }
            return timeline
        }
    }

    /// A note written with a record, for the report.
    public struct TimelineNote: Sendable, Hashable {
        public let date: CalendarDate
        public let kind: RecordKind
        /// What the note belongs to: "lab c3", "event flare", "prednisone".
        public let subject: String
        public let text: String
    }

    /// Every note of a visible record dated from `since` to `until`, oldest first.
    public func notes(since: CalendarDate?, until: CalendarDate) throws -> [TimelineNote] {
        try read { db in
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT date, 'entry', '', note, id FROM dayEntry WHERE note IS NOT NULL AND note != ''
                    UNION ALL SELECT date, 'lab', analyte, note, id FROM labResult WHERE note IS NOT NULL AND note != ''
                    UNION ALL SELECT startDate, 'medication', drug, note, id FROM medication WHERE note IS NOT NULL AND note != ''
                    UNION ALL SELECT date, 'event', type, note, id FROM clinicalEvent WHERE note IS NOT NULL AND note != ''
                    UNION ALL SELECT date, 'assessment', '', note, id FROM assessment WHERE note IS NOT NULL AND note != ''
                    ORDER BY 1, 2, 5
                    """)
            var notes: [TimelineNote] = []
            while let row = try rows.next() {
                guard let date = CalendarDate(iso: row[0]), date <= until, since.map({ date >= $0 }) ?? true,
                    let kind = RecordKind(rawValue: row[1])
                else { continue }
                notes.append(TimelineNote(date: date, kind: kind, subject: row[2], text: row[3]))
            }
            return notes
        }
    }

    /// The visible lab results dated from `since` to `until`, in timeline order (as
    /// ``records(_:)`` gives them), each with the fields the report prints.
    ///
    /// One query, one row a result: the `labResult` table chooses the records, and each field
    /// is read from its winning head, which keeps the text as entered ("5.20", not the REAL
    /// 5.2 of the table). Ten years of results as whole snapshots took most of the report's time.
    public func labResults(since: CalendarDate?, until: CalendarDate) throws -> [StoredLabResult] {
        let fields: [Field] = [.analyte, .value, .qualifier, .unit, .range, .lab, .canonicalValue, .rangeLow, .rangeHigh]
        let heads = fields.map { "(SELECT value FROM fieldHead WHERE recordId = r.id AND field = '\($0.name)' AND isWinner = 1)" }
        return try read { db in
            // CROSS JOIN keeps labResult the outer loop: from the date index on `record`,
            // SQLite would walk every record of every kind.
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT r.id, r.date, r.firstClock, \(heads.joined(separator: ", "))
                    FROM labResult l CROSS JOIN record r ON r.id = l.id
                    WHERE r.deleted = 0 AND r.date >= ? AND r.date <= ?
                    ORDER BY r.date, r.firstClock, r.id
                    """,
                arguments: [since?.iso ?? "", until.iso])
            var results: [(lab: StoredLabResult, created: HLCTimestamp)] = []
            // A handful of analytes and units: which is a titre is asked once for each.
            struct TitreKey: Hashable { let analyte: String?, unit: String? }
            var titres: [TitreKey: Bool] = [:]
            while let row = try rows.next() {
                let id: String = row[0]
                var values: [FieldValue] = []
                values.reserveCapacity(fields.count)
                for index in fields.indices {
                    guard let json = row[3 + index] as String? else { values.append(.null); continue }
                    guard let value = FieldValue(json: json) else {
                        throw JournalError.database("a value of record \(id) is not valid JSON")
                    }
                    values.append(value)
                }
                let (analyte, unit) = (values[0].text, values[3].text)
                let key = TitreKey(analyte: analyte, unit: unit)
                let isTitre = titres[key] ?? StoredLabResult.isTitre(analyte: analyte, unit: unit)
                titres[key] = isTitre
                let lab = StoredLabResult(
                    id: id, date: (row[1] as String?).flatMap(CalendarDate.init(iso:)), analyte: analyte, value: values[1].text,
                    qualifier: values[2].text, unit: unit, range: values[4].text, hasRange: !values[4].isNull, lab: values[5].text,
                    canonicalValue: values[6].text, rangeLow: values[7].text, rangeHigh: values[8].text, isTitre: isTitre)
                results.append((lab, HLCTimestamp(rawValue: row[2])))
            }
            return results.sorted { a, b in
                Self.timelineOrder((a.lab.date, .lab, a.created, a.lab.id), (b.lab.date, .lab, b.created, b.lab.id))
            }.map(\.lab)
        }
    }

    /// A REAL column back to the decimal that was entered: the operations keep the exact text,
    /// and the shortest text that reads back as the same double is that text for every value
    /// a lab prints (at most 15 significant digits).
    /// A stored number as Decimal; a REAL goes through its shortest text ("0.82"), which is
    /// what was written, not its binary expansion.
    static func decimal(_ value: DatabaseValue) -> Decimal? {
        if let fixed = fixedPoint(value) { return fixed.decimal }
        switch value.storage {
        case .double(let double): return Decimal(string: "\(double)")
        case .int64(let integer): return Decimal(integer)
        case .string(let text): return Decimal(string: text)
        case .null, .blob: return nil
        }
    }

    /// The fast path of ``decimal(_:)``: nil for what ``FixedPoint`` cannot hold ("1e-07").
    static func fixedPoint(_ value: DatabaseValue) -> FixedPoint? {
        switch value.storage {
        case .double(let double): return FixedPoint("\(double)")
        case .int64(let integer): return FixedPoint(mantissa: integer, scale: 0)
        case .string(let text): return FixedPoint(text)
        case .null, .blob: return nil
        }
    }
}
