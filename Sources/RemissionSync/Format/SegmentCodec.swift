import Crypto
import Foundation
import RemissionCore
import RemissionStore

/// The header of a segment: plain text, so that a device can check a segment's place in
/// its chain before decrypting it; authenticated as the body's associated data, so it
/// cannot be changed either.
public struct SegmentHeader: Codable, Sendable, Equatable {
    public var format: Int
    public var journal: String
    public var device: String
    public var sequence: Int64
    /// SHA-256 (hex) of the device's previous segment, "" for the first.
    public var previous: String
    /// The last sequence this device had merged from every other device when it wrote this.
    public var vector: [String: Int64]
    /// Random salt of this segment's subkey (HKDF), so no two segments share a key.
    public var salt: String
    public var operations: Int
    /// Format 1 only: device names travelled in plain text. Since format 2 they are sealed
    /// in the body (``SegmentNames``), since a host name often names its owner.
    public var deviceName: String? = nil
    public var relayedNames: [String: String]? = nil

    public init(
        format: Int, journal: String, device: String, sequence: Int64, previous: String,
        vector: [String: Int64], salt: String, operations: Int
    ) {
        self.format = format
        self.journal = journal
        self.device = device
        self.sequence = sequence
        self.previous = previous
        self.vector = vector
        self.salt = salt
        self.operations = operations
    }

    enum CodingKeys: String, CodingKey {
        case format, journal, device, sequence, previous, vector, salt, operations
        case deviceName = "device_name"
        case relayedNames = "relayed_names"
    }
}

/// The names of the devices a segment speaks for, sealed as the first line of its body
/// (format 2): the writer's own, and those of devices whose operations it relays.
public struct SegmentNames: Codable, Sendable, Equatable {
    public var device: String
    public var relayed: [String: String]

    public init(device: String, relayed: [String: String] = [:]) {
        self.device = device
        self.relayed = relayed
    }
}

/// A decoded, verified segment.
public struct Segment: Sendable {
    public let header: SegmentHeader
    public let names: SegmentNames
    public let operations: [JournalOperation]
    /// Each operation's text as its writer sealed it: the log keeps these bytes, so that
    /// every device holds and relays the same text for an id without encoding it again.
    public let bodies: [String]
    /// SHA-256 (hex) of the segment's bytes: the next segment's `previous`.
    public let hash: String
}

/// The segment codec (Schema/sync-format.md):
///
///     "RMSSEG01" ‖ header length (UInt32, big-endian) ‖ header JSON ‖ sealed body
///
/// The body is the device names (``SegmentNames``) on its first line, then the operations'
/// canonical JSON, one per line, compressed with zlib, then
/// sealed with ChaCha20-Poly1305 under HKDF-SHA256(journal key, salt, "remission segment")
/// with a random nonce; the associated data is everything before the sealed body.
public enum SegmentCodec {
    static let magic = Data("RMSSEG01".utf8)

    /// What a reader accepts (Schema/sync-format.md, "Limits"), checked before the work they
    /// would cost: a writer puts at most 5,000 operations in a segment.
    public enum Limits {
        public static let segmentBytes = 32 << 20
        public static let headerBytes = 64 << 10
        public static let bodyBytes = 64 << 20
        public static let operations = 10_000
    }
    /// 2: operations follow the merge rule of field groups and carry `mergeRule = 2`
    /// (Schema/merge-rule.md). Format 1 segments are read as they are.
    public static let formatVersion = 2

    /// The object name of a segment: zero-padded so that name order is sequence order.
    public static func name(sequence: Int64) -> String {
        let digits = String(sequence)
        return String(repeating: "0", count: max(0, 12 - digits.count)) + digits + ".seg"
    }

    public static func sequence(fromName name: String) -> Int64? {
        guard name.hasSuffix(".seg"), name.count == 16 else { return nil }
        return Int64(name.prefix(12))
    }

