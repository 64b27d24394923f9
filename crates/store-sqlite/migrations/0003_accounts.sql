-- Accounts, roles, sessions, single-use tokens and the mail outbox.
-- Append-only: add a new migration rather than editing this one.
-- Secrets are never stored in the clear: passwords as argon2id PHC strings,
-- session and token values only as their SHA-256 hash (hex).
-- Times are UTC ISO 8601 text with microseconds ('2026-11-24T10:00:00.000000Z').

CREATE TABLE accounts (
    id            INTEGER PRIMARY KEY,
    email         TEXT    NOT NULL,          -- normalised: trimmed, lower case
    name          TEXT    NOT NULL,
    organisation  TEXT    NOT NULL,
    password_hash TEXT    NOT NULL,
    active        BOOLEAN NOT NULL DEFAULT TRUE,
    created_at    TEXT    NOT NULL
);
CREATE UNIQUE INDEX accounts_email ON accounts (lower(email));

CREATE TABLE account_roles (
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    role       TEXT    NOT NULL CHECK (role IN
               ('eigenaar', 'beoordelaar', 'commissielid', 'coordinator', 'redacteur', 'beheerder')),
    PRIMARY KEY (account_id, role)
);
CREATE INDEX account_roles_role ON account_roles (role);

CREATE TABLE sessions (
    token_hash TEXT    PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at TEXT    NOT NULL,
    last_seen  TEXT    NOT NULL,
    expires_at TEXT    NOT NULL
);
CREATE INDEX sessions_account ON sessions (account_id);

CREATE TABLE one_time_tokens (
    token_hash   TEXT    PRIMARY KEY,
    kind         TEXT    NOT NULL CHECK (kind IN ('invitation', 'reset')),
    account_id   INTEGER REFERENCES accounts (id) ON DELETE CASCADE,  -- reset
    email        TEXT,                                                -- invitation
    name         TEXT,
    organisation TEXT,
    roles        TEXT,                                                -- codes, comma-separated
    invited_by   INTEGER REFERENCES accounts (id),
    created_at   TEXT    NOT NULL,
    expires_at   TEXT    NOT NULL,
    used_at      TEXT,
    CHECK ((kind = 'reset' AND account_id IS NOT NULL)
        OR (kind = 'invitation' AND email IS NOT NULL AND roles IS NOT NULL))
);

CREATE TABLE mail_outbox (
    id              INTEGER PRIMARY KEY,
    recipient       TEXT    NOT NULL,
    subject         TEXT    NOT NULL,
    body            TEXT    NOT NULL,
    created_at      TEXT    NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT,                     -- NULL: due now
    sent_at         TEXT,
    last_error      TEXT
);
CREATE INDEX mail_outbox_unsent ON mail_outbox (sent_at, next_attempt_at);
