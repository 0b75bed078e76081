-- remission journal, schema 4: why a medication was stopped, apart from why it was started.
-- Until now `med stop --reason` wrote the period's one `reason` field, replacing the reason it
-- was started or changed for (kept only in `remission history`). The stop reason now has a
-- field of its own; periods stopped before keep their single reason as it is, since which of
-- the two it was cannot be told afterwards.
ALTER TABLE medication ADD COLUMN stopReason TEXT;
