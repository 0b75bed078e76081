import Crypto
import Foundation
import Logging
import RemissionCore
import RemissionStore

/// What one sync did, for the one-line summary.
public struct SyncReport: Sendable, Equatable {
    /// Operations of this device newly on the remote, and the segments they went in.
    public var pushedOperations = 0
    public var pushedSegments = 0
    /// Operations new to this journal, and from how many devices.
    public var pulledOperations = 0
    public var pulledDevices = 0
    public var conflicts = 0
    /// Operation ids that arrived with a second, different body during this sync (a forged
    /// relay, or a copied device): resolved the same way everywhere, listed by `check`.
    public var clashes = 0
    /// Segments that failed a check (named in `problems`); the rest were still pulled.
    public var problems: [SyncError] = []

    public static func == (a: SyncReport, b: SyncReport) -> Bool {
        (a.pushedOperations, a.pushedSegments, a.pulledOperations, a.pulledDevices, a.conflicts)
            == (b.pushedOperations, b.pushedSegments, b.pulledOperations, b.pulledDevices, b.conflicts)
            && a.problems.map(\.description) == b.problems.map(\.description)
    }
}

/// Push then pull between one journal and one remote (DESIGN.md §6, Schema/sync-format.md).
///
/// Remote layout under its base: `journal.json`, and `devices/DEVICE/NNNNNNNNNNNN.seg` for
/// each device's chain of segments. Every write is create-only and read back; every segment
/// read is checked (journal, device, sequence, hash chain, authentication) before any of it
/// is applied, and each segment is applied in one transaction with its chain position.
public final class SyncEngine: @unchecked Sendable {
    public static let journalFile = "journal.json"
    static let devicesFolder = "devices/"
    /// Operations per segment: a day's entry is one segment, a first push of years a few.
    static let segmentLimit = 5000
    /// Device folders read in one sync: a person has a handful of devices.
    static let deviceLimit = 1000

