-- Social publishing: the provider profile of each account (its key encrypted at rest), the
-- social accounts linked to it, the verified publishing profile, and inbound webhook events.

CREATE TABLE provider_profiles (
    account_id                 uuid PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    provider                   text NOT NULL DEFAULT 'ayrshare',
    ref_id                     text NOT NULL UNIQUE,
    title                      text NOT NULL,
    -- AES-256-GCM (nonce ‖ ciphertext ‖ tag) under the ENCRYPTION_KEYS key named by key_id.
    profile_key_ciphertext     bytea NOT NULL,
    profile_key_key_id         text NOT NULL,
    created_at                 timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE social_connections (
    account_id           uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    id                   uuid NOT NULL,
    platform             text NOT NULL CHECK (platform IN ('FACEBOOK', 'INSTAGRAM')),
    provider_profile_id  text NOT NULL,
    platform_account_id  text NOT NULL,
    display_name         text,
    status               text NOT NULL CHECK (status IN ('CONNECTED', 'DISCONNECTED')),
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, id),
    UNIQUE (account_id, platform)
);

CREATE TABLE publishing_profiles (
    account_id            uuid PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    provider_profile_id   text NOT NULL,
    facebook_account_id   text NOT NULL,
    instagram_account_id  text NOT NULL,
    status                text NOT NULL CHECK (status IN ('VERIFIED', 'NEEDS_RECONNECT')),
    verified_at           timestamptz NOT NULL,
    verified_by           uuid NOT NULL REFERENCES users (id),
    updated_at            timestamptz NOT NULL DEFAULT now()
);

-- Every signed webhook delivery, once: the unique key makes a replayed delivery a no-op in the
-- same transaction as its effect. account_id is NULL for deliveries naming no known profile.
CREATE TABLE webhook_events (
    source       text NOT NULL,
    event_id     text NOT NULL,
    account_id   uuid REFERENCES accounts (id) ON DELETE CASCADE,
    event_type   text NOT NULL,
    payload      jsonb NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now(),
    applied_at   timestamptz,
    PRIMARY KEY (source, event_id)
);
CREATE INDEX webhook_events_unapplied_idx ON webhook_events (source, event_type, received_at) WHERE applied_at IS NULL;
