-- remission journal, schema 1.
--
-- A shipped migration is never edited: later changes go in 0002_….sql and so on.
-- Tables are singular and camelCase, as GRDB recommends.
--
-- The `operation` table is the journal: every change ever made, on any device, never
-- updated and never deleted. Every other table is derived from it and can be rebuilt from
-- it (`remission check` does exactly that and compares).

-- This journal and this device. Exactly one row.
CREATE TABLE journal (
    singleton INTEGER PRIMARY KEY NOT NULL CHECK (singleton = 1),
    id TEXT NOT NULL,                 -- the journal's UUID, shared by all its devices
    deviceId TEXT NOT NULL,           -- this device's UUID
    counter INTEGER NOT NULL DEFAULT 0 CHECK (counter >= 0),
                                      -- the last operation counter this device used
    clock INTEGER NOT NULL DEFAULT 0, -- the last hybrid logical clock stamp issued or received
    createdAt TEXT NOT NULL           -- UTC instant of `remission init`
);

-- Every device that wrote to this journal, with a name for people.
CREATE TABLE device (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL
);

-- The operation log. `body` is the operation's canonical JSON (sorted keys), exactly as it
-- is exported and synced: {"clock":…,"id":"DEVICE:N","kind":…,"record":…,"writes":[…]}.
CREATE TABLE operation (
    deviceId TEXT NOT NULL,
    counter INTEGER NOT NULL CHECK (counter > 0),
    clock INTEGER NOT NULL,           -- HLC: milliseconds since 1970 << 16 | logical counter
    recordId TEXT NOT NULL,
    kind TEXT NOT NULL,
    body TEXT NOT NULL,
    clockAhead INTEGER NOT NULL DEFAULT 0, -- 1: the stamp was far ahead of this device's clock
    PRIMARY KEY (deviceId, counter)
) WITHOUT ROWID;
CREATE INDEX operationByRecord ON operation(recordId, clock);

-- Derived: for each field of each record, the writes no known write has replaced.
-- One head is the winner (its value is the field's value); other heads with a different
-- value are open conflicts, kept for the user to review.
CREATE TABLE fieldHead (
    recordId TEXT NOT NULL,
    field TEXT NOT NULL,
    deviceId TEXT NOT NULL,
    counter INTEGER NOT NULL,
    clock INTEGER NOT NULL,
    value TEXT NOT NULL,              -- JSON
    isWinner INTEGER NOT NULL CHECK (isWinner IN (0, 1)),
    PRIMARY KEY (recordId, field, deviceId, counter)
) WITHOUT ROWID;

-- Derived: which write replaced which, per field, so that a write that arrives after the
-- write that replaced it (sync delivers in any order) never becomes a head.
CREATE TABLE fieldReplacement (
    recordId TEXT NOT NULL,
    field TEXT NOT NULL,
    replacedDeviceId TEXT NOT NULL,
    replacedCounter INTEGER NOT NULL,
    deviceId TEXT NOT NULL,
    counter INTEGER NOT NULL,
    PRIMARY KEY (recordId, field, replacedDeviceId, replacedCounter, deviceId, counter)
) WITHOUT ROWID;

-- Derived: one row per record, deleted or not.
CREATE TABLE record (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL,
    date TEXT,                        -- the date that places it on the timeline
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    conflicted INTEGER NOT NULL DEFAULT 0 CHECK (conflicted IN (0, 1)),
    firstClock INTEGER NOT NULL,
    lastClock INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX recordByDate ON record(date, kind);

-- Derived: the current value of every visible record, one table per kind, one column per
-- field, for queries (and for anyone who opens the journal with `sqlite3`). Decimal
-- numbers are kept as entered text in the operations and as REAL here.

CREATE TABLE profile (
    id TEXT PRIMARY KEY NOT NULL REFERENCES record(id),
    diagnosis TEXT,
    product TEXT,
    target TEXT,                      -- CD19, BCMA or CD19+BCMA
    lymphodepletion TEXT,
    note TEXT
);

-- A day entry: how the day went.
CREATE TABLE dayEntry (
    id TEXT PRIMARY KEY NOT NULL REFERENCES record(id),
    date TEXT NOT NULL,
    wellbeing INTEGER CHECK (wellbeing BETWEEN 0 AND 10),
    note TEXT,
    tags TEXT                         -- JSON array of strings
);
CREATE INDEX dayEntryByDate ON dayEntry(date);

CREATE TABLE symptom (
    id TEXT PRIMARY KEY NOT NULL REFERENCES record(id),
    date TEXT NOT NULL,
    name TEXT NOT NULL,
    severity INTEGER NOT NULL CHECK (severity BETWEEN 0 AND 10),
    entryId TEXT
);
CREATE INDEX symptomByDate ON symptom(date);
CREATE INDEX symptomByName ON symptom(name, date);

CREATE TABLE labResult (
    id TEXT PRIMARY KEY NOT NULL REFERENCES record(id),
    date TEXT NOT NULL,
    time TEXT,
    analyte TEXT NOT NULL,            -- catalogue id: cd19, anti-dsdna, c3, …
    qualifier TEXT,                   -- <, >, <=, >= or NULL
    value REAL NOT NULL,              -- as entered, in `unit`
    unit TEXT NOT NULL,               -- as entered
    canonicalValue REAL NOT NULL,     -- converted exactly to `canonicalUnit`
    canonicalUnit TEXT NOT NULL,
    range TEXT,                       -- the lab's reference range as entered, in `unit`
    rangeLow REAL,                    -- the range in the canonical unit
    rangeHigh REAL,
    lab TEXT,
    note TEXT
);
CREATE INDEX labResultByAnalyte ON labResult(analyte, date);

-- A medication period: a dose change ends one period and starts the next.
CREATE TABLE medication (
    id TEXT PRIMARY KEY NOT NULL REFERENCES record(id),
    drug TEXT NOT NULL,               -- catalogue id, or the name of a custom drug
    drugClass TEXT NOT NULL,
    custom INTEGER,
    dose TEXT,                        -- as entered: "5 mg"
    doseAmount REAL,
    doseUnit TEXT,
    frequency TEXT,
    route TEXT,
    startDate TEXT NOT NULL,
    endDate TEXT,                     -- the first day without this dose; NULL while current
    reason TEXT,
    note TEXT
);
CREATE INDEX medicationByDrug ON medication(drug, startDate);

CREATE TABLE clinicalEvent (
    id TEXT PRIMARY KEY NOT NULL REFERENCES record(id),
    date TEXT NOT NULL,
    type TEXT NOT NULL,               -- infusion, crs, icans, infection, flare, …
    grade INTEGER,
    note TEXT
);
CREATE INDEX clinicalEventByType ON clinicalEvent(type, date);

-- Clinician scores from a visit.
CREATE TABLE assessment (
    id TEXT PRIMARY KEY NOT NULL REFERENCES record(id),
    date TEXT NOT NULL,
    sledai INTEGER CHECK (sledai BETWEEN 0 AND 105),
    clinicalSledai INTEGER CHECK (clinicalSledai BETWEEN 0 AND 105),
    pga REAL CHECK (pga BETWEEN 0 AND 3),
    note TEXT
);
CREATE INDEX assessmentByDate ON assessment(date);
