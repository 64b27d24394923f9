-- The erkenningstraject online. Append-only: never edit a migration that has
-- shipped. Account ids are plain INTEGERs (the accounts table belongs to
-- 0003); types stay portable for the PostgreSQL mirror.

-- Who owns (or holds the licence of) which intervention.
CREATE TABLE intervention_owners (
    intervention_id INTEGER NOT NULL REFERENCES interventions (id),
    user_id         INTEGER NOT NULL,
    granted_at      TEXT    NOT NULL,
    PRIMARY KEY (intervention_id, user_id)
);
CREATE INDEX intervention_owners_user ON intervention_owners (user_id);

-- One row per erkenningstraject. `state` is the domain Assessment as JSON;
-- `stage` and `owner_id` are derived from it for the queues. `version`
-- increases with every write (optimistic concurrency).
CREATE TABLE assessments (
    id              INTEGER PRIMARY KEY,
    intervention_id INTEGER NOT NULL REFERENCES interventions (id),
    owner_id        INTEGER NOT NULL,
    level_requested TEXT    NOT NULL,
    stage           TEXT    NOT NULL,
    state           TEXT    NOT NULL,
    version         INTEGER NOT NULL CHECK (version >= 1),
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL
);
CREATE INDEX assessments_intervention ON assessments (intervention_id);
CREATE INDEX assessments_owner ON assessments (owner_id);
CREATE INDEX assessments_stage ON assessments (stage);

-- The assigned reviewers, derived from `state`, for the reviewer's queue.
CREATE TABLE assessment_reviewers (
    assessment_id INTEGER NOT NULL REFERENCES assessments (id),
    user_id       INTEGER NOT NULL,
    PRIMARY KEY (assessment_id, user_id)
);
CREATE INDEX assessment_reviewers_user ON assessment_reviewers (user_id);

-- The owner's editable werkblad (a full intervention document as JSON).
CREATE TABLE werkblad_drafts (
    assessment_id INTEGER PRIMARY KEY REFERENCES assessments (id),
    document      TEXT    NOT NULL,
    saved_at      TEXT    NOT NULL
);

-- Every submitted werkblad version; never changed or removed.
CREATE TABLE werkblad_versions (
    id            INTEGER PRIMARY KEY,
    assessment_id INTEGER NOT NULL REFERENCES assessments (id),
    number        INTEGER NOT NULL,
    document      TEXT    NOT NULL,
    submitted_by  INTEGER NOT NULL,
    submitted_at  TEXT    NOT NULL,
    UNIQUE (assessment_id, number)
);
CREATE TRIGGER werkblad_versions_no_update BEFORE UPDATE ON werkblad_versions
BEGIN SELECT RAISE(ABORT, 'werkblad_versions is append-only'); END;
CREATE TRIGGER werkblad_versions_no_delete BEFORE DELETE ON werkblad_versions
BEGIN SELECT RAISE(ABORT, 'werkblad_versions is append-only'); END;

-- The public summary of a decision, linked to the rating it gave (if any).
CREATE TABLE decision_summaries (
    id              INTEGER PRIMARY KEY,
    assessment_id   INTEGER NOT NULL REFERENCES assessments (id),
    intervention_id INTEGER NOT NULL REFERENCES interventions (id),
    rating_id       INTEGER REFERENCES ratings (id),
    outcome         TEXT    NOT NULL,
    level           TEXT,
    decided_on      TEXT    NOT NULL,
    summary         TEXT    NOT NULL,
    published_at    TEXT    NOT NULL
);
CREATE INDEX decision_summaries_intervention ON decision_summaries (intervention_id);

-- The owner was told a rating is about to end: once per (intervention, end date).
CREATE TABLE expiry_notices (
    intervention_id INTEGER NOT NULL REFERENCES interventions (id),
    valid_until     TEXT    NOT NULL,
    sent_at         TEXT    NOT NULL,
    PRIMARY KEY (intervention_id, valid_until)
);

-- Who did what, when, to which subject, from which state to which.
-- Append-only: the triggers refuse changes and deletions.
CREATE TABLE audit_log (
    id           INTEGER PRIMARY KEY,
    at           TEXT    NOT NULL,
    actor_id     INTEGER,
    subject_kind TEXT    NOT NULL,
    subject_id   TEXT    NOT NULL,
    action       TEXT    NOT NULL,
    from_state   TEXT,
    to_state     TEXT,
    detail       TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_subject ON audit_log (subject_kind, subject_id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
