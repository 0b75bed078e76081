import Foundation
import RemissionTestSupport
import Testing

/// `remote add`, `join`, `sync` and `passphrase change` with an S3 remote, as a user runs
/// them, against moto on 127.0.0.1 with signatures checked; and syncs killed at random moments.
@Suite struct S3CommandTests {
    /// Two journals in one temporary home, and an S3 prefix between them.
    struct Pair {
        let cli: CLI
        let moto: MotoServer
        let url: String
        var endpoint: String { moto.endpoint }
        var laptop: String { cli.home.appendingPathComponent("laptop").path }
        var desktop: String { cli.home.appendingPathComponent("desktop").path }
        /// Credentials from the environment; nothing from a real ~/.aws.
        var environment: [String: String] {
            [
                "REMISSION_SCRYPT_LOG2N": "10", "REMISSION_PASSPHRASE": "correct horse battery staple",
                "AWS_ACCESS_KEY_ID": moto.accessKeyID, "AWS_SECRET_ACCESS_KEY": moto.secretAccessKey,
                "AWS_PROFILE": "", "AWS_REGION": "", "AWS_DEFAULT_REGION": "", "AWS_ENDPOINT_URL": "",
                "REMISSION_HTTP_RETRIES": "1", "REMISSION_HTTP_BACKOFF": "0"
            ]
        }

        init() throws {
            cli = try CLI()
            moto = try MotoServer.start()
            url = "s3://\(moto.bucket)/cli-\(UUID().uuidString.lowercased().prefix(13))"
            try run(["init", "--journal", laptop, "--infusion-date", "2026-03-02", "--device-name", "laptop"])
            try run(["remote", "add", "cloud", url, "--endpoint-url", endpoint, "--region", "eu-central-1", "--journal", laptop])
            try run(["log", "--symptom", "fatigue=3", "--journal", laptop])
            try run(["sync", "--journal", laptop])
            try run([
                "join", url, "--endpoint-url", endpoint, "--region", "eu-central-1", "--journal", desktop,
                "--name", "cloud", "--device-name", "desktop"
            ])
        }

        @discardableResult
        func run(_ arguments: [String], environment extra: [String: String] = [:]) throws -> CLI.Result {
            let result = try cli.run(arguments, environment: environment.merging(extra) { $1 })
            #expect(result.status == 0, "remission \(arguments.joined(separator: " ")): \(result)")
            return result
        }

        func export(_ journal: String) throws -> String {
            try cli.run(["export", "--journal", journal]).stdout
        }
    }

    @Test func addJoinSyncAndPassphraseChangeThroughS3() throws {
        let pair = try Pair()
        try pair.run(["lab", "c3", "0.8", "g/L", "--journal", pair.desktop])
        let pushed = try pair.run(["sync", "--journal", pair.desktop])
        #expect(pushed.stdout == "Synced with cloud: pushed 1, pulled 0 from 0 devices, conflicts 0.\n")
        let pulled = try pair.run(["sync", "cloud", "--journal", pair.laptop])
        #expect(pulled.stdout == "Synced with cloud: pushed 0, pulled 1 from 1 device, conflicts 0.\n")
        #expect(try pair.export(pair.laptop) == pair.export(pair.desktop))

        // The endpoint and region are kept with the remote; the secret nowhere.
        let remotes = try pair.run(["remote", "list", "--journal", pair.laptop]).stdout
        #expect(remotes == "cloud\t\(pair.url)?endpoint-url=http%3A%2F%2F127.0.0.1%3A\(pair.moto.port)&region=eu-central-1\n")
        for journal in [pair.laptop, pair.desktop] {
            let files = try FileManager.default.subpathsOfDirectory(atPath: journal)
                .compactMap { FileManager.default.contents(atPath: journal + "/" + $0) }.reduce(Data(), +)
            #expect(files.range(of: Data(pair.moto.secretAccessKey.utf8)) == nil)
        }

        // Credentials from ~/.aws/credentials (a profile) work as well as the environment.
        let aws = pair.cli.home.appendingPathComponent(".aws")
        try FileManager.default.createDirectory(at: aws, withIntermediateDirectories: true)
        try "[journal]\naws_access_key_id = \(pair.moto.accessKeyID)\naws_secret_access_key = \(pair.moto.secretAccessKey)\n"
            .write(to: aws.appendingPathComponent("credentials"), atomically: true, encoding: .utf8)
        try pair.run(
            ["sync", "--journal", pair.laptop],
            environment: ["AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": "", "AWS_PROFILE": "journal"])

        let new = pair.cli.home.appendingPathComponent("new-passphrase")
        try "a brand new passphrase".write(to: new, atomically: true, encoding: .utf8)
        try pair.run(["passphrase", "change", "--new-passphrase-file", new.path, "--journal", pair.laptop])
        let third = pair.cli.home.appendingPathComponent("third").path
        let refused = try pair.cli.run(
            ["join", pair.url, "--endpoint-url", pair.endpoint, "--journal", third],
            environment: pair.environment)
        #expect(refused.status == 77, "\(refused)")
        let joined = try pair.cli.run(
            ["join", pair.url, "--endpoint-url", pair.endpoint, "--journal", third, "--passphrase-file", new.path],
            environment: pair.environment)
        #expect(joined.status == 0, "\(joined)")
        #expect(try pair.export(third) == pair.export(pair.laptop))
    }

