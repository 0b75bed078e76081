import Foundation

/// Proves, before the first write, that a remote refuses to overwrite.
///
/// Everything in the sync format rests on create-only writes: a device writes only new
/// names, so no two devices can destroy each other's segments. A folder guarantees it with
/// `link(2)`; an HTTP server only promises it, by honouring `If-None-Match: *`. Some do not:
/// rclone 1.60's `serve webdav` answers 201 and replaces the file, Garage's S3 ignores the
/// header, and the read-back after a write cannot notice (it reads the writer's own bytes).
/// So a probe object, named with a leading `.` that every reader ignores, is created, then
/// created again with other bytes: the second write must be refused and the first bytes
/// must still be there. The probe is removed either way; nothing else is written.
public enum CreateOnlyProbe {
    /// Why a remote failed the probe.
    public struct Refusal: Error, Sendable, CustomStringConvertible {
        public let url: String
        public let detail: String

        public var description: String {
            """
            \(url) \(detail): this server ignores the If-None-Match header, so two devices could \
            overwrite each other's changes there. remission writes nothing to it (its test object was \
            removed again). Use a server that honours If-None-Match: * (Apache httpd with mod_dav, \
            Nextcloud, AWS S3, MinIO, Cloudflare R2), or a folder.
            """
        }
    }

    /// Writes the probe twice and removes it; throws `Refusal` when the server overwrote.
    public static func prove(_ remote: any Remote) throws {
        let name = ".remission-probe-\(UUID().uuidString.lowercased())"
        let first = Data("remission create-only probe: first write \(UUID().uuidString)\n".utf8)
        let second = Data("remission create-only probe: second write, must be refused\n".utf8)
        guard try remote.createOnly(name, data: first) == .created else {
            throw Refusal(url: remote.displayURL, detail: "said a new, randomly named test object existed already")
        }
        var removed = false
        defer { if !removed { try? remote.delete(name) } }
        let outcome = try remote.createOnly(name, data: second)
        let stored = try remote.get(name)
        try remote.delete(name)
        removed = true
        if outcome == .created {
            throw Refusal(url: remote.displayURL, detail: "accepted a second write of an existing object although the request said If-None-Match: *")
        }
        guard stored == first else {
            throw Refusal(url: remote.displayURL, detail: "refused a second write of an existing object but replaced it anyway")
        }
    }
}
