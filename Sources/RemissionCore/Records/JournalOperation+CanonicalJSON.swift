/// Reading and writing an operation in the canonical form the log stores (sorted keys, no
/// spaces), one pass over its bytes.
///
/// A pull of ten years decodes tens of thousands of operations, and `JSONDecoder` spends
/// most of a pull's time on them. This reads exactly the canonical shape and nothing else:
/// any other text (unknown or repeated keys, spaces, numbers it does not write, a string it
/// cannot read) gives nil, and the caller decodes with `JSONDecoder`, which stays the
/// definition. The test suite checks that both agree on every text this accepts.
extension JournalOperation {
    /// - Returns: nil when `text` is not in the canonical shape (see above).
    public init?(canonicalJSON text: String) {
        var text = text
        guard
            let parsed = text.withUTF8({ bytes -> JournalOperation? in
                var reader = CanonicalReader(bytes: bytes)
                return reader.operation()
            })
        else { return nil }
        self = parsed
    }

    /// Assigns the decoded parts as they are, unsorted, as the synthesized decoder does.
    fileprivate init(decoded id: OperationID, clock: HLCTimestamp, record: String, kind: RecordKind, writes: [FieldWrite]) {
        self.id = id
        self.clock = clock
        self.record = record
        self.kind = kind
        self.writes = writes
    }
}

extension FieldWrite {
    fileprivate init(decoded field: String, value: FieldValue, replaces: [OperationID]) {
        self.field = field
        self.value = value
        self.replaces = replaces
    }
}

/// A cursor over the UTF-8 bytes of one canonical operation.
private struct CanonicalReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    mutating func operation() -> JournalOperation? {
        guard expect("{\"clock\":"), let clock = integer(),
            expect(",\"id\":"), let idText = string(), let id = OperationID(idText),
            expect(",\"kind\":"), let kindText = string(), let kind = RecordKind(rawValue: kindText),
            expect(",\"record\":"), let record = string(),
            expect(",\"writes\":["), let writes = writes(),
            expect("}"), index == bytes.count
        else { return nil }
        return JournalOperation(decoded: id, clock: HLCTimestamp(rawValue: clock), record: record, kind: kind, writes: writes)
    }

    /// The elements of the writes array, after its `[`, up to and including its `]`.
    private mutating func writes() -> [FieldWrite]? {
        var writes: [FieldWrite] = []
        if expect("]") { return writes }
        repeat {
            guard expect("{\"field\":"), let field = string(),
                expect(",\"replaces\":["), let replaces = replaces(),
                expect(",\"value\":"), let value = value(),
                expect("}")
            else { return nil }
            writes.append(FieldWrite(decoded: field, value: value, replaces: replaces))
        } while expect(",")
        return expect("]") ? writes : nil
    }

    private mutating func replaces() -> [OperationID]? {
        guard let texts = strings() else { return nil }
        var ids: [OperationID] = []
        ids.reserveCapacity(texts.count)
        for text in texts {
            guard let id = OperationID(text) else { return nil }
            ids.append(id)
        }
        return ids
    }

    /// The strings of an array, after its `[`, up to and including its `]`.
    private mutating func strings() -> [String]? {
        var values: [String] = []
        if expect("]") { return values }
        repeat {
            guard let value = string() else { return nil }
            values.append(value)
        } while expect(",")
        return expect("]") ? values : nil
    }

    private mutating func value() -> FieldValue? {
        guard index < bytes.count else { return nil }
        switch bytes[index] {
        case UInt8(ascii: "\""): return string().map(FieldValue.text)
        case UInt8(ascii: "["):
            index += 1
            return strings().map(FieldValue.list)
        case UInt8(ascii: "n"): return expect("null") ? .null : nil
        case UInt8(ascii: "t"): return expect("true") ? .bool(true) : nil
        case UInt8(ascii: "f"): return expect("false") ? .bool(false) : nil
        default: return integer().map(FieldValue.integer)
        }
    }

    /// An integer as the encoder writes one: an optional minus, no leading zero, no
    /// fraction or exponent, within Int64.
    private mutating func integer() -> Int64? {
        let start = index
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        let digits = index
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
        let count = index - digits
        guard count > 0, count <= 19, bytes[digits] != UInt8(ascii: "0") || count == 1 else { return nil }
        if index < bytes.count, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[index]) { return nil }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard text != "-0", let value = Int64(text) else { return nil }
        return value
    }

    /// A string: raw UTF-8 up to the closing quote; escapes are read by the value codec's
    /// reader; a raw control character (invalid JSON) gives nil.
    private mutating func string() -> String? {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
        let start = index
        index += 1
        var escaped = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x20 { return nil }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                index += 2
                continue
            }
            if byte == UInt8(ascii: "\"") {
                index += 1
                if escaped {
                    let quoted = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                    return FieldValue.unquote(Substring(quoted))
                }
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[(start + 1)..<(index - 1)]), as: UTF8.self)
            }
            index += 1
        }
        return nil
    }

    /// Consumes `literal` if the bytes continue with it.
    private mutating func expect(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        let matches = literal.withUTF8Buffer { expected in
            (0..<count).allSatisfy { bytes[index + $0] == expected[$0] }
        }
        if matches { index += count }
        return matches
    }
}

// MARK: Writing

extension JournalOperation {
    /// The canonical text of this operation, byte for byte what `JSONEncoder` writes with
    /// `.sortedKeys` and `.withoutEscapingSlashes` (the test suite compares the two): keys in
    /// UTF-8 order, no spaces, and only `"`, `\` and control characters escaped, the ones
    /// with a short form as `\b \f \n \r \t`, the others as `\u00xx`.
    ///
    /// Written by hand because every `log` writes one, and `JSONEncoder`'s first use costs
    /// the runtime two conformance scans of the whole binary and more than the text itself.
    public var canonicalJSON: String {
        var text: [UInt8] = []
        text.reserveCapacity(160 + writes.count * 80)
        func strings(_ values: [String]) {
            text += "[".utf8
            for (index, value) in values.enumerated() {
                if index > 0 { text += ",".utf8 }
                JSONString.append(value, to: &text, spelling: .jsonEncoder)
            }
            text += "]".utf8
        }
        text += #"{"clock":"#.utf8
        text += String(clock.rawValue).utf8
        text += #","id":"#.utf8
        JSONString.append(id.description, to: &text, spelling: .jsonEncoder)
        text += #","kind":"#.utf8
        JSONString.append(kind.rawValue, to: &text, spelling: .jsonEncoder)
        text += #","record":"#.utf8
        JSONString.append(record, to: &text, spelling: .jsonEncoder)
        text += #","writes":["#.utf8
        for (index, write) in writes.enumerated() {
            if index > 0 { text += ",".utf8 }
            text += #"{"field":"#.utf8
            JSONString.append(write.field, to: &text, spelling: .jsonEncoder)
            text += #","replaces":"#.utf8
            strings(write.replaces.map(\.description))
            text += #","value":"#.utf8
            switch write.value {
            case .null: text += "null".utf8
            case .bool(let value): text += (value ? "true" : "false").utf8
            case .integer(let value): text += String(value).utf8
            case .text(let value): JSONString.append(value, to: &text, spelling: .jsonEncoder)
            case .list(let values): strings(values)
            }
            text += "}".utf8
        }
        text += "]}".utf8
        return String(decoding: text, as: UTF8.self)
    }
}
