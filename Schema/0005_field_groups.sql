-- remission journal, schema 5: fields that belong together merge together (Schema/merge-rule.md).
--
-- A register of the merge rule is now a field group (a lab result's analyte, value, qualifier,
-- unit and range; a medication's dose, frequency and route; …), not a single field. A
-- record's state is computed from its own operations, so the table of which write replaced
-- which is no longer kept. The derived tables are rebuilt from the log right after this
-- migration (Migrations.swift); the log itself is not touched.

DROP TABLE fieldReplacement;

-- The register (field group) each head belongs to; one row per field of the group.
ALTER TABLE fieldHead ADD COLUMN fieldGroup TEXT NOT NULL DEFAULT '';
CREATE INDEX fieldHeadByGroup ON fieldHead(recordId, fieldGroup);
