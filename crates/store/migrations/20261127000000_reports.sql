-- Propensity reports the partner wrote (SPEC §6.3 "My reports") and their schedules.

-- A report to write again and again: monthly on the 25th, or after each data import.
CREATE TABLE report_schedules (
    id               INTEGER PRIMARY KEY,
    name             TEXT NOT NULL,
    -- `renewal`, `azure`, `d365`, `m365`, `security` or `surface`.
    report           TEXT NOT NULL,
    -- JSON array of column names; `[]` for all.
    columns          TEXT NOT NULL,
    -- NULL for Lifetime.
    months           INTEGER,
    language         TEXT NOT NULL,
    -- `monthly` or `afterImport`.
    cadence          TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    -- When it last ran (RFC 3339), and the snapshot it read (for `afterImport`).
    last_run_at      TEXT,
    last_snapshot_id INTEGER
) STRICT;

-- Every report written, running or done.
CREATE TABLE saved_reports (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    report      TEXT NOT NULL,
    columns     TEXT NOT NULL,
    months      INTEGER,
    language    TEXT NOT NULL,
    path        TEXT NOT NULL,
    -- `running`, `completed`, `failed` or `cancelled`.
    status      TEXT NOT NULL,
    rows        INTEGER,
    bytes       INTEGER,
    as_of       TEXT,
    error       TEXT,
    schedule_id INTEGER REFERENCES report_schedules (id) ON DELETE SET NULL,
    started_at  TEXT NOT NULL,
    finished_at TEXT
) STRICT;

CREATE INDEX saved_reports_by_schedule ON saved_reports (schedule_id);
