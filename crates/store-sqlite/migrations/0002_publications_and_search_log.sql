-- Publications (handreikingen, factsheets, reports, regulations) and the
-- search log. Append-only: add a new migration rather than editing this one.

CREATE TABLE publications (
    id           INTEGER PRIMARY KEY,
    slug         TEXT    NOT NULL UNIQUE,
    title        TEXT    NOT NULL,
    kind         TEXT    NOT NULL,
    status       TEXT    NOT NULL CHECK (status IN ('concept', 'gepubliceerd', 'gearchiveerd')),
    year         INTEGER,
    authors      TEXT    NOT NULL,  -- JSON array of names
    themes       TEXT    NOT NULL,  -- JSON array of theme codes
    link         TEXT,
    example_data BOOLEAN NOT NULL DEFAULT FALSE,
    body         TEXT    NOT NULL,
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL
);

-- What people searched for: no account, no address, no session; only the text,
-- how many results, and when. Used to show what is searched in vain.
CREATE TABLE search_log (
    id          INTEGER PRIMARY KEY,
    query       TEXT    NOT NULL,
    results     INTEGER NOT NULL,
    searched_at TEXT    NOT NULL
);
CREATE INDEX search_log_missed ON search_log (results, query);
