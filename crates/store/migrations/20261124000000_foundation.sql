-- Foundation schema: the partner, snapshots and everything a snapshot holds.
-- Customer attributes that change over time live per snapshot; the rest once.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE partner (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    global_id TEXT NOT NULL,
    name      TEXT NOT NULL
) STRICT;

CREATE TABLE snapshots (
    id          INTEGER PRIMARY KEY,
    as_of       TEXT NOT NULL,
    source      TEXT NOT NULL,
    label       TEXT,
    imported_at TEXT NOT NULL
) STRICT;
CREATE INDEX snapshots_as_of ON snapshots (as_of);

CREATE TABLE customers (
    tenant_id      TEXT PRIMARY KEY,
    name           TEXT NOT NULL,
    primary_domain TEXT NOT NULL,
    tpid           TEXT,
    city           TEXT NOT NULL,
    state          TEXT,
    postal_code    TEXT,
    country        TEXT NOT NULL,
    industry       TEXT NOT NULL,
    vertical       TEXT NOT NULL,
    segment        TEXT NOT NULL
) STRICT;

CREATE TABLE customer_states (
    snapshot_id      INTEGER NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
    tenant_id        TEXT NOT NULL REFERENCES customers (tenant_id),
    employees        INTEGER NOT NULL,
    acr_usd_month    REAL NOT NULL,
    last_transaction TEXT,
    PRIMARY KEY (snapshot_id, tenant_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE subscriptions (
    snapshot_id     INTEGER NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
    subscription_id TEXT NOT NULL,
    tenant_id       TEXT NOT NULL REFERENCES customers (tenant_id),
    product         TEXT NOT NULL,
    quantity        INTEGER NOT NULL CHECK (quantity >= 0),
    status          TEXT NOT NULL,
    start_date      TEXT NOT NULL,
    end_date        TEXT NOT NULL,
    channel         TEXT NOT NULL,
    PRIMARY KEY (snapshot_id, subscription_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX subscriptions_tenant ON subscriptions (tenant_id, snapshot_id);

CREATE TABLE usage_monthly (
    snapshot_id INTEGER NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
    tenant_id   TEXT NOT NULL REFERENCES customers (tenant_id),
    workload    TEXT NOT NULL,
    month       TEXT NOT NULL,
    assigned    INTEGER NOT NULL CHECK (assigned >= 0),
    active      INTEGER NOT NULL CHECK (active >= 0),
    PRIMARY KEY (snapshot_id, tenant_id, workload, month)
) STRICT, WITHOUT ROWID;
CREATE INDEX usage_monthly_tenant ON usage_monthly (tenant_id, workload, month);

CREATE TABLE user_activity (
    snapshot_id         INTEGER NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
    tenant_id           TEXT NOT NULL REFERENCES customers (tenant_id),
    user_principal_name TEXT NOT NULL,
    exchange_last       TEXT,
    core_apps_last      TEXT,
    teams_last          TEXT,
    sharepoint_last     TEXT,
    onedrive_last       TEXT,
    PRIMARY KEY (snapshot_id, tenant_id, user_principal_name)
) STRICT, WITHOUT ROWID;

CREATE TABLE security_signals (
    snapshot_id           INTEGER NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
    tenant_id             TEXT NOT NULL REFERENCES customers (tenant_id),
    mfa_registered_users  INTEGER NOT NULL,
    mfa_enforced          INTEGER NOT NULL,
    defender_for_office   INTEGER NOT NULL,
    defender_for_business INTEGER NOT NULL,
    defender_for_endpoint INTEGER NOT NULL,
    device_count          INTEGER NOT NULL,
    PRIMARY KEY (snapshot_id, tenant_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE leads (
    id                 TEXT PRIMARY KEY,
    snapshot_id        INTEGER NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
    lead_type          TEXT NOT NULL,
    classification     TEXT NOT NULL,
    source             TEXT NOT NULL,
    call_to_action     TEXT,
    offer_name         TEXT NOT NULL,
    customer_name      TEXT NOT NULL,
    contact_first_name TEXT NOT NULL,
    contact_last_name  TEXT NOT NULL,
    email              TEXT NOT NULL,
    phone              TEXT NOT NULL,
    country            TEXT NOT NULL,
    industry           TEXT NOT NULL,
    company_size       TEXT NOT NULL,
    quality            TEXT NOT NULL,
    status             TEXT NOT NULL,
    substatus          TEXT NOT NULL,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    deal_value         REAL,
    currency           TEXT,
    status_reason      TEXT
) STRICT;
CREATE INDEX leads_snapshot ON leads (snapshot_id);

CREATE TABLE lead_events (
    id             INTEGER PRIMARY KEY,
    lead_id        TEXT NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
    at             TEXT NOT NULL,
    from_substatus TEXT,
    to_substatus   TEXT NOT NULL,
    note           TEXT
) STRICT;
CREATE INDEX lead_events_lead ON lead_events (lead_id, at);

CREATE TABLE crm_accounts (
    crm_id  TEXT PRIMARY KEY,
    name    TEXT NOT NULL,
    domain  TEXT,
    tpid    TEXT,
    country TEXT
) STRICT;

-- The demo generator's latent truths, so model quality on demo data can be measured.
CREATE TABLE demo_customer_truth (
    tenant_id            TEXT PRIMARY KEY REFERENCES customers (tenant_id),
    upgrade_propensity   REAL NOT NULL,
    churn_propensity     REAL NOT NULL,
    security_propensity  REAL NOT NULL,
    upgraded_on          TEXT,
    churned_on           TEXT
) STRICT;

CREATE TABLE demo_lead_truth (
    lead_id             TEXT PRIMARY KEY REFERENCES leads (id) ON DELETE CASCADE,
    qualify_propensity  REAL NOT NULL
) STRICT;
