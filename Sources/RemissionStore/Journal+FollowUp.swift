#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import GRDB
import RemissionCore

extension Journal {
    /// What the follow-up plan is checked against (`remission due`), from the derived tables
    /// in one read: visible records only, with their ids.
    ///
    /// - Parameter day: the day whose entries are read (the daily item looks at one day only;
    ///   ten years of symptoms are not read for it).
    public func followUpRecords(entriesOn day: CalendarDate) throws -> FollowUpRecords {
        try read { db in
            var records = FollowUpRecords()
            records.infusion = try String.fetchOne(
                db, sql: "SELECT min(date) FROM clinicalEvent WHERE type = 'infusion'"
            ).flatMap(CalendarDate.init(iso:))

            let labs = try Row.fetchCursor(
                db,
                sql: """
                    SELECT l.id, l.date, l.analyte, l.canonicalValue, l.qualifier
                    FROM labResult l JOIN record r ON r.id = l.id
                    ORDER BY l.date, l.time, r.firstClock, l.id
                    """)
            while let row = try labs.next() {
                guard let date = CalendarDate(iso: row[1]), let value = Self.decimal(row[3]) else { continue }
                records.labs.append(
                    FollowUpRecords.Lab(
                        id: row[0],
                        point: LabPoint(
                            date: date, analyte: row[2], value: value, qualifier: (row[4] as String?).flatMap(Qualifier.init(rawValue:)))))
            }

            func dated(_ sql: String, _ arguments: StatementArguments = []) throws -> [FollowUpRecords.Dated] {
                try Row.fetchAll(db, sql: sql, arguments: arguments).compactMap { row in
                    CalendarDate(iso: row[1]).map { FollowUpRecords.Dated(id: row[0], date: $0) }
                }
            }
            records.assessments = try dated("SELECT id, date FROM assessment ORDER BY date, id")
            records.visits = try dated("SELECT id, date FROM clinicalEvent WHERE type = 'visit' ORDER BY date, id")
            records.ivig = try dated("SELECT id, date FROM clinicalEvent WHERE type = 'ivig' ORDER BY date, id")
            records.entries = try dated(
                """
                SELECT id, date FROM dayEntry WHERE date = ?1 UNION ALL SELECT id, date FROM symptom WHERE date = ?1 ORDER BY 2, 1
                """, [day.iso])
            return records
        }
    }
}
