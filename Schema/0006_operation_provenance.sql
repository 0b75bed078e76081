-- remission journal, schema 6: where an operation came from, and ids that arrived twice.
--
-- An operation is named by (device, counter). Another holder of the passphrase can seal a
-- segment that relays an operation under a device's name with a body that device never wrote.
-- The body that arrives in the device's own chain of segments is the true one; among relayed
-- bodies only, the one whose SHA-256 sorts first is kept, so every device keeps the same
-- (Schema/sync-format.md, "Rules for readers").

-- 1: arrived in its own device's chain of segments, or written here.
ALTER TABLE operation ADD COLUMN fromChain INTEGER NOT NULL DEFAULT 0 CHECK (fromChain IN (0, 1));
UPDATE operation SET fromChain = 1 WHERE deviceId = (SELECT deviceId FROM journal WHERE singleton = 1);

-- The bodies that lost to another body of the same id, for `remission check` to report.
CREATE TABLE operationClash (
    deviceId TEXT NOT NULL,
    counter INTEGER NOT NULL,
    body TEXT NOT NULL,               -- the body not kept
    keptBody TEXT NOT NULL,           -- the body kept
    detectedAt TEXT NOT NULL,         -- UTC instant
    PRIMARY KEY (deviceId, counter, body)
) WITHOUT ROWID;
