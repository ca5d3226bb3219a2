-- PulseWorks foundation: tenants (accounts), users, memberships, sessions, audit, idempotency.
-- Every tenant-owned table carries account_id NOT NULL; children reference parents through
-- (account_id, parent_id) so a row can never point into another tenant.

CREATE TABLE accounts (
    id                  uuid PRIMARY KEY,
    name                text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 120),
    website_url         text CHECK (website_url IS NULL OR char_length(website_url) <= 2048),
    timezone            text NOT NULL DEFAULT 'Pacific/Auckland',
    settings            jsonb NOT NULL DEFAULT '{}'::jsonb,
    plan                text CHECK (plan IN ('ESSENTIAL', 'GROWTH', 'AUTHORITY')),
    posting_addon       boolean NOT NULL DEFAULT false,
    billing_status      text NOT NULL DEFAULT 'NONE',
    stripe_customer_id  text,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
    id                   uuid PRIMARY KEY,
    email                text NOT NULL CHECK (email = lower(email) AND char_length(email) <= 254),
    password_hash        text NOT NULL,
    password_changed_at  timestamptz NOT NULL DEFAULT now(),
    created_at           timestamptz NOT NULL DEFAULT now()
);
-- Case-insensitive uniqueness even if a writer forgot to normalise.
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE memberships (
    account_id  uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role        text NOT NULL CHECK (role IN ('OWNER', 'ADMIN', 'MEMBER')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, user_id)
);
CREATE INDEX memberships_user_idx ON memberships (user_id);

-- One row per issued refresh token; `family` is the session (the rotation chain) that access
-- tokens name in their `sid` claim. Only the SHA-256 of a refresh token is stored.
CREATE TABLE auth_sessions (
    id            uuid PRIMARY KEY,
    user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    family        uuid NOT NULL,
    refresh_hash  bytea NOT NULL UNIQUE,
    created_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz NOT NULL,
    rotated_at    timestamptz,
    revoked_at    timestamptz
);
CREATE INDEX auth_sessions_family_idx ON auth_sessions (family);
CREATE INDEX auth_sessions_live_user_idx ON auth_sessions (user_id) WHERE revoked_at IS NULL;

-- Append-only. account_id is NULL only for user-level security events (login, logout, password)
-- that belong to no single tenant; those are never listed through an account's audit route.
CREATE TABLE audit_events (
    id           uuid PRIMARY KEY,
    account_id   uuid REFERENCES accounts (id),
    user_id      uuid,
    event_type   text NOT NULL,
    entity_type  text,
    entity_id    text,
    metadata     jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at   timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX audit_events_account_idx ON audit_events (account_id, created_at DESC, id DESC)
    WHERE account_id IS NOT NULL;
CREATE INDEX audit_events_user_idx ON audit_events (user_id, created_at DESC);

CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();

-- Replays of mutating requests that carry an Idempotency-Key. `request_fingerprint` is an HMAC
-- of the body (bodies may hold passwords, so never a plain hash); `response` holds what the
-- route needs to answer a replay, never a secret.
CREATE TABLE idempotency_keys (
    scope                text NOT NULL,
    key                  text NOT NULL,
    request_fingerprint  bytea NOT NULL,
    response             jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at           timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
