import Crypto
import RemissionCore
import RemissionReports

/// Name-based UUIDs (version 5, RFC 9562 §5.5): the same namespace and name always give
/// the same UUID.
///
/// One journal record can become several FHIR resources (an assessment holds SLEDAI-2K,
/// clinical SLEDAI-2K and PGA), and each needs an id of its own that is the same at every
/// export; deriving it from the record's id keeps the export deterministic. SHA-1 (swift-crypto's
/// `Insecure.SHA1`) because version 5 is defined with it, not for security.
enum NameBasedUUID {
    /// The version 5 UUID of `name` in `namespace` (a UUID string), lower case.
    static func make(namespace: String, name: String) -> String {
        let namespaceBytes = bytes(ofUUID: namespace)
        var digest = Array(Insecure.SHA1.hash(data: namespaceBytes + Array(name.utf8)))
        digest[6] = (digest[6] & 0x0F) | 0x50
        digest[8] = (digest[8] & 0x3F) | 0x80
        return Array(digest.prefix(16)).uuidText
    }

    /// The 16 bytes of a UUID string; other text (never the case for journal ids) is hashed
    /// as its UTF-8 bytes instead, so the result stays deterministic.
    static func bytes(ofUUID text: String) -> [UInt8] {
        let hex = text.filter { $0 != "-" }
        guard hex.count == 32 else { return Array(text.utf8) }
        var result: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            guard let byte = UInt8(hex[index..<next], radix: 16) else { return Array(text.utf8) }
            result.append(byte)
            index = next
        }
        return result
    }
}
