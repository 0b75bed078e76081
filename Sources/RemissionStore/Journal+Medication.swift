import GRDB
import RemissionCore

extension Journal {
    /// The current period (no end date) of a drug, by catalogue id or custom name.
    public func currentMedication(drug: String) throws -> RecordSnapshot? {
        try read { db in
            guard let id = try String.fetchOne(
                db,
                sql: "SELECT id FROM medication WHERE drug = ? AND endDate IS NULL ORDER BY startDate DESC, id LIMIT 1",
                arguments: [drug])
            else { return nil }
            return try Self.snapshot(id, in: db)
        }
    }
}
