// swift-tools-version:6.1
//
// remission: a journal for follow-up after CAR-T cell therapy in autoimmune disease.
// Dependencies point one way: Core ← Store ← Reports ← the `remission` executable.

import PackageDescription

/// Settings every target shares: Swift 6 strict concurrency plus the upcoming features
/// swift-log adopts, applied in one place as its manifest does.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility")
]

let package = Package(
    name: "remission",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "remission", targets: ["remission"]),
        .library(name: "RemissionCore", targets: ["RemissionCore"]),
        .library(name: "RemissionStore", targets: ["RemissionStore"]),
        .library(name: "RemissionReports", targets: ["RemissionReports"]),
        .library(name: "RemissionFormats", targets: ["RemissionFormats"]),
        .library(name: "RemissionSync", targets: ["RemissionSync"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2")
    ],
    targets: [
        // MARK: System libraries

        /// libcurl, wrapped once: typed shims for its variadic calls (Sources/CCurl/shim.h).
        /// No `pkgConfig: "libcurl"` on purpose: it would link libcurl into the binary, and
        /// loading libcurl's dependencies at every start costs more than a whole `remission
        /// log`; the shim loads libcurl on the first request instead. Debian's headers live
        /// on the default include path.
        .systemLibrary(
            name: "CCurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        /// zlib, for compressing sync segments.
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),

        /// The ICU data the static binary carries: root and English only (Sources/CICUData/icudata.S).
        .target(name: "CICUData", publicHeadersPath: "."),

        // MARK: Libraries

        /// The domain: records, catalogues, units, dates, validation. Pure Swift, no I/O.
        .target(
            name: "RemissionCore",
            swiftSettings: strictSettings
        ),
        /// The local SQLite store: migrations from Schema/, operation log, clock, merge.
        .target(
            name: "RemissionStore",
            dependencies: [
                "RemissionCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C interface, for the few inserts a pull runs by the hundred thousand.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log")
            ],
            resources: [
                .embedInCode("../../Schema/0001_journal.sql"),
                .embedInCode("../../Schema/0002_sync.sql"),
                .embedInCode("../../Schema/0003_symptom_timeline_index.sql"),
                .embedInCode("../../Schema/0004_medication_stop_reason.sql"),
                .embedInCode("../../Schema/0005_field_groups.sql"),
                .embedInCode("../../Schema/0006_operation_provenance.sql"),
                .embedInCode("../../Schema/0007_head_index.sql"),
                .embedInCode("../../Schema/0008_remote_probe.sql")
            ],
            swiftSettings: strictSettings
        ),
        /// Sync between devices: segment codec, encryption, remotes (folder, WebDAV), push/pull.
        .target(
            name: "RemissionSync",
            dependencies: [
                "RemissionCore",
                "RemissionStore",
                "CCurl",
                "CZlib",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log")
            ],
            swiftSettings: strictSettings
        ),
        /// What people read: the terminal's wording, tables and summaries, and the clinic report.
        .target(
            name: "RemissionReports",
            dependencies: ["RemissionCore", "RemissionStore"],
            swiftSettings: strictSettings
        ),
        /// File formats in and out: `--json` output, the JSON, CSV and FHIR exports, the
        /// iCalendar of the follow-up plan, and the import of exports and lab CSV files.
        .target(
            name: "RemissionFormats",
            dependencies: ["RemissionCore", "RemissionStore", "RemissionReports", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strictSettings
        ),

        // MARK: Executable

        /// The command line: parses, calls a library, prints.
        .executableTarget(
            name: "remission",
            dependencies: [
                "RemissionCore",
                "RemissionStore",
                "RemissionReports",
                "RemissionFormats",
                "RemissionSync",
                "CICUData",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log")
            ],
            swiftSettings: strictSettings
        ),

        // MARK: Tests

        /// What every test target shares, once: temporary directories, the seeded generator,
        /// the process runner, and the servers (Apache, rclone, moto, the fault proxy). Not a
        /// product, and no product depends on it, so only the tests build it.
        .target(
            name: "RemissionTestSupport",
            path: "Tests/RemissionTestSupport",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "RemissionCoreTests",
            dependencies: ["RemissionCore", "RemissionTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "RemissionStoreTests",
            dependencies: ["RemissionStore", "RemissionReports", "RemissionFormats", "RemissionCore", "RemissionTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "RemissionSyncTests",
            dependencies: ["RemissionSync", "RemissionStore", "RemissionReports", "RemissionFormats", "RemissionCore", "RemissionTestSupport"],
            swiftSettings: strictSettings
        ),
        /// End-to-end tests that run the built `remission` binary in temporary journals.
        .testTarget(
            name: "RemissionCLITests",
            dependencies: ["remission", "RemissionCore", "RemissionTestSupport"],
            swiftSettings: strictSettings
        )
    ],
    swiftLanguageModes: [.v6]
)
