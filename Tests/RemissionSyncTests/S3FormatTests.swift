import Foundation
@testable import RemissionSync
import RemissionTestSupport
import Testing

/// What moto does not check but AWS does: encodings, query order, URLs, XML; and where
/// credentials and regions come from.
@Suite struct S3FormatTests {
    @Test func urlsKeepTheEndpointAndRegionButNoSecret() throws {
        let location = try S3Location.parse("s3://my-bucket/a/b/", endpoint: "https://acc.r2.cloudflarestorage.com/", region: "auto")
        #expect(location.bucket == "my-bucket")
        #expect(location.prefix == "a/b")
        #expect(location.stored == "s3://my-bucket/a/b?endpoint-url=https%3A%2F%2Facc.r2.cloudflarestorage.com&region=auto")
        #expect(try S3Location.parse(location.stored) == location)
        #expect(location.httpURL(key: "a/b/journal.json", region: "auto") == "https://acc.r2.cloudflarestorage.com/my-bucket/a/b/journal.json")

        let aws = try S3Location.parse("s3://my-bucket")
        #expect(aws.prefix == "")
        #expect(aws.stored == "s3://my-bucket")
        #expect(
            aws.httpURL(key: "devices/x/000000000001.seg", region: "eu-central-1")
                == "https://my-bucket.s3.eu-central-1.amazonaws.com/devices/x/000000000001.seg")
        #expect(aws.httpURL(key: nil, query: "list-type=2", region: "eu-central-1") == "https://my-bucket.s3.eu-central-1.amazonaws.com/?list-type=2")
        #expect(try S3Location.parse("s3://my.bucket/x").httpURL(key: "x/k", region: "us-east-1") == "https://s3.us-east-1.amazonaws.com/my.bucket/x/k")
        #expect(try S3Location.parse("s3://b-1/x", environment: ["AWS_ENDPOINT_URL": "http://127.0.0.1:9000"]).endpoint == "http://127.0.0.1:9000")

