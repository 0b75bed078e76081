import GRDB

/// The create-only probe's result per remote (schema 8): the URL that passed it.
extension Journal {
    /// The URL of the remote that last passed the create-only probe; nil if none did.
    public func probedURL(remote: String) throws -> String? {
        try read { db in
            try String.fetchOne(db, sql: "SELECT probedURL FROM remote WHERE name = ?", arguments: [remote])
        }
    }

    /// Remembers that the remote at `url` refused to overwrite, so it is not probed again.
    public func setProbedURL(remote: String, url: String) throws {
        try writeTransaction { db in
            try db.execute(sql: "UPDATE remote SET probedURL = ? WHERE name = ?", arguments: [url, remote])
        }
    }
}
