-- The content workflow: monthly briefs, brand profiles, generation jobs and the AI spend ledger.
-- Free text in briefs is stored only after PII scrubbing (the *_redacted columns).

CREATE TABLE monthly_briefs (
    account_id              uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    id                      uuid NOT NULL,
    month                   text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    primary_focus           text NOT NULL CHECK (primary_focus IN ('NEW_CLIENTS', 'EDUCATION', 'COMMUNITY', 'SEASONAL', 'PRODUCT')),
    promo_enabled           boolean NOT NULL DEFAULT false,
    promo_details_redacted  text CHECK (char_length(promo_details_redacted) <= 2000),
    tone                    text NOT NULL CHECK (tone IN ('NEUTRAL', 'EDUCATIONAL', 'PROMOTIONAL')),
    notes_redacted          text CHECK (char_length(notes_redacted) <= 4000),
    platform_targets        text[] NOT NULL CHECK (
        cardinality(platform_targets) >= 1 AND platform_targets <@ ARRAY['FACEBOOK', 'INSTAGRAM']
    ),
    -- Successful generations of this brief; the budget ladder limits regenerations.
    generation_count        integer NOT NULL DEFAULT 0 CHECK (generation_count >= 0),
    created_by              uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, id),
    UNIQUE (account_id, month)
);

-- Content written before briefs existed names no brief; clear any dangling reference so the
-- foreign key can be added. NO ACTION: a brief with content left cannot be deleted (the API
-- deletes its drafts first and refuses when approved content remains).
UPDATE content_items SET brief_id = NULL WHERE brief_id IS NOT NULL;
ALTER TABLE content_items
    ADD CONSTRAINT content_items_brief_fkey FOREIGN KEY (account_id, brief_id) REFERENCES monthly_briefs (account_id, id),
    ADD COLUMN risk_flags text[] NOT NULL DEFAULT '{}',
    ADD COLUMN change_request_comment text CHECK (char_length(change_request_comment) <= 2000),
    ADD COLUMN change_requested_by uuid REFERENCES users (id) ON DELETE SET NULL,
    ADD COLUMN change_requested_at timestamptz,
    ADD COLUMN generation_job_id uuid;
CREATE INDEX content_items_brief_idx ON content_items (account_id, brief_id) WHERE brief_id IS NOT NULL;

-- One per account: extracted from the website, then corrected by hand.
CREATE TABLE brand_profiles (
    account_id    uuid PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    profile       jsonb NOT NULL,
    source        text NOT NULL CHECK (source IN ('EXTRACTED', 'EDITED')),
    extracted_at  timestamptz,
    updated_by    uuid REFERENCES users (id) ON DELETE SET NULL,
    updated_at    timestamptz NOT NULL DEFAULT now()
);

-- Background jobs, claimed by workers with FOR UPDATE SKIP LOCKED. A running job holds a lease;
-- a worker that dies lets the lease run out and another worker takes the job again.
CREATE TABLE jobs (
    account_id    uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    id            uuid NOT NULL,
    kind          text NOT NULL CHECK (kind IN ('GENERATE_BATCH')),
    -- What the job works on (the brief for GENERATE_BATCH).
    subject_id    uuid NOT NULL,
    status        text NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
    progress      integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    payload       jsonb NOT NULL DEFAULT '{}'::jsonb,
    result        jsonb,
    error_code    text,
    error_message text,
    attempts      integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    max_attempts  integer NOT NULL DEFAULT 3 CHECK (max_attempts >= 1),
    run_after     timestamptz NOT NULL DEFAULT now(),
    lease_until   timestamptz,
    lease_owner   text,
    created_by    uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    started_at    timestamptz,
    finished_at   timestamptz,
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, id),
    UNIQUE (id)
);
CREATE INDEX jobs_queued_idx ON jobs (run_after) WHERE status = 'queued';
CREATE INDEX jobs_running_idx ON jobs (lease_until) WHERE status = 'running';
-- At most one live job per subject: a second generate while one is queued or running gets the
-- first job back (the insert conflicts here).
CREATE UNIQUE INDEX jobs_live_subject_key ON jobs (account_id, kind, subject_id) WHERE status IN ('queued', 'running');

-- Every generator call, free or paid: what budget decisions are made from.
CREATE TABLE ai_spend_ledger (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id         uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    job_id             uuid,
    -- The UTC month the spend counts against, YYYY-MM.
    month              text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    provider           text NOT NULL,
    model              text NOT NULL,
    prompt_tokens      integer NOT NULL DEFAULT 0 CHECK (prompt_tokens >= 0),
    completion_tokens  integer NOT NULL DEFAULT 0 CHECK (completion_tokens >= 0),
    units              integer NOT NULL CHECK (units >= 0),
    cost_micros        bigint NOT NULL CHECK (cost_micros >= 0),
    request_id         text,
    succeeded          boolean NOT NULL,
    created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ai_spend_ledger_month_idx ON ai_spend_ledger (month, account_id);