    @Test func aWrongSecretOrAMissingBucketIsClearAndCreatesNothing() throws {
        let pair = try Pair()
        let third = pair.cli.home.appendingPathComponent("third").path
        let wrong = try pair.cli.run(
            ["join", pair.url, "--endpoint-url", pair.endpoint, "--journal", third],
            environment: pair.environment.merging(["AWS_SECRET_ACCESS_KEY": "wrong-secret-key"]) { $1 })
        #expect(wrong.status == 69, "\(wrong)")
        #expect(wrong.stderr.contains("SignatureDoesNotMatch"), "\(wrong)")
        #expect(wrong.stderr.contains("http://127.0.0.1:\(pair.moto.port)/\(pair.moto.bucket)/"), "\(wrong)")
        #expect(!wrong.stderr.contains("wrong-secret-key"))
        #expect(!FileManager.default.fileExists(atPath: third))

        let missing = try pair.cli.run(
            ["join", "s3://no-such-bucket-here/x", "--endpoint-url", pair.endpoint, "--journal", third],
            environment: pair.environment)
        #expect(missing.status == 69, "\(missing)")
        #expect(missing.stderr.contains("NoSuchBucket"), "\(missing)")
        #expect(missing.stderr.contains("there is no bucket 'no-such-bucket-here'"), "\(missing)")
        #expect(!FileManager.default.fileExists(atPath: third))

        let before = try pair.export(pair.laptop)
        try pair.run(["log", "--symptom", "rash=1", "--journal", pair.laptop])
        let logged = try pair.export(pair.laptop)
        let failed = try pair.cli.run(
            ["sync", "--journal", pair.laptop],
            environment: pair.environment.merging(["AWS_SECRET_ACCESS_KEY": "wrong-secret-key"]) { $1 })
        #expect(failed.status == 69, "\(failed)")
        #expect(try pair.export(pair.laptop) == logged)
        #expect(before != logged)

        let noCredentials = try pair.cli.run(
            ["sync", "--journal", pair.laptop],
            environment: ["AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": ""].merging(["REMISSION_PASSPHRASE": "x"]) { $1 })
        #expect(noCredentials.status == 69, "\(noCredentials)")
        #expect(noCredentials.stderr.contains("no S3 credentials"), "\(noCredentials)")

        let withKey = try pair.cli.run(["remote", "add", "bad", "s3://AKIAXX:secret@bucket/x", "--journal", pair.laptop])
        #expect(withKey.status == 64)
        #expect(!withKey.stderr.contains("secret@"))
        // AWS_ENDPOINT_URL is kept with the remote when no --endpoint-url is given.
        try pair.run(
            ["remote", "add", "minio", "s3://bucket/x", "--journal", pair.laptop],
            environment: ["AWS_ENDPOINT_URL": "http://minio.lan:9000"])
        let listed = try pair.run(["remote", "list", "--journal", pair.laptop]).stdout
        #expect(listed.contains("minio\ts3://bucket/x?endpoint-url=http%3A%2F%2Fminio.lan%3A9000\n"), "\(listed)")
        let optionsForWebDAV = try pair.cli.run(["remote", "add", "dav", "https://dav.example.org/x", "--region", "eu-west-1", "--journal", pair.laptop])
        #expect(optionsForWebDAV.status == 64)
    }

    /// `kill -9` during push and pull through S3: every rerun continues, and both devices end
    /// with the same journal, nothing lost or doubled.
    @Test func syncsKilledAtRandomMomentsConverge() throws {
        let pair = try Pair()
        var generator = SystemRandomNumberGenerator()
        var logged = 1
        for round in 0..<6 {
            for journal in [pair.laptop, pair.desktop] {
                for index in 0..<3 {
                    try pair.run(["log", "--symptom", "s\(round)-\(index)=\(index)", "--journal", journal])
                    logged += 1
                }
                try pair.cli.kill(
                    ["sync", "--journal", journal], environment: pair.environment,
                    after: UInt32.random(in: 0...40_000, using: &generator))
            }
        }
        for journal in [pair.laptop, pair.desktop, pair.laptop] {
            try pair.run(["sync", "--journal", journal])
        }
        let laptop = try pair.export(pair.laptop)
        #expect(laptop == (try pair.export(pair.desktop)))
        let symptoms = try pair.run(["list", "--kind", "symptom", "--json", "--journal", pair.laptop]).stdout
        let count = (try JSONSerialization.jsonObject(with: Data(symptoms.utf8)) as? [Any])?.count
        #expect(count == logged)
        for journal in [pair.laptop, pair.desktop] {
            #expect(try pair.run(["check", "--journal", journal]).stdout.contains("ok  derived tables match"))
        }
    }
}
