-- Sync with Partner Center and Microsoft Graph (SPEC §7): lead changes made here that Partner
-- Center has not been told about yet, and the history of sync runs.

-- One row per lead with local changes to push. Several changes to one lead collapse into one row:
-- the push sends the lead as it is now, checked against the copy the first change started from.
CREATE TABLE sync_outbox (
    lead_id        TEXT PRIMARY KEY REFERENCES leads (id) ON DELETE CASCADE,
    -- Partner Center's ETag of the copy the first queued change started from.
    base_etag      TEXT,
    -- The substatus that copy had.
    base_substatus TEXT NOT NULL,
    queued_at      TEXT NOT NULL,
    changed_at     TEXT NOT NULL,
    -- `pending`, `conflict` (Partner Center changed the lead meanwhile) or `refused` (Partner
    -- Center refused the change; `last_error` says why).
    state          TEXT NOT NULL,
    attempts       INTEGER NOT NULL DEFAULT 0,
    last_error     TEXT,
    -- Partner Center's copy (Referrals API JSON) when in conflict.
    remote         TEXT
) STRICT;

-- Every sync run, running or done.
CREATE TABLE sync_runs (
    id          INTEGER PRIMARY KEY,
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    -- `running`, `completed`, `failed` or `cancelled`.
    status      TEXT NOT NULL,
    -- What it did (JSON), or why it failed: a stable code (`offline`, `badCredentials`…) and a
    -- sentence.
    summary     TEXT,
    error_code  TEXT,
    error       TEXT
) STRICT;
