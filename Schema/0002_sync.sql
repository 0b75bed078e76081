-- remission journal, schema 2: sync state (DESIGN.md §6, Schema/sync-format.md).
-- None of this is journal content: it says where this device syncs and how far it got.

-- The remotes this journal syncs with.
CREATE TABLE remote (
    name TEXT PRIMARY KEY NOT NULL,
    url TEXT NOT NULL,                -- file:///… or https://…, never with a password in it
    journalKey BLOB,                  -- the journal key once known (first push or join)
    addedAt TEXT NOT NULL
);

-- For each remote and device: how far its chain of segments has been applied here (other
-- devices) or confirmed on the remote (this device).
CREATE TABLE remoteDevice (
    remoteName TEXT NOT NULL REFERENCES remote(name) ON DELETE CASCADE,
    deviceId TEXT NOT NULL,
    sequence INTEGER NOT NULL DEFAULT 0,
    hash TEXT NOT NULL DEFAULT '',    -- SHA-256 (hex) of that segment, the next one's `previous`
    counter INTEGER NOT NULL DEFAULT 0, -- this device: the last operation counter on the remote
    segmentCount INTEGER NOT NULL DEFAULT 0,
    lastSeen TEXT,                    -- UTC instant of its last segment applied or pushed
    PRIMARY KEY (remoteName, deviceId)
) WITHOUT ROWID;

-- Sealed segments not yet confirmed by the remote. Kept byte for byte, so that a push cut
-- short is retried with the same bytes (the remote can then tell a retry from a clone).
CREATE TABLE outbox (
    remoteName TEXT NOT NULL REFERENCES remote(name) ON DELETE CASCADE,
    sequence INTEGER NOT NULL,
    counter INTEGER NOT NULL,         -- the last operation counter it holds
    bytes BLOB NOT NULL,
    PRIMARY KEY (remoteName, sequence)
) WITHOUT ROWID;
