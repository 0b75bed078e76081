/// Bytes as lower-case hex: digests in segment names, the order of two bodies of one
/// operation, AWS signatures. One writer, so that every digest is spelled alike.
extension Sequence where Element == UInt8 {
    public var lowercaseHex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(underestimatedCount * 2)
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension Array where Element == UInt8 {
    /// Sixteen bytes as a lower-case UUID (8-4-4-4-12), the form every id in a journal takes.
    public var uuidText: String {
        precondition(count == 16, "a UUID is 16 bytes")
        let hex = Array(lowercaseHex.utf8)
        return [hex[0..<8], hex[8..<12], hex[12..<16], hex[16..<20], hex[20..<32]]
            .map { String(decoding: $0, as: UTF8.self) }.joined(separator: "-")
    }
}
