import Crypto
import CryptoExtras
import Foundation

/// `journal.json`: what a device needs to join a synced journal. It holds the journal's id
/// and its key, wrapped (sealed) under a key derived from the passphrase with scrypt; the
/// remote never sees the passphrase or the journal key.
public struct JournalManifest: Codable, Sendable, Equatable {
    public static let format = "remission-sync"
    public static let version = 1

    public struct KeyDerivation: Codable, Sendable, Equatable {
        public var algorithm: String
        /// scrypt cost N (a power of two), block size r, parallelism p.
        public var n: Int
        public var r: Int
        public var p: Int
        public var salt: String
    }

    public var format: String
    public var version: Int
    public var journal: String
    public var kdf: KeyDerivation
    /// ChaCha20-Poly1305 combined box (nonce ‖ ciphertext ‖ tag) of the 32-byte journal key,
    /// with "remission journal key <journal>" as associated data.
    public var key: String

    /// The scrypt cost for new journals: 2^17 (128 MiB of memory), DESIGN.md §6. Tests and
    /// benchmarks may lower it through `REMISSION_SCRYPT_LOG2N`; it is stored in the
    /// manifest, so every device derives with what the journal was made with.
    public static func defaultCost(environment: [String: String]) -> Int {
        if let text = environment["REMISSION_SCRYPT_LOG2N"], let log2 = Int(text), (10...20).contains(log2) {
            return 1 << log2
        }
        return 1 << 17
    }

    /// A new manifest for a new journal key.
    public static func create(journal: String, journalKey: SymmetricKey, passphrase: String, cost: Int) throws -> JournalManifest {
        let salt = Data((0..<16).map { _ in UInt8.random(in: 0...255) })
        let kdf = KeyDerivation(algorithm: "scrypt", n: cost, r: 8, p: 1, salt: salt.base64EncodedString())
        var manifest = JournalManifest(format: format, version: version, journal: journal, kdf: kdf, key: "")
        try manifest.wrap(journalKey, passphrase: passphrase)
        return manifest
    }

    /// Seals the journal key under the passphrase (a new salt each time).
    public mutating func wrap(_ journalKey: SymmetricKey, passphrase: String) throws {
        kdf.salt = Data((0..<16).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        let wrappingKey = try derive(passphrase)
        let box = try ChaChaPoly.seal(journalKey.withUnsafeBytes { Data($0) }, using: wrappingKey, authenticating: associatedData)
        key = box.combined.base64EncodedString()
    }

    /// The journal key, or an error that says the passphrase is wrong.
    public func unwrap(passphrase: String) throws -> SymmetricKey {
        guard let combined = Data(base64Encoded: key), let box = try? ChaChaPoly.SealedBox(combined: combined) else {
            throw SyncFormatError("journal.json holds no readable key")
        }
        let wrappingKey = try derive(passphrase)
        guard let raw = try? ChaChaPoly.open(box, using: wrappingKey, authenticating: associatedData), raw.count == 32 else {
            throw SyncError.wrongPassphrase
        }
        return SymmetricKey(data: raw)
    }

    private var associatedData: Data { Data("remission journal key \(journal)".utf8) }

    /// The most memory scrypt may ask for: journal.json is read before anything is
    /// authenticated, so its parameters are a stranger's until the key opens. Twice the cost
    /// new journals use (2^17 × 8 × 128 bytes = 128 MiB).
    public static let maximumScryptMemory = 256 << 20

    /// Checks the key-derivation parameters before any memory is spent on them.
    func checkedParameters() throws -> (n: Int, r: Int, p: Int, salt: Data) {
        let refusal = "journal.json asks for key derivation remission does not accept"
        guard kdf.algorithm == "scrypt" else {
            throw SyncFormatError("\(refusal) ('\(kdf.algorithm)', not scrypt); it was not written by remission, or was changed")
        }
        guard kdf.n >= 1024, kdf.n.nonzeroBitCount == 1, (1...32).contains(kdf.r), (1...4).contains(kdf.p) else {
            throw SyncFormatError(
                "\(refusal) (scrypt N = \(kdf.n), r = \(kdf.r), p = \(kdf.p); N must be a power of two from 1024, r at most 32, p at most 4); it was not written by remission, or was changed"
            )
        }
        let (perBlock, overflow) = kdf.n.multipliedReportingOverflow(by: 128 * kdf.r)
        guard !overflow, perBlock <= Self.maximumScryptMemory else {
            throw SyncFormatError(
                "\(refusal): scrypt N = 2^\(kdf.n.trailingZeroBitCount), r = \(kdf.r) needs more than \(Self.maximumScryptMemory >> 20) MiB of memory; it was not written by remission, or was changed"
            )
        }
        guard let salt = Data(base64Encoded: kdf.salt), (8...64).contains(salt.count) else {
            throw SyncFormatError("\(refusal): its salt is not 8 to 64 bytes of base64")
        }
        return (kdf.n, kdf.r, kdf.p, salt)
    }

    private func derive(_ passphrase: String) throws -> SymmetricKey {
        let parameters = try checkedParameters()
        do {
            return try KDF.Scrypt.deriveKey(
                from: Data(passphrase.utf8), salt: parameters.salt, outputByteCount: 32, rounds: parameters.n,
                blockSize: parameters.r, parallelism: parameters.p)
        } catch {
            throw SyncFormatError("the key derivation of journal.json failed (scrypt N = \(parameters.n), r = \(parameters.r), p = \(parameters.p)): \(error)")
        }
    }

    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }

    /// journal.json is a few hundred bytes; anything much larger is not one.
    public static let maximumSize = 64 << 10

    public static func decode(_ data: Data, from url: String) throws -> JournalManifest {
        guard data.count <= maximumSize else {
            throw SyncFormatError("\(url)/journal.json is \(data.count) bytes, more than a journal.json can be (\(maximumSize)); it is not remission's")
        }
        guard let manifest = try? JSONDecoder().decode(JournalManifest.self, from: data), manifest.format == format else {
            throw SyncError.notAJournal(url)
        }
        guard manifest.version <= version else {
            throw SyncFormatError("\(url)/journal.json is sync format \(manifest.version); this remission reads up to \(version). Install the newer version.")
        }
        _ = try manifest.checkedParameters()
        return manifest
    }
}
