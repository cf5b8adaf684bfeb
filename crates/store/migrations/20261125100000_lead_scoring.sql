-- Predictive lead scoring (SPEC §5): the models (each with its lead filter, grade ranges and
-- retraining flag), their trained versions (report and model file), each scored lead's current
-- score with its reasons, and every lead's score over time.

CREATE TABLE lead_scoring_models (
    id               INTEGER PRIMARY KEY,
    name             TEXT NOT NULL,
    -- A lead is scored by the first published model in this order whose filter matches it.
    position         INTEGER NOT NULL,
    -- JSON list of conditions `{attribute, values}`; '[]' matches every lead.
    filter           TEXT NOT NULL DEFAULT '[]',
    -- JSON list of attribute keys the admin chose; NULL: selected automatically at training.
    attributes       TEXT,
    auto_retrain     INTEGER NOT NULL DEFAULT 1,
    -- JSON grade ranges `{a_min, b_min, c_min}`.
    grades           TEXT NOT NULL,
    trend_tolerance  INTEGER NOT NULL DEFAULT 5,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
) STRICT;

CREATE TABLE lead_scoring_versions (
    model_id         INTEGER NOT NULL REFERENCES lead_scoring_models (id) ON DELETE CASCADE,
    version          INTEGER NOT NULL,
    trained_at       TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('draft', 'published', 'retired')),
    published_at     TEXT,
    qualified        INTEGER NOT NULL,
    disqualified     INTEGER NOT NULL,
    training_rows    INTEGER NOT NULL,
    validation_rows  INTEGER NOT NULL,
    learner          TEXT NOT NULL,
    roc_auc          REAL,
    -- Validation accuracy at the F1-optimal threshold: what the 95% auto-publish rule compares.
    accuracy         REAL,
    -- JSON: metrics, ROC curve, score histogram, attributes with reasons, per-value insights.
    report           TEXT NOT NULL,
    -- The learner's model file (`partner-advisor-learn` format).
    model            BLOB NOT NULL,
    PRIMARY KEY (model_id, version)
) STRICT;
CREATE UNIQUE INDEX lead_scoring_versions_published
    ON lead_scoring_versions (model_id) WHERE status = 'published';

CREATE TABLE lead_scores (
    lead_id          TEXT PRIMARY KEY REFERENCES leads (id) ON DELETE CASCADE,
    model_id         INTEGER NOT NULL,
    version          INTEGER NOT NULL,
    score            INTEGER NOT NULL,
    grade            TEXT NOT NULL,
    trend            TEXT NOT NULL,
    previous_score   INTEGER,
    scored_at        TEXT NOT NULL,
    -- JSON list of factors `[attribute, value, contribution]`, strongest first.
    reasons          TEXT NOT NULL,
    FOREIGN KEY (model_id, version)
        REFERENCES lead_scoring_versions (model_id, version) ON DELETE CASCADE
) STRICT;
CREATE INDEX lead_scores_model ON lead_scores (model_id, version);

CREATE TABLE lead_score_history (
    lead_id          TEXT NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
    at               TEXT NOT NULL,
    model_id         INTEGER NOT NULL REFERENCES lead_scoring_models (id) ON DELETE CASCADE,
    version          INTEGER NOT NULL,
    score            INTEGER NOT NULL
) STRICT;
CREATE INDEX lead_score_history_lead ON lead_score_history (lead_id, at);
