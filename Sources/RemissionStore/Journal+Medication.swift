import GRDB
import RemissionCore

/// Medications are kept as periods: a dose change ends the current period and starts the next,
/// so the history of every dose stays. The rules for starting, changing and stopping a period
/// live here, not in the commands that call them.
extension Journal {
    /// What a start or a change wrote, and the frequency it assumed for a glucocorticoid dose
    /// given without one (``MedicationEntry/assumeUsualFrequency()``), for the output to say so.
    public struct MedicationWrite: Sendable {
        public var operations: [JournalOperation]
        public var assumedFrequency: DoseFrequency?
    }

    /// What `med change` changes; nil keeps the current period's value.
    public struct DoseChange: Sendable, Hashable {
        public var dose: String?
        public var frequency: String?
        public var route: String?
        /// The first day of the new dose (default: today).
        public var date: String?
        public var reason: String?

        public init(dose: String? = nil, frequency: String? = nil, route: String? = nil, date: String? = nil, reason: String? = nil) {
            self.dose = dose
            self.frequency = frequency
            self.route = route
            self.date = date
            self.reason = reason
        }
    }

    /// The current period (no end date) of a drug, by catalogue id or custom name.
    public func currentMedication(drug: String) throws -> RecordSnapshot? {
        try read { db in
            guard
                let id = try String.fetchOne(
                    db,
                    sql: "SELECT id FROM medication WHERE drug = ? AND endDate IS NULL ORDER BY startDate DESC, id LIMIT 1",
                    arguments: [drug])
            else { return nil }
            return try Self.snapshot(id, in: db)
        }
    }

    /// The medication periods taken on `date`, by drug: started on or before it and not
    /// stopped by then (the end date is the first day without the drug).
    public func medications(on date: CalendarDate) throws -> [RecordSnapshot] {
        try read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT m.id FROM medication m JOIN record r ON r.id = m.id
                    WHERE r.deleted = 0 AND m.startDate <= ? AND (m.endDate IS NULL OR m.endDate > ?)
                    ORDER BY m.drug, m.startDate, m.id
                    """,
                arguments: [date.iso, date.iso]
            ).compactMap { try Self.snapshot($0, in: db) }
        }
    }

    /// Starts a period; a drug can have one current period at a time.
    public func startMedication(_ entry: MedicationEntry, context: EntryContext) throws -> MedicationWrite {
        var entry = entry
        let assumed = try entry.assumeUsualFrequency()
        let fields = try entry.fields(context)
        let drug = fields[.drug]?.text ?? entry.drug
        if let current = try currentMedication(drug: drug) {
            throw JournalError.invalidChange(
                "\(drug) is already current since \(current[.startDate].text ?? "?"); use `remission med change \(drug) --dose …` to change the dose, or `remission med stop \(drug)`. Nothing was written."
            )
        }
        return MedicationWrite(operations: try write([.create(.medication, fields)]), assumedFrequency: assumed)
    }

    /// Ends the current period on the change's date and starts the next with what changed;
    /// a change on the day the period began corrects it instead, rather than leaving a period
    /// of no days.
    public func changeMedication(_ drug: String, _ change: DoseChange, context: EntryContext) throws -> MedicationWrite {
        let current = try currentPeriod(of: drug)
        guard change.dose != nil || change.frequency != nil || change.route != nil else {
            throw InputError(field: "med change", value: drug, reason: "changes nothing", accepted: "--dose, --frequency or --route")
        }
        var next = MedicationEntry(fields: current.fields)
        next.dose = change.dose ?? next.dose
        next.frequency = change.frequency ?? next.frequency
        next.route = change.route ?? next.route
        next.startDate = change.date
        next.endDate = nil
        next.reason = change.reason
        next.stopReason = nil
        next.note = nil
        let assumed = try next.assumeUsualFrequency()
        let fields = try next.fields(context)
        let start = fields[.startDate]?.text ?? ""
        try Self.requireNotBeforeStart(start, typed: change.date, of: current)
        // The dosing group of the field table: dose, frequency, route, and what follows from them.
        let dosing = RecordKind.medication.fields.filter { $0.group == "dosing" }
        if dosing.filter({ !$0.isDerived }).allSatisfy({ (fields[$0.field] ?? .null) == current[$0.field] }) {
            let now = [current[.dose].text, current[.frequency].text].compactMap { $0 }.joined(separator: " ")
            throw JournalError.invalidChange("\(current[.drug].text ?? drug) is already \(now); nothing was written.")
        }
        let changes: [RecordChange] =
            start == current[.startDate].text
            ? [
                .update(
                    current.id, kind: .medication,
                    dosing
                        .reduce(into: [String: FieldValue]()) { $0[$1.field] = fields[$1.field] ?? .null }
                        .filter { current[$0.key] != $0.value })
            ]
            : [.update(current.id, kind: .medication, .init(fields: [.endDate: .text(start)])), .create(.medication, fields)]
        return MedicationWrite(operations: try write(changes), assumedFrequency: assumed)
    }

    /// Ends the current period: `date` is the first day without the drug.
    public func stopMedication(_ drug: String, date: String?, reason: String?, context: EntryContext) throws -> [JournalOperation] {
        let current = try currentPeriod(of: drug)
        let end = try context.date(date)
        try Self.requireNotBeforeStart(end.iso, typed: date, of: current)
        var fields = [String: FieldValue](fields: [.endDate: .text(end.iso)])
        // Its own field: the reason the period was started for stays as it was.
        if let reason = try EntryText.label(reason, field: "--reason") { fields[.stopReason] = .text(reason) }
        return try write([.update(current.id, kind: .medication, fields)])
    }

    /// The current period of a drug named by catalogue name, alias or custom name.
    private func currentPeriod(of drug: String) throws -> RecordSnapshot {
        let id = (try? DrugCatalogue.drug(named: drug).id) ?? drug.lowercased()
        guard let current = try currentMedication(drug: id) else {
            throw JournalError.invalidChange(
                "\(id) is not a current medication; `remission med list` shows them, `remission med start \(id)` starts it. Nothing was written.")
        }
        return current
    }

    /// A change or stop dated before the current period began would make a period end before
    /// it starts.
    private static func requireNotBeforeStart(_ date: String, typed: String?, of current: RecordSnapshot) throws(InputError) {
        guard let start = current[.startDate].text, date < start else { return }
        throw InputError(
            field: "--date", value: typed ?? date, reason: "is before the current period began (\(start))",
            accepted: "a date on or after \(start)")
    }
}