    public static func encode(header: SegmentHeader, names: SegmentNames, operationBodies: [String], journalKey: SymmetricKey) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let headerBytes = try encoder.encode(header)
        let namesLine = String(decoding: try encoder.encode(names), as: UTF8.self)
        var prefix = magic
        var length = UInt32(headerBytes.count).bigEndian
        withUnsafeBytes(of: &length) { prefix.append(contentsOf: $0) }
        prefix.append(headerBytes)
        let plain = Data(([namesLine] + operationBodies).joined(separator: "\n").utf8)
        let body = try Deflate.compress(plain)
        let box = try ChaChaPoly.seal(body, using: try subkey(journalKey, header: header), authenticating: prefix)
        return prefix + box.combined
    }

    /// Reads just the header, to check a segment's place before decrypting it.
    public static func header(of data: Data, name: String) throws -> (header: SegmentHeader, bodyOffset: Int) {
        guard data.count > magic.count + 4, data.prefix(magic.count) == magic else {
            throw SyncFormatError("\(name) is not a remission segment")
        }
        guard data.count <= Limits.segmentBytes else {
            throw SyncFormatError("\(name) is \(data.count) bytes, more than a segment may be (\(Limits.segmentBytes))")
        }
        let lengthBytes = data.dropFirst(magic.count).prefix(4)
        let length = Int(lengthBytes.reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
        guard length <= Limits.headerBytes else {
            throw SyncFormatError("\(name) has a header of \(length) bytes, more than \(Limits.headerBytes)")
        }
        let start = data.startIndex + magic.count + 4
        guard length > 0, data.count >= magic.count + 4 + length else {
            throw SyncFormatError("\(name) is truncated")
        }
        guard let header = try? JSONDecoder().decode(SegmentHeader.self, from: data[start..<(start + length)]) else {
            throw SyncFormatError("\(name) has an unreadable header")
        }
        guard (0...Limits.operations).contains(header.operations) else {
            throw SyncFormatError("\(name) says it holds \(header.operations) operations, more than a segment may (\(Limits.operations))")
        }
        return (header, magic.count + 4 + length)
    }

    /// Verifies and decodes a segment; any changed byte fails authentication.
    public static func decode(_ data: Data, name: String, journalKey: SymmetricKey) throws -> Segment {
        let (header, offset) = try header(of: data, name: name)
        let prefix = data.prefix(offset)
        guard let box = try? ChaChaPoly.SealedBox(combined: data.dropFirst(offset)),
            let body = try? ChaChaPoly.open(box, using: try subkey(journalKey, header: header), authenticating: prefix)
        else {
            throw SyncFormatError("\(name) fails authentication: it was changed, or sealed with another journal's key")
        }
        let plain: Data
        do {
            plain = try Deflate.decompress(body, limit: Limits.bodyBytes)
        } catch {
            throw SyncFormatError("\(name) does not decompress within \(Limits.bodyBytes) bytes")
        }
        // Split as an array: Data's generic split costs more than decoding the operations.
        var lines = plain.isEmpty ? [] : [UInt8](plain).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let names: SegmentNames
        if header.format >= 2 {
            guard !lines.isEmpty, let sealed = try? JSONDecoder().decode(SegmentNames.self, from: Data(lines.removeFirst())) else {
                throw SyncFormatError("\(name) has no readable device names")
            }
            names = sealed
        } else {
            names = SegmentNames(device: header.deviceName ?? "device " + header.device.prefix(8), relayed: header.relayedNames ?? [:])
        }
        var operations: [JournalOperation] = []
        var bodies: [String] = []
        operations.reserveCapacity(lines.count)
        bodies.reserveCapacity(lines.count)
        for line in lines {
            guard let decoded = try? OperationCodec.decodeKeepingText(String(decoding: line, as: UTF8.self)) else {
                throw SyncFormatError("\(name) holds an unreadable operation")
            }
            operations.append(decoded.operation)
            bodies.append(decoded.text)
        }
        guard operations.count == header.operations else {
            throw SyncFormatError("\(name) says \(header.operations) operations but holds \(operations.count)")
        }
        return Segment(header: header, names: names, operations: operations, bodies: bodies, hash: sha256Hex(data))
    }

    public static func sha256Hex(_ data: Data) -> String { SHA256.hash(data: data).lowercaseHex }

    private static func subkey(_ journalKey: SymmetricKey, header: SegmentHeader) throws -> SymmetricKey {
        guard let salt = Data(base64Encoded: header.salt), salt.count == 16 else {
            throw SyncFormatError("segment \(header.sequence) of device \(header.device) has no valid salt")
        }
        return HKDF<SHA256>.deriveKey(
            inputKeyMaterial: journalKey, salt: salt, info: Data("remission segment".utf8), outputByteCount: 32)
    }
}
