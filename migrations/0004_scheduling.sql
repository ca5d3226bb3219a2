-- Scheduling and publishing: content items (the content issue adds briefs and drafting on top),
-- schedule items with the provider profile frozen on each, every publish attempt, and the
-- worker's heartbeat.

-- The fingerprint of what was approved. One definition, used when content is approved and again
-- by the worker just before publishing: any edit after approval changes it.
CREATE FUNCTION content_fingerprint(title text, caption text, hashtags text[], media_url text, platform_targets text[])
RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT encode(sha256(convert_to(
        jsonb_build_array(title, caption, hashtags, media_url, platform_targets)::text, 'UTF8')), 'hex')
$$;

CREATE TABLE content_items (
    account_id        uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    id                uuid NOT NULL,
    brief_id          uuid,
    month             text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    type              text NOT NULL DEFAULT 'POST' CHECK (type IN ('POST', 'PROMO')),
    title             text NOT NULL DEFAULT '',
    caption           text NOT NULL,
    hashtags          text[] NOT NULL DEFAULT '{}',
    media_url         text,
    platform_targets  text[] NOT NULL CHECK (
        cardinality(platform_targets) >= 1 AND platform_targets <@ ARRAY['FACEBOOK', 'INSTAGRAM']
    ),
    status            text NOT NULL CHECK (status IN (
        'DRAFT', 'CHANGES_REQUESTED', 'APPROVED', 'SCHEDULED', 'PUBLISHED', 'FAILED', 'ARCHIVED'
    )),
    edit_count        integer NOT NULL DEFAULT 0,
    approved_by       uuid REFERENCES users (id),
    approved_at       timestamptz,
    approved_hash     text,
    -- Order within the month (the batch's order); scheduling fills slots in this order.
    position          integer NOT NULL DEFAULT 0,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, id),
    UNIQUE (id)
);
CREATE INDEX content_items_month_idx ON content_items (account_id, month, status);

-- One row per content item and platform. `provider_profile_id` is frozen when scheduled: the
-- worker refuses to publish when it no longer equals the account's verified profile.
-- `due_at` is when the next attempt may start (the slot, later a backoff); `scheduled_for` is the
-- slot itself, from which the retry window is measured.
CREATE TABLE schedule_items (
    account_id           uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    id                   uuid NOT NULL,
    content_item_id      uuid NOT NULL,
    month                text NOT NULL,
    platform             text NOT NULL CHECK (platform IN ('FACEBOOK', 'INSTAGRAM')),
    scheduled_for        timestamptz NOT NULL,
    due_at               timestamptz NOT NULL,
    provider_profile_id  text NOT NULL,
    -- The page or Instagram account the verified profile named for this platform, also frozen.
    target_account_id    text NOT NULL,
    status               text NOT NULL CHECK (status IN (
        'QUEUED', 'SCHEDULED', 'PUBLISHING', 'PUBLISHED', 'FAILED', 'UNKNOWN', 'CANCELLED'
    )),
    attempt              integer NOT NULL DEFAULT 0 CHECK (attempt >= 0),
    lease_until          timestamptz,
    lease_owner          text,
    provider_post_id     text,
    platform_post_id     text,
    post_url             text,
    error_code           text,
    error_message        text,
    published_at         timestamptz,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, id),
    FOREIGN KEY (account_id, content_item_id) REFERENCES content_items (account_id, id) ON DELETE CASCADE,
    CHECK (status <> 'PUBLISHING' OR (lease_until IS NOT NULL AND lease_owner IS NOT NULL))
);
-- Scheduling twice creates nothing: at most one live item per content item and platform.
CREATE UNIQUE INDEX schedule_items_live_key ON schedule_items (account_id, content_item_id, platform)
    WHERE status <> 'CANCELLED';
CREATE INDEX schedule_items_month_idx ON schedule_items (account_id, month, scheduled_for);
-- The worker's queries each read one small partial index, whatever the table's size. Every
-- index costs each status change a write (a status change moves a row between partial indexes,
-- so it is never a HOT update): schedule_items has no index it does not need.
CREATE INDEX schedule_items_queued_idx ON schedule_items (due_at) WHERE status = 'QUEUED';
CREATE INDEX schedule_items_scheduled_idx ON schedule_items (due_at) WHERE status = 'SCHEDULED';
CREATE INDEX schedule_items_lease_idx ON schedule_items (lease_until) WHERE status = 'PUBLISHING';
CREATE INDEX schedule_items_unknown_idx ON schedule_items (updated_at) WHERE status = 'UNKNOWN';
CREATE INDEX schedule_items_provider_post_idx ON schedule_items (account_id, provider_post_id)
    WHERE provider_post_id IS NOT NULL;

-- Every attempt to publish, and every reconciliation of an uncertain one, in order.
CREATE TABLE publish_attempts (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id        uuid NOT NULL,
    schedule_item_id  uuid NOT NULL,
    attempt           integer NOT NULL,
    kind              text NOT NULL CHECK (kind IN ('PUBLISH', 'RECONCILE')),
    worker_id         text NOT NULL,
    started_at        timestamptz NOT NULL,
    finished_at       timestamptz,
    outcome           text NOT NULL,
    http_status       integer,
    provider_code     integer,
    error_code        text,
    message           text,
    FOREIGN KEY (account_id, schedule_item_id) REFERENCES schedule_items (account_id, id) ON DELETE CASCADE
);
CREATE INDEX publish_attempts_item_idx ON publish_attempts (account_id, schedule_item_id, id);

-- Each worker's last tick, for /health/ready.
CREATE TABLE worker_heartbeats (
    worker_id     text PRIMARY KEY,
    last_tick_at  timestamptz NOT NULL,
    started_at    timestamptz NOT NULL DEFAULT now()
);
