-- The leads inbox: what the lifecycle, validation, favourites and notifications need.
ALTER TABLE leads ADD COLUMN engagement_id TEXT;
ALTER TABLE leads ADD COLUMN city TEXT NOT NULL DEFAULT '';
-- Effective validities: Partner Center's verdict when imported (validity_from_pc = 1), else the app's.
ALTER TABLE leads ADD COLUMN email_validity TEXT NOT NULL DEFAULT 'Unknown';
ALTER TABLE leads ADD COLUMN phone_validity TEXT NOT NULL DEFAULT 'Unknown';
ALTER TABLE leads ADD COLUMN validity_from_pc INTEGER NOT NULL DEFAULT 0;
-- 1 once the app has judged the contact (so a workspace made before validation existed is judged once).
ALTER TABLE leads ADD COLUMN validity_checked INTEGER NOT NULL DEFAULT 0;
-- The accept form's deal details as JSON (name, estimated close, team, notes, campaign, CRM ID, contacts).
ALTER TABLE leads ADD COLUMN deal TEXT NOT NULL DEFAULT '{}';
ALTER TABLE leads ADD COLUMN favourite INTEGER NOT NULL DEFAULT 0;
ALTER TABLE leads ADD COLUMN etag TEXT;
-- When a desktop notification about this lead was raised (NULL: never).
ALTER TABLE leads ADD COLUMN notified_at TEXT;

ALTER TABLE lead_events ADD COLUMN actor TEXT NOT NULL DEFAULT 'Microsoft';
-- The fields the change set, as JSON.
ALTER TABLE lead_events ADD COLUMN fields TEXT;

CREATE INDEX leads_substatus ON leads (substatus, created_at);
