import Foundation
import RemissionTestSupport
import Testing

/// A password never travels over plain HTTP to another machine unless the user says so
/// (REMISSION_ALLOW_INSECURE_HTTP=1); loopback addresses stay allowed. The refusal comes
/// before any request, so the hosts here need not exist.
@Suite struct InsecureHTTPTests {
    static let netrc = "machine dav.example.org login me password netrc-secret-word\n"

    func journal(netrc: Bool = true) throws -> CLI {
        let cli = try CLI.withJournal()
        if netrc { try Self.netrc.write(to: cli.home.appendingPathComponent(".netrc"), atomically: true, encoding: .utf8) }
        return cli
    }

    @Test func plainHTTPWithAPasswordIsRefused() throws {
        for (credentials, source) in [
            ([String: String](), "~/.netrc"), (["REMISSION_REMOTE_USER": "me", "REMISSION_REMOTE_PASSWORD": "env-secret-word"], "REMISSION_REMOTE_USER")
        ] {
            let cli = try journal(netrc: credentials.isEmpty)
            let before = try cli.export()
            let refused = try cli.run(["remote", "add", "home", "http://dav.example.org/remission"], environment: credentials)
            #expect(refused.status == 64, "\(refused)")
            #expect(refused.stderr.contains("URL 'http://dav.example.org/remission' is plain HTTP to another machine"), "\(refused)")
            #expect(refused.stderr.contains("(\(source))"), "\(refused)")
            #expect(refused.stderr.contains("the password and the journal's metadata"), "\(refused)")
            #expect(refused.stderr.contains("Use https://, or set REMISSION_ALLOW_INSECURE_HTTP=1"), "\(refused)")
            #expect(!refused.stderr.contains("secret-word"), "\(refused)")
            #expect(try cli.export() == before)
            #expect(try cli.ok("remote", "list").hasPrefix("No remotes."))
            // join refuses before creating anything, too.
            let elsewhere = cli.home.appendingPathComponent("elsewhere").path
            let join = try cli.run(
                ["join", "http://dav.example.org/remission", "--journal", elsewhere],
                environment: credentials.merging(["REMISSION_PASSPHRASE": "correct horse battery staple"]) { $1 })
            #expect(join.status == 64, "\(join)")
            #expect(join.stderr.contains("plain HTTP"), "\(join)")
            #expect(!FileManager.default.fileExists(atPath: elsewhere))
        }
    }

    @Test func theExplicitOptInIsNeededForEveryCommand() throws {
        let cli = try journal()
        let allowed = ["REMISSION_ALLOW_INSECURE_HTTP": "1"]
        try "default login me password netrc-secret-word\n".write(to: cli.home.appendingPathComponent(".netrc"), atomically: true, encoding: .utf8)
        let refusedAdd = try cli.run(["remote", "add", "home", "http://192.0.2.1/remission"])
        #expect(refusedAdd.status == 64, "\(refusedAdd)")
        #expect(refusedAdd.stderr.contains("(~/.netrc)"), "\(refusedAdd)")
        let added = try cli.run(["remote", "add", "home", "http://192.0.2.1/remission"], environment: allowed)
        #expect(added.status == 0, "\(added)")
        #expect(try cli.ok("remote", "list") == "home\thttp://192.0.2.1/remission\n")
        let before = try cli.export()
        // Without the variable, the sync stops before any request.
        let refused = try cli.run(["sync", "home"], environment: ["REMISSION_PASSPHRASE": "correct horse battery staple"])
        #expect(refused.status == 64, "\(refused)")
        #expect(refused.stderr.contains("plain HTTP to another machine"), "\(refused)")
        #expect(try cli.export() == before)
        // With it, the sync goes to the network (unreachable here: a documentation address).
        let tried = try cli.run(
            ["sync", "home"],
            environment: allowed.merging([
                "REMISSION_PASSPHRASE": "correct horse battery staple", "REMISSION_HTTP_TIMEOUT": "1", "REMISSION_HTTP_RETRIES": "0"
            ]) { $1 })
        #expect(tried.status == 69, "\(tried)")
        #expect(!tried.stderr.contains("plain HTTP to another machine"), "\(tried)")
        #expect(!tried.stderr.contains("secret-word"), "\(tried)")
    }

    @Test func loopbackAndHTTPSAreUnaffected() throws {
        let cli = try journal()
        try "default login me password netrc-secret-word\n".write(to: cli.home.appendingPathComponent(".netrc"), atomically: true, encoding: .utf8)
        let environment = ["REMISSION_REMOTE_USER": "me", "REMISSION_REMOTE_PASSWORD": "env-secret-word"]
        for (name, url) in [
            ("a", "http://127.0.0.1:9/remission"), ("b", "http://localhost:9/remission"), ("c", "http://[::1]:9/remission"),
            ("d", "https://dav.example.org/remission")
        ] {
            let added = try cli.run(["remote", "add", name, url], environment: environment)
            #expect(added.status == 0, "\(url): \(added)")
        }
        #expect(try cli.ok("remote", "list").split(separator: "\n").count == 4)
    }
}
