-- remission journal, schema 3: symptoms in the order the clinical timeline reads them.
-- `trend` reads every symptom ordered by date, name and id; with an index on the date alone
-- SQLite sorted 40,000 rows of a ten-year journal on every run. This index covers the query
-- (severity included), so the read is one walk of the index. It replaces symptomByDate, its
-- prefix. Nothing synced changes.
DROP INDEX symptomByDate;
CREATE INDEX symptomByDay ON symptom(date, name, id, severity);
