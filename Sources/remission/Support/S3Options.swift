import ArgumentParser

/// `--endpoint-url` and `--region` of `remote add` and `join`, for s3:// remotes; kept with
/// the remote in its stored URL.
struct S3Options: ParsableArguments {
    @Option(
        name: .customLong("endpoint-url"),
        help: "For s3:// remotes: an S3-compatible service's URL (MinIO, R2…); default AWS_ENDPOINT_URL, else AWS itself.")
    var endpointURL: String?

    @Option(help: "For s3:// remotes: the bucket's region (default AWS_REGION, AWS_DEFAULT_REGION, ~/.aws/config, us-east-1).")
    var region: String?
}
