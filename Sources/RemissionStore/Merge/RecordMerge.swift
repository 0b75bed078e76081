import RemissionCore

/// The state of one record, computed from the operations that wrote it and nothing else:
/// ``MergeRule`` states the rule, this applies it. Pure, so that every device that holds the
/// same operations computes the same record, whatever order they arrived in.
struct RecordMerge {
    /// One write of a register that no known write replaced.
    struct Head: Hashable {
        let id: OperationID
        let clock: HLCTimestamp
        /// Every field of the register, completed (see ``MergeRule``), derived fields as written.
        let values: [String: FieldValue]
    }

    /// A register's heads, the winner first.
    struct Register {
        let group: FieldGroup
        let heads: [Head]
        var winner: Head { heads[0] }

        /// Whether the heads disagree on what a person entered.
        var inConflict: Bool {
            heads.dropFirst().contains { head in group.fields.contains { head.values[$0] != winner.values[$0] } }
        }
    }

    let kind: RecordKind
    let registers: [Register]
    /// The record's fields: the winners' entered values and the derived values computed from
    /// them (or as written, where this version cannot compute them).
    let fields: [String: FieldValue]
    /// Whether the derived fields were computed here (false: taken as the writer stored them).
    let derivedVerified: Bool
    let deleteWins: Bool
    /// Deleted on one device while edited on another that had not seen the delete.
    let editedAfterDelete: Bool
    /// The earliest and latest clock of its operations: when it was created and last written.
    let firstClock: HLCTimestamp
    let lastClock: HLCTimestamp

    var hidden: Bool { deleteWins && !editedAfterDelete }
    var complete: Bool { kind.fields.allSatisfy { !$0.required || !(fields[$0.name] ?? .null).isNull } }
    var visible: Bool { !hidden && complete }
    var conflicted: Bool { editedAfterDelete || registers.contains(where: \.inConflict) }

    /// - Parameter operations: the record's operations, all of `kind`, each id once.
    init(kind: RecordKind, operations: [JournalOperation]) {
        self.kind = kind
        let ordered = operations.sorted { JournalOperation.wins(($1.clock, $1.id), over: ($0.clock, $0.id)) }
        firstClock = operations.map(\.clock).min() ?? HLCTimestamp(rawValue: 0)
        lastClock = operations.map(\.clock).max() ?? HLCTimestamp(rawValue: 0)
        var registers: [Register] = []
        for group in kind.registers + [.deleted] {
            let heads = Self.heads(of: group, in: ordered)
            if !heads.isEmpty { registers.append(Register(group: group, heads: heads)) }
        }
        self.registers = registers

        var fields: [String: FieldValue] = [:]
        for register in registers { fields.merge(register.winner.values) { _, new in new } }
        let deleteWins = fields.removeValue(forKey: JournalOperation.deletedField)?.bool == true
        var derivedVerified = true
        if let derived = kind.derive(fields) {
            fields.merge(derived) { _, computed in computed }
        } else {
            derivedVerified = false
        }
        self.fields = fields
        self.derivedVerified = derivedVerified
        self.deleteWins = deleteWins

        var editedAfterDelete = false
        if deleteWins, let deletes = registers.last(where: { $0.group.name == JournalOperation.deletedField }) {
            // What the winning deletes had seen; an edit outside it keeps the record visible.
            let byID = Dictionary(ordered.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            var seen: Set<OperationID> = []
            for head in deletes.heads where head.values[JournalOperation.deletedField] == .bool(true) {
                for write in byID[head.id]?.writes ?? [] { seen.formUnion(write.replaces) }
            }
            editedAfterDelete = registers.contains { register in
                register.group.name != JournalOperation.deletedField && register.heads.contains { !seen.contains($0.id) }
            }
        }
        self.editedAfterDelete = editedAfterDelete
    }

    /// The writes of a register that no known write of it replaced, each completed, winner first.
    ///
    /// A write that names every entered field of the group is whole. One that names only some
    /// (written by a version before field groups) is completed from its *base*: the latest
    /// known write it replaced, else the latest earlier write of the group; it was written on
    /// top of that base, so it replaces it.
    private static func heads(of group: FieldGroup, in ordered: [JournalOperation]) -> [Head] {
        let members = group.members
        var writes: [(operation: JournalOperation, written: [String: FieldValue], replaces: Set<OperationID>)] = []
        for operation in ordered {
            var written: [String: FieldValue] = [:]
            var replaces: Set<OperationID> = []
            for write in operation.writes where members.contains(write.field) {
                written[write.field] = write.value
                replaces.formUnion(write.replaces)
            }
            if !written.isEmpty { writes.append((operation, written, replaces)) }
        }
        guard !writes.isEmpty else { return [] }
        if writes.count == 1 {
            // One write (most records are written once): whole or not, it has no base, and
            // it is a head unless it names itself as replaced.
            let write = writes[0]
            guard !write.replaces.contains(write.operation.id) else { return [] }
            var values = write.written
            for field in group.allFields where values[field] == nil { values[field] = .null }
            return [Head(id: write.operation.id, clock: write.operation.clock, values: values)]
        }

        let position = Dictionary(writes.enumerated().map { ($1.operation.id, $0) }, uniquingKeysWith: { first, _ in first })
        var completed: [[String: FieldValue]?] = Array(repeating: nil, count: writes.count)
        var replaced: Set<OperationID> = []
        var inProgress: Set<Int> = []

        func complete(_ index: Int) -> [String: FieldValue] {
            if let done = completed[index] { return done }
            let write = writes[index]
            var values = write.written
            if !group.fields.allSatisfy({ write.written[$0] != nil }) {
                inProgress.insert(index)
                // The latest replaced write known here, else the latest earlier write.
                let named = write.replaces.compactMap { position[$0] }.filter { !inProgress.contains($0) }.max()
                let base = named ?? (0..<index).reversed().first { !inProgress.contains($0) }
                if let base {
                    values.merge(complete(base)) { own, _ in own }
                    replaced.insert(writes[base].operation.id)
                }
                inProgress.remove(index)
            }
            for field in group.allFields where values[field] == nil { values[field] = .null }
            completed[index] = values
            return values
        }

        for index in writes.indices {
            _ = complete(index)
            replaced.formUnion(writes[index].replaces)
        }
        return writes.indices.reversed()
            .filter { !replaced.contains(writes[$0].operation.id) }
            .map { Head(id: writes[$0].operation.id, clock: writes[$0].operation.clock, values: completed[$0]!) }
    }
}
