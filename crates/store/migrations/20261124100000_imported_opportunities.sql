-- Rows of the Lighthouse Sales Advisor opportunities export, kept as imported with the snapshot
-- they arrived with. `tenant_id` is the customer the row was matched to (Customer ID = tenant ID,
-- else TPID); unmatched rows are kept too, with it NULL, so nothing imported is lost.

CREATE TABLE imported_opportunities (
    id               INTEGER PRIMARY KEY,
    snapshot_id      INTEGER NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
    line             INTEGER NOT NULL,
    tenant_id        TEXT REFERENCES customers (tenant_id),
    customer_id      TEXT,
    tpid             TEXT,
    customer_name    TEXT NOT NULL,
    opportunity_type TEXT NOT NULL,
    insight          TEXT,
    actions          TEXT,
    resources        TEXT,
    propensity       TEXT,
    product          TEXT,
    seats            INTEGER CHECK (seats >= 0),
    date_added       TEXT,
    link             TEXT
) STRICT;
CREATE INDEX imported_opportunities_snapshot ON imported_opportunities (snapshot_id);
CREATE INDEX imported_opportunities_tenant ON imported_opportunities (tenant_id);
