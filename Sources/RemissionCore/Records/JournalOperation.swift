/// Names one operation in every journal that holds it: the device that wrote it and that
/// device's counter, which only ever grows.
public struct OperationID: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let device: String
    public let counter: Int64

    public init(device: String, counter: Int64) {
        self.device = device
        self.counter = counter
    }

    /// `DEVICE:COUNTER`, the form used inside operations and exports.
    public var description: String { "\(device):\(counter)" }

    public init?(_ text: some StringProtocol) {
        guard let colon = text.lastIndex(of: ":"),
            let counter = Int64(text[text.index(after: colon)...]), counter > 0
        else { return nil }
        let device = String(text[..<colon])
        guard !device.isEmpty else { return nil }
        self.init(device: device, counter: counter)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.device, lhs.counter) < (rhs.device, rhs.counter)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let id = OperationID(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "an operation id is DEVICE:COUNTER, not '\(text)'")
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// One write of one field, and the writes of that field it replaced as its writer saw them.
///
/// Naming what was replaced is what lets a later edit win over an earlier one whatever
/// the two devices' clocks say (DESIGN.md §5).
public struct FieldWrite: Sendable, Hashable, Codable {
    public let field: String
    public let value: FieldValue
    public let replaces: [OperationID]

    public init(field: String, value: FieldValue, replaces: [OperationID]) {
        self.field = field
        self.value = value
        self.replaces = replaces.sorted()
    }
}

/// The unit of change: every write to a journal, local or merged from another device, is
/// an operation, and nothing else changes a journal.
public struct JournalOperation: Sendable, Hashable, Codable {
    /// The field a delete writes: deleting is `deleted = true`, undeleting `deleted = false`.
    public static let deletedField = "deleted"
    /// A write every operation since field groups carries (`mergeRule = 2`). It changes no
    /// record; it is there so that a device still on a version before groups, which would
    /// merge the operation field by field, refuses it and says to update instead of showing
    /// a different journal than its other devices (Schema/merge-rule.md).
    public static let mergeRuleField = "mergeRule"
    public static let mergeRuleVersion: Int64 = 2
    static let mergeRuleWrite = FieldWrite(field: mergeRuleField, value: .integer(mergeRuleVersion), replaces: [])

    /// The writes that change the record: all but the ``mergeRuleField`` marker.
    public var recordWrites: [FieldWrite] { writes.filter { $0.field != Self.mergeRuleField } }

    public let id: OperationID
    public let clock: HLCTimestamp
    public let record: String
    public let kind: RecordKind
    public let writes: [FieldWrite]

    /// A new operation of this version: its writes plus the ``mergeRuleField`` marker.
    public static func written(id: OperationID, clock: HLCTimestamp, record: String, kind: RecordKind, writes: [FieldWrite]) -> JournalOperation {
        JournalOperation(id: id, clock: clock, record: record, kind: kind, writes: writes + [mergeRuleWrite])
    }

    public init(id: OperationID, clock: HLCTimestamp, record: String, kind: RecordKind, writes: [FieldWrite]) {
        self.id = id
        self.clock = clock
        self.record = record
        self.kind = kind
        self.writes = writes.sorted { $0.field < $1.field }
    }

    /// Whether `a` beats `b` when neither replaced the other: the later clock, then the
    /// greater id, so every device picks the same winner.
    public static func wins(_ a: (clock: HLCTimestamp, id: OperationID), over b: (clock: HLCTimestamp, id: OperationID)) -> Bool {
        (a.clock, a.id) > (b.clock, b.id)
    }
}