        for bad in ["s3://", "s3://UPPER/x", "s3://ab/x", "s3://bucket/../x", "s3://bucket/x?secret=1"] {
            #expect(throws: RemoteError.self, "\(bad)") { try S3Location.parse(bad) }
        }
        #expect(throws: RemoteError.self) { try S3Location.parse("s3://bucket/x", endpoint: "https://key:secret@minio.example.org") }
        #expect(throws: RemoteError.self) { try S3Location.parse("s3://bucket/x", endpoint: "minio.example.org") }
        #expect(throws: RemoteError.self) { try RemoteFactory.remote(for: "s3://AKIA:secret@bucket/x", environment: [:]) }
        #expect(throws: RemoteError.self) { try RemoteFactory.normalized("https://dav.example.org/x", region: "eu-west-1") }
    }

    @Test func queriesAreSortedAndEncodedWithUpperCaseHex() {
        // libcurl 7.88 signs the query as written: AWS recomputes it sorted and encoded.
        let query = S3Location.query(["prefix": "a b/c+d=e", "list-type": "2", "delimiter": "/", "continuation-token": "x+/y=="])
        #expect(query == "continuation-token=x%2B%2Fy%3D%3D&delimiter=%2F&list-type=2&prefix=a%20b%2Fc%2Bd%3De")
        #expect(S3Location.encode("sp/a b+c~d=é", keepSlash: true) == "sp/a%20b%2Bc~d%3D%C3%A9")
    }

    @Test func listingsAndErrorsAreRead() throws {
        let page = Data(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>b</Name><Prefix>j/</Prefix>
            <IsTruncated>true</IsTruncated><Contents><Key>j/a&amp;b&#x3C;.seg</Key><ETag>"x"</ETag></Contents>
            <Contents><Key>j/IsTruncated</Key></Contents><CommonPrefixes><Prefix>j/devices/</Prefix></CommonPrefixes>
            <NextContinuationToken>1/2+3=</NextContinuationToken></ListBucketResult>
            """.utf8)
        let result = try #require(ListBucketResult.parse(page))
        #expect(result.keys == ["j/a&b<.seg", "j/IsTruncated"])
        #expect(result.prefixes == ["j/devices/"])
        #expect(result.isTruncated)
        #expect(result.nextContinuationToken == "1/2+3=")
        #expect(ListBucketResult.parse(Data("<html>nope</html>".utf8)) == nil)
        let last = try #require(
            ListBucketResult.parse(Data("<ListBucketResult><IsTruncated>false</IsTruncated><KeyCount>0</KeyCount></ListBucketResult>".utf8)))
        #expect(last == ListBucketResult())

        let error = try #require(
            S3ErrorBody.parse(
                Data(
                    """
                    <?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message><BucketName>x</BucketName></Error>
                    """.utf8)))
        #expect(error == S3ErrorBody(code: "NoSuchBucket", message: "The specified bucket does not exist"))
        // A hostile server's code cannot carry escapes to the terminal.
        #expect(S3ErrorBody.parse(Data("<Error><Code>Bad\u{1b}[2JCode</Code></Error>".utf8))?.code == "Bad2JCode")
    }

    @Test func credentialsAndRegionFollowTheAWSCLI() throws {
        let directory = TemporaryDirectory("aws")
        let home = directory.url
        try FileManager.default.createDirectory(at: home.appendingPathComponent(".aws"), withIntermediateDirectories: true)
        try """
        [default]
        aws_access_key_id = AKIADEFAULT
        aws_secret_access_key = default/secret+key

        [work]
        aws_access_key_id=AKIAWORK
        aws_secret_access_key=work-secret
        aws_session_token = token==
        """.write(to: home.appendingPathComponent(".aws/credentials"), atomically: true, encoding: .utf8)
        try """
        [default]
        region = eu-west-3
        s3 =
          addressing_style = path
        [profile work]
        region=ap-south-1
        """.write(to: home.appendingPathComponent(".aws/config"), atomically: true, encoding: .utf8)
        let path = home.path

        #expect(try S3Credentials.resolve(environment: [:], home: path) == S3Credentials(accessKeyID: "AKIADEFAULT", secretAccessKey: "default/secret+key"))
        #expect(
            try S3Credentials.resolve(environment: ["AWS_PROFILE": "work"], home: path)
                == S3Credentials(accessKeyID: "AKIAWORK", secretAccessKey: "work-secret", sessionToken: "token=="))
        #expect(
            try S3Credentials.resolve(environment: ["AWS_ACCESS_KEY_ID": "AKIAENV", "AWS_SECRET_ACCESS_KEY": "s", "AWS_SESSION_TOKEN": "t"], home: path)
                == S3Credentials(accessKeyID: "AKIAENV", secretAccessKey: "s", sessionToken: "t"))
        #expect(throws: RemoteError.self) { try S3Credentials.resolve(environment: ["AWS_ACCESS_KEY_ID": "AKIAENV"], home: path) }
        #expect(throws: RemoteError.self) { try S3Credentials.resolve(environment: ["AWS_PROFILE": "nobody"], home: path) }
        #expect(throws: RemoteError.self) { try S3Credentials.resolve(environment: [:], home: "/nonexistent") }

        #expect(S3Credentials.region(environment: [:], home: path) == "eu-west-3")
        #expect(S3Credentials.region(environment: ["AWS_PROFILE": "work"], home: path) == "ap-south-1")
        #expect(S3Credentials.region(environment: ["AWS_DEFAULT_REGION": "us-west-2"], home: path) == "us-west-2")
        #expect(S3Credentials.region(environment: ["AWS_REGION": "eu-north-1", "AWS_DEFAULT_REGION": "us-west-2"], home: path) == "eu-north-1")
        #expect(S3Credentials.region(environment: [:], home: "/nonexistent") == "us-east-1")
        // The remote's own region wins.
        let remote = S3Remote(location: try S3Location.parse("s3://bucket/x", region: "sa-east-1"), environment: ["AWS_REGION": "eu-north-1"], home: path)
        #expect(remote.region == "sa-east-1")
    }

    /// AWS checks the payload hash (moto does not): the body's on a PUT, the empty string's
    /// otherwise; and no header libcurl 7.88 would sign wrongly.
    @Test func everyRequestCarriesItsPayloadHash() {
        let signature = AWSSignature(region: "us-east-1", accessKeyID: "AKIAEXAMPLE", secretAccessKey: "secret", sessionToken: "token")
        let put = signature.headers(for: HTTPRequest(method: "PUT", url: "http://x/b/k", headers: ["If-None-Match: *"], body: Data("abc".utf8)))
        #expect(
            put == [
                "If-None-Match: *", "x-amz-content-sha256: ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                "x-amz-security-token: token"
            ])
        let get = AWSSignature(region: "us-east-1", accessKeyID: "AKIAEXAMPLE", secretAccessKey: "secret", sessionToken: nil)
            .headers(for: HTTPRequest(method: "GET", url: "http://x/b/k"))
        // As `printf '' | sha256sum` prints it.
        #expect(get == ["x-amz-content-sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"])
        #expect(
            !(put + get).contains {
                $0.lowercased().hasPrefix("expect") || $0.lowercased().hasPrefix("accept-encoding") || $0.lowercased().hasPrefix("user-agent")
                    || $0.lowercased().hasPrefix("x-amz-date")
            })
    }

    @Test func theSecretIsNeverPrinted() {
        let signature = AWSSignature(region: "us-east-1", accessKeyID: "AKIAEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG", sessionToken: "tok")
        #expect(!signature.description.contains("wJalr"))
        #expect(!"\(signature)".contains("tok"))
        let credentials = S3Credentials(accessKeyID: "AKIAEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG")
        #expect(!String(describing: credentials).contains("wJalr"))
        #expect(!String(reflecting: credentials).contains("wJalr"))
    }
}
