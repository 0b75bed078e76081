-- remission journal, schema 7: one index less on the heads.
--
-- A record has a few dozen head rows at most, all found through the primary key's first
-- column (recordId); an index on (recordId, fieldGroup) only cost a second B-tree write for
-- every head of every record a pull merges.
DROP INDEX fieldHeadByGroup;
