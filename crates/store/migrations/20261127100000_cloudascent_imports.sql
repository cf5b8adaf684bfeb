-- Microsoft's own CloudAscent downloads imported to compare with the app's scores (SPEC §6, §8;
-- issue 6). An import is a report of its own: it writes no snapshot and never changes customers.

-- One imported file. `report` is the report's key (renewal, azure, d365, m365, security,
-- surface); `columns` a JSON array of {"name", "role", "documented"} in file order (unknown
-- columns have no "documented" name and are kept as plays); `warnings` a JSON array of strings.
CREATE TABLE cloudascent_imports (
    id          INTEGER PRIMARY KEY,
    report      TEXT NOT NULL,
    file_name   TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    rows        INTEGER NOT NULL,
    columns     TEXT NOT NULL,
    warnings    TEXT NOT NULL DEFAULT '[]'
) STRICT;

-- Its rows. `row_number` counts data rows from 1 in file order; `line` is the physical line;
-- `cells` a JSON array of every cell in the columns' order, for display.
CREATE TABLE cloudascent_import_rows (
    import_id     INTEGER NOT NULL REFERENCES cloudascent_imports (id) ON DELETE CASCADE,
    row_number    INTEGER NOT NULL,
    line          INTEGER NOT NULL,
    customer_id   TEXT,
    customer_name TEXT,
    domain        TEXT,
    cells         TEXT NOT NULL,
    PRIMARY KEY (import_id, row_number)
) STRICT, WITHOUT ROWID;

-- Per row and solution area (the column prefix: M365, D365BC, …), the scores as Microsoft
-- wrote them: cluster A1–D4, fit and intent 0–100; NULL where the file has no value.
CREATE TABLE cloudascent_import_scores (
    import_id  INTEGER NOT NULL,
    row_number INTEGER NOT NULL,
    area       TEXT NOT NULL,
    cluster    TEXT,
    fit        REAL,
    intent     REAL,
    PRIMARY KEY (import_id, row_number, area),
    FOREIGN KEY (import_id, row_number)
        REFERENCES cloudascent_import_rows (import_id, row_number) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

CREATE INDEX cloudascent_import_scores_by_area ON cloudascent_import_scores (import_id, area, fit);
