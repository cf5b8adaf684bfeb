-- Opportunities of the last refresh, the seller's feedback on them (kept across refreshes by
-- key), the trained opportunity models, and a log of refreshes.

CREATE TABLE opportunities (
    key              TEXT PRIMARY KEY,
    tenant_id        TEXT NOT NULL REFERENCES customers (tenant_id),
    opportunity_type TEXT NOT NULL,
    model            TEXT NOT NULL,
    product          TEXT,
    probability      REAL NOT NULL,
    seats            INTEGER NOT NULL,
    date_added       TEXT NOT NULL,
    snapshot_id      INTEGER NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
    explanation      TEXT NOT NULL
) STRICT;
CREATE INDEX opportunities_tenant ON opportunities (tenant_id);

CREATE TABLE opportunity_feedback (
    key        TEXT PRIMARY KEY,
    helpful    INTEGER,
    reason     TEXT,
    comment    TEXT,
    dismissed  INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE opportunity_models (
    model      TEXT PRIMARY KEY,
    signature  TEXT NOT NULL,
    learned    INTEGER NOT NULL,
    learner    TEXT,
    auc        REAL,
    rows       INTEGER NOT NULL,
    candidates INTEGER NOT NULL,
    note       TEXT NOT NULL,
    payload    BLOB,
    trained_at TEXT NOT NULL
) STRICT;

CREATE TABLE opportunity_refreshes (
    id            INTEGER PRIMARY KEY,
    snapshot_id   INTEGER NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
    refreshed_at  TEXT NOT NULL,
    opportunities INTEGER NOT NULL,
    duration_ms   INTEGER NOT NULL
) STRICT;
