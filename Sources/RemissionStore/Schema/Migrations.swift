import GRDB

/// The SQL migrations of `Schema/`, embedded in the binary at build time so that the
/// executable needs no files beside it. A test proves the embedded text equals the files.
public enum Migrations {
    /// Identifier (the file name without `.sql`) and SQL text, in the order they apply.
    public static let all: [(identifier: String, sql: String)] = [
        ("0001_journal", String(decoding: PackageResources._001_journal_sql, as: UTF8.self)),
        ("0002_sync", String(decoding: PackageResources._002_sync_sql, as: UTF8.self)),
        ("0003_symptom_timeline_index", String(decoding: PackageResources._003_symptom_timeline_index_sql, as: UTF8.self)),
        ("0004_medication_stop_reason", String(decoding: PackageResources._004_medication_stop_reason_sql, as: UTF8.self)),
        ("0005_field_groups", String(decoding: PackageResources._005_field_groups_sql, as: UTF8.self)),
        ("0006_operation_provenance", String(decoding: PackageResources._006_operation_provenance_sql, as: UTF8.self)),
        ("0007_head_index", String(decoding: PackageResources._007_head_index_sql, as: UTF8.self)),
        ("0008_remote_probe", String(decoding: PackageResources._008_remote_probe_sql, as: UTF8.self))
    ]

    /// Migrations after which the derived tables are rebuilt from the log, because the merge
    /// rule that derives them changed. The log is never rewritten.
    static let rebuildAfter: Set<String> = ["0005_field_groups"]

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in all {
            let sql = migration.sql
            let rebuild = rebuildAfter.contains(migration.identifier)
            migrator.registerMigration(migration.identifier) { db in
                try db.execute(sql: sql)
                // A new journal has no operations yet: nothing to rebuild.
                if rebuild { try MergeRule.rebuild(in: db) }
            }
        }
        return migrator
    }
}
