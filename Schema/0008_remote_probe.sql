-- remission journal, schema 8: which URL of a remote passed the create-only probe.
--
-- Before the first write to a WebDAV or S3 remote, remission checks that the server refuses
-- to overwrite (Sources/RemissionSync/Remote/CreateOnlyProbe.swift). The URL that passed is
-- kept, so the probe runs once per remote, and again when the remote's URL changes.
ALTER TABLE remote ADD COLUMN probedURL TEXT;
