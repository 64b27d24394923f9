-- Wat Werkt-dossiers (every published version kept), drafts, theme pages
-- with their figures, and publication attachments. Append-only: add a new
-- migration rather than editing this one.

CREATE TABLE dossiers (
    id              INTEGER PRIMARY KEY,
    slug            TEXT    NOT NULL UNIQUE,
    current_version INTEGER NOT NULL CHECK (current_version >= 1),
    title           TEXT    NOT NULL,
    status          TEXT    NOT NULL CHECK (status IN ('concept', 'gepubliceerd', 'gearchiveerd')),
    reviewed_on     TEXT    NOT NULL,  -- ISO date
    review_due      TEXT    NOT NULL,  -- ISO date
    example_data    BOOLEAN NOT NULL DEFAULT FALSE,
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL
);
CREATE INDEX dossiers_review_due ON dossiers (review_due);

-- Every published version, never changed or removed.
CREATE TABLE dossier_versions (
    dossier_id   INTEGER NOT NULL REFERENCES dossiers (id),
    version      INTEGER NOT NULL CHECK (version >= 1),
    document     TEXT    NOT NULL,  -- JSON of the whole dossier
    published_at TEXT    NOT NULL,
    published_by INTEGER,           -- account id; NULL for an import
    PRIMARY KEY (dossier_id, version)
);
CREATE TRIGGER dossier_versions_no_update BEFORE UPDATE ON dossier_versions
BEGIN SELECT RAISE(ABORT, 'dossierversies worden nooit gewijzigd'); END;
CREATE TRIGGER dossier_versions_no_delete BEFORE DELETE ON dossier_versions
BEGIN SELECT RAISE(ABORT, 'dossierversies worden nooit verwijderd'); END;

-- Derived from the current version, for filtering.
CREATE TABLE dossier_themes (
    dossier_id INTEGER NOT NULL REFERENCES dossiers (id),
    theme      TEXT    NOT NULL,
    position   INTEGER NOT NULL,
    PRIMARY KEY (dossier_id, theme)
);
CREATE INDEX dossier_themes_theme ON dossier_themes (theme);

CREATE TABLE dossier_active_elements (
    dossier_id        INTEGER NOT NULL REFERENCES dossiers (id),
    active_element_id INTEGER NOT NULL REFERENCES active_elements (id),
    position          INTEGER NOT NULL,
    PRIMARY KEY (dossier_id, active_element_id)
);
CREATE INDEX dossier_active_elements_element ON dossier_active_elements (active_element_id);

-- At most one draft per dossier, with the version it was based on.
CREATE TABLE dossier_drafts (
    dossier_id INTEGER PRIMARY KEY REFERENCES dossiers (id),
    based_on   INTEGER NOT NULL,
    document   TEXT    NOT NULL,
    saved_at   TEXT    NOT NULL,
    saved_by   INTEGER
);

-- Theme pages: introduction and figures (JSON, each figure a time series).
CREATE TABLE theme_pages (
    theme        TEXT    PRIMARY KEY,
    example_data BOOLEAN NOT NULL DEFAULT FALSE,
    document     TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL
);

-- Attachment metadata of a publication (JSON: file name, type, size, sha256);
-- the file lives in <data_dir>/bestanden/<sha256>.
ALTER TABLE publications ADD COLUMN attachment TEXT;
