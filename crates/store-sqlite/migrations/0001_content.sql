-- Content of the interventions databank. Append-only: never edit a migration
-- that has shipped; add a new one. Types are kept portable (TEXT dates in
-- ISO 8601, BOOLEAN, INTEGER ids) so the PostgreSQL schema can mirror it.

CREATE TABLE active_elements (
    id           INTEGER PRIMARY KEY,
    slug         TEXT    NOT NULL UNIQUE,
    name         TEXT    NOT NULL,
    description  TEXT    NOT NULL,
    example_data BOOLEAN NOT NULL DEFAULT FALSE,
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL
);

CREATE TABLE interventions (
    id           INTEGER PRIMARY KEY,
    slug         TEXT    NOT NULL UNIQUE,
    title        TEXT    NOT NULL,
    status       TEXT    NOT NULL CHECK (status IN ('concept', 'gepubliceerd', 'gearchiveerd')),
    example_data BOOLEAN NOT NULL DEFAULT FALSE,
    summary      TEXT    NOT NULL,
    owner        TEXT    NOT NULL,
    -- The full intervention (without its rating) as JSON; the columns and link
    -- tables below are derived from it for filtering.
    document     TEXT    NOT NULL,
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL
);

CREATE TABLE intervention_themes (
    intervention_id INTEGER NOT NULL REFERENCES interventions (id) ON DELETE CASCADE,
    theme           TEXT    NOT NULL,
    position        INTEGER NOT NULL,
    PRIMARY KEY (intervention_id, theme)
);
CREATE INDEX intervention_themes_theme ON intervention_themes (theme);

CREATE TABLE intervention_groups (
    intervention_id INTEGER NOT NULL REFERENCES interventions (id) ON DELETE CASCADE,
    target_group    TEXT    NOT NULL,
    PRIMARY KEY (intervention_id, target_group)
);
CREATE INDEX intervention_groups_group ON intervention_groups (target_group);

CREATE TABLE intervention_age_bands (
    intervention_id INTEGER NOT NULL REFERENCES interventions (id) ON DELETE CASCADE,
    age_band        TEXT    NOT NULL,
    PRIMARY KEY (intervention_id, age_band)
);

CREATE TABLE intervention_active_elements (
    intervention_id   INTEGER NOT NULL REFERENCES interventions (id) ON DELETE CASCADE,
    active_element_id INTEGER NOT NULL REFERENCES active_elements (id),
    position          INTEGER NOT NULL,
    PRIMARY KEY (intervention_id, active_element_id)
);
CREATE INDEX intervention_active_elements_element ON intervention_active_elements (active_element_id);

-- Every rating ever given; the current one has superseded_at NULL.
-- Rows are never deleted.
CREATE TABLE ratings (
    id              INTEGER PRIMARY KEY,
    intervention_id INTEGER NOT NULL REFERENCES interventions (id),
    level           TEXT    NOT NULL,
    decided_on      TEXT    NOT NULL,
    valid_until     TEXT,
    recorded_at     TEXT    NOT NULL,
    superseded_at   TEXT,
    CHECK (valid_until IS NULL OR valid_until > decided_on)
);
CREATE INDEX ratings_current ON ratings (intervention_id) WHERE superseded_at IS NULL;