    static func isDeviceID(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        return parts.map(\.count) == [8, 4, 4, 4, 12]
            && text.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) || $0 == "-" }
    }

    let journal: Journal
    let remoteName: String
    let remote: any Remote
    /// Asked for the passphrase; `.create` and `.confirm` only when this sync creates the journal.
    let passphrase: (PassphraseRequest) throws -> String
    let environment: [String: String]
    let logger: Logger
    /// Called with (segments done, segments to do) while pulling.
    let progress: (@Sendable (Int, Int) -> Void)?
    /// Whether this remote passed (or needs no) create-only probe; see `proveCreateOnly`.
    var createOnlyProven = false

    public init(
        journal: Journal, remoteName: String, remote: any Remote, environment: [String: String] = [:],
        passphrase: @escaping (PassphraseRequest) throws -> String, logger: Logger = Logger(label: "remission.sync"),
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) {
        self.journal = journal
        self.remoteName = remoteName
        self.remote = remote
        self.environment = environment
        self.passphrase = passphrase
        self.logger = logger
        self.progress = progress
    }

    /// One source for every request: the same passphrase unlocks, creates and confirms.
    public convenience init(
        journal: Journal, remoteName: String, remote: any Remote, environment: [String: String] = [:],
        passphrase: @escaping () throws -> String, logger: Logger = Logger(label: "remission.sync"),
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) {
        self.init(
            journal: journal, remoteName: remoteName, remote: remote, environment: environment,
            passphrase: { (_: PassphraseRequest) in try passphrase() }, logger: logger, progress: progress)
    }

    /// Pushes this device's new operations, then pulls every other device's.
    public func sync() throws -> SyncReport {
        // Two syncs of one journal at once would race for its outbox and chain positions.
        guard let lock = try journal.tryLock("sync") else { throw SyncError.syncRunning }
        defer { withExtendedLifetime(lock) {} }
        let key = try journalKey()
        var report = SyncReport()
        try push(key: key, report: &report)
        let clashes = try journal.operationClashes().count
        try pull(key: key, report: &report)
        report.conflicts = try journal.conflictCount()
        report.clashes = try journal.operationClashes().count - clashes
        return report
    }

    // MARK: The journal key

    /// What a passphrase is asked for.
    public enum PassphraseRequest: Sendable, Equatable {
        /// To open the journal.json already on the remote.
        case unlock
        /// The first sync with an empty remote: this passphrase will create the journal.
        case create
        /// The same new passphrase once more; the sync stops if it differs.
        case confirm
    }

    /// The key kept locally since the first sync, else from journal.json (asking for the
    /// passphrase), else a new journal on an empty remote.
    func journalKey() throws -> SymmetricKey {
        guard let record = try journal.remotes().first(where: { $0.name == remoteName }) else {
            throw SyncError.unknownRemote(remoteName)
        }
        if let stored = record.journalKey { return SymmetricKey(data: stored) }
        let identity = try journal.identity()
        if let data = try remote.get(Self.journalFile) {
            let manifest = try JournalManifest.decode(data, from: remote.displayURL)
            guard manifest.journal == identity.journalID else {
                throw SyncError.otherJournal(url: remote.displayURL, remote: manifest.journal, local: identity.journalID)
            }
            let key = try manifest.unwrap(passphrase: try passphrase(.unlock))
            try journal.setJournalKey(remote: remoteName, key: key.withUnsafeBytes { Data($0) })
            return key
        }
        if let entries = try remote.list("", startAfter: nil), !entries.isEmpty {
            throw SyncError.notAJournal(remote.displayURL)
        }
        // The passphrase that creates the journal is the one every other device will need:
        // it is asked twice, and a mismatch stops before anything is written anywhere.
        let fresh = try passphrase(.create)
        guard try passphrase(.confirm) == fresh else { throw SyncError.passphrasesDiffer(remote.displayURL) }
        try proveCreateOnly()
        let key = SymmetricKey(size: .bits256)
        let manifest = try JournalManifest.create(
            journal: identity.journalID, journalKey: key, passphrase: fresh,
            cost: JournalManifest.defaultCost(environment: environment))
        if try remote.createOnly(Self.journalFile, data: try manifest.encoded()) == .alreadyExists {
            // Another device created it meanwhile: use theirs.
            return try journalKey()
        }
        try journal.setJournalKey(remote: remoteName, key: key.withUnsafeBytes { Data($0) })
        logger.info("created the journal on the remote")
        return key
    }

    // MARK: Push

    /// Per segment: one read transaction plans it, one stages its sealed bytes, one confirms
    /// it; between them a create-only write and its read-back.
    func push(key: SymmetricKey, report: inout SyncReport) throws {
        let identity = try journal.identity()
        if let pending = try journal.outbox(remote: remoteName) {
            // Staged by a run that was cut short: what it relays is read from its own bytes.
            try send(pending, device: identity.deviceID, key: key, relayedHighWater: nil)
        }
        while let plan = try journal.planSegment(remote: remoteName, limit: Self.segmentLimit) {
            let header = SegmentHeader(
                format: SegmentCodec.formatVersion, journal: plan.journalID, device: plan.device,
                sequence: plan.sequence, previous: plan.previous, vector: plan.vector,
                salt: Data((0..<16).map { _ in UInt8.random(in: 0...255) }).base64EncodedString(),
                operations: plan.bodies.count)
            let names = SegmentNames(device: plan.deviceName, relayed: plan.relayedNames)
            let bytes = try SegmentCodec.encode(header: header, names: names, operationBodies: plan.bodies, journalKey: key)
            // Staged before it is sent, so that a retry sends these very bytes.
            let entry = Journal.OutboxEntry(sequence: header.sequence, counter: plan.lastOwnCounter, bytes: bytes)
            try journal.stageOutbox(remote: remoteName, entry)
            try send(entry, device: plan.device, key: key, relayedHighWater: plan.relayedHighWater)
            report.pushedOperations += plan.bodies.count
            report.pushedSegments += 1
        }
    }

    /// Creates the segment on the remote and reads it back before trusting it.
    private func send(_ entry: Journal.OutboxEntry, device: String, key: SymmetricKey, relayedHighWater: [String: Int64]?) throws {
        let path = Self.devicesFolder + device + "/" + SegmentCodec.name(sequence: entry.sequence)
        try proveCreateOnly()
        let outcome = try remote.createOnly(path, data: entry.bytes)
        let stored = try remote.get(path)
        guard stored == entry.bytes else {
            if outcome == .created && stored == nil {
                throw RemoteError("\(remote.displayURL)/\(path) was written but cannot be read back; try again")
            }
            if let stored, try adoptOwnSegment(stored, path: path, device: device, sequence: entry.sequence, key: key) { return }
            throw SyncError.clonedDevice(device: device, url: remote.displayURL)
        }
        let hash = SegmentCodec.sha256Hex(entry.bytes)
        if let relayedHighWater {
            try journal.confirmPush(remote: remoteName, sequence: entry.sequence, hash: hash, counter: entry.counter, relayedHighWater: relayedHighWater)
        } else {
            let carried = try SegmentCodec.decode(entry.bytes, name: path, journalKey: key).operations
            try journal.confirmPush(remote: remoteName, sequence: entry.sequence, hash: hash, counter: entry.counter, operations: carried)
        }
    }

    /// A segment already at this place that holds exactly this device's own operations was
    /// written by this journal, through another remote name for the same storage: it is taken
    /// as pushed, not mistaken for a copied journal.
    private func adoptOwnSegment(_ stored: Data, path: String, device: String, sequence: Int64, key: SymmetricKey) throws -> Bool {
        guard let segment = try? SegmentCodec.decode(stored, name: path, journalKey: key),
            segment.header.device == device, segment.header.sequence == sequence
        else { return false }
        let own = segment.operations.filter { $0.id.device == device }
        for operation in own {
            guard try journal.operationBody(operation.id) == OperationCodec.encode(operation) else { return false }
        }
        try journal.discardOutbox(remote: remoteName, sequence: sequence)
        try journal.confirmPush(
            remote: remoteName, sequence: sequence, hash: segment.hash, counter: own.map(\.id.counter).max() ?? 0,
            operations: segment.operations)
        logger.info("segment already pushed through another remote name", metadata: ["sequence": "\(sequence)"])
        return true
    }

    // MARK: Pull

    func pull(key: SymmetricKey, report: inout SyncReport) throws {
        let identity = try journal.identity()
        let devices = try remote.list(Self.devicesFolder, startAfter: nil) ?? []
        var positions = try journal.chainPositions(remote: remoteName)
        var pending: [(device: String, names: [String])] = []
        var folders = 0
        for entry in devices where entry.hasSuffix("/") {
            let device = String(entry.dropLast())
            guard device != identity.deviceID else { continue }
            // Device ids are lower-case UUIDs; anything else was not written by remission.
            guard Self.isDeviceID(device) else {
                report.problems.append(
                    .badSegment(
                        path: remote.displayURL + "/" + Self.devicesFolder + device,
                        reason: "'\(device.prefix(40))' is not a device id (a lower-case UUID)"))
                continue
            }
            folders += 1
            guard folders <= Self.deviceLimit else {
                report.problems.append(
                    .badSegment(
                        path: remote.displayURL + "/" + Self.devicesFolder,
                        reason: "it lists more than \(Self.deviceLimit) device folders; the others were not read"))
                break
            }
            let position = positions[device] ?? Journal.ChainPosition()
            let names =
                (try remote.list(
                    Self.devicesFolder + entry, startAfter: SegmentCodec.name(sequence: position.sequence)) ?? [])
                .filter { SegmentCodec.sequence(fromName: $0) != nil }
            if !names.isEmpty { pending.append((device, names)) }
        }
        let total = pending.reduce(0) { $0 + $1.names.count }
        var done = 0
        for (device, names) in pending {
            var position = positions[device] ?? Journal.ChainPosition()
            var newHere = 0
            do {
                for name in names {
                    let path = Self.devicesFolder + device + "/" + name
                    let sequence = SegmentCodec.sequence(fromName: name)!
                    guard sequence == position.sequence + 1 else {
                        throw SyncError.missingSegment(device: device, sequence: position.sequence + 1, url: remote.displayURL)
                    }
                    guard let data = try remote.get(path) else {
                        throw SyncError.missingSegment(device: device, sequence: sequence, url: remote.displayURL)
                    }
                    let segment = try verified(data, path: path, device: device, sequence: sequence, after: position, key: key, journalID: identity.journalID)
                    newHere += try applying(path: path) {
                        try journal.applySegment(
                            remote: remoteName, device: device, deviceName: segment.names.device, sequence: sequence,
                            hash: segment.hash, operations: segment.operations, bodies: segment.bodies, relayedNames: segment.names.relayed)
                    }
                    position.sequence = sequence
                    position.hash = segment.hash
                    done += 1
                    progress?(done, total)
                }
            } catch let error as SyncError {
                // One device's broken chain does not stop the others.
                report.problems.append(error)
                logger.info("pull stopped for one device", metadata: ["device": "\(device.prefix(8))"])
            } catch let error as RemoteError {
                // An object that is no segment (a FIFO, a huge file) in one device's folder.
                report.problems.append(.badSegment(path: remote.displayURL + "/" + Self.devicesFolder + device, reason: error.description))
            } catch let error as HTTPError where error.isTooLarge {
                report.problems.append(.badSegment(path: error.url, reason: error.description))
            }
            positions[device] = position
            if newHere > 0 {
                report.pulledOperations += newHere
                report.pulledDevices += 1
            }
        }
    }

    /// A segment whose operations this version refuses stops its device's chain, not the sync.
    private func applying(path: String, _ body: () throws -> Int) throws -> Int {
        do {
            return try body()
        } catch let error as JournalError {
            switch error {
            case .invalidOperation(let id, let reason):
                throw SyncError.badSegment(path: remote.displayURL + "/" + path, reason: "operation \(id) cannot be applied: \(reason)")
            default:
                throw error
            }
        }
    }

    private func verified(
        _ data: Data, path: String, device: String, sequence: Int64, after position: Journal.ChainPosition,
        key: SymmetricKey, journalID: String
    ) throws -> Segment {
        let where_ = remote.displayURL + "/" + path
        let header: SegmentHeader
        do {
            header = try SegmentCodec.header(of: data, name: where_).header
        } catch let error as SyncFormatError {
            throw SyncError.badSegment(path: where_, reason: error.description)
        }
        guard header.format <= SegmentCodec.formatVersion else {
            throw SyncError.badSegment(
                path: where_,
                reason:
                    "it is sync format \(header.format), newer than this version of remission reads (\(SegmentCodec.formatVersion)); update remission on this device"
            )
        }
        guard header.journal == journalID else {
            throw SyncError.badSegment(path: where_, reason: "it belongs to another journal (\(header.journal.prefix(8)))")
        }
        guard header.device == device, header.sequence == sequence else {
            throw SyncError.badSegment(
                path: where_, reason: "its header says device \(header.device.prefix(8)) segment \(header.sequence): it was moved or replayed")
        }
        guard header.previous == position.hash else {
            throw SyncError.badSegment(
                path: where_, reason: "it does not follow segment \(position.sequence) in the device's hash chain: an old segment replayed, or one replaced")
        }
        let segment: Segment
        do {
            segment = try SegmentCodec.decode(data, name: where_, journalKey: key)
        } catch let error as SyncFormatError {
            throw SyncError.badSegment(path: where_, reason: error.description)
        }
        // Besides its device's own operations, a segment may relay those of devices with no
        // chain on the remote (an imported backup); all are sealed under the journal key.
        return segment
    }
}
