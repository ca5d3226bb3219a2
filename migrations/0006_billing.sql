-- Billing: every account is on a plan (a new one on a 14-day trial of ESSENTIAL without the
-- posting add-on), its Stripe subscription, and the Stripe `created` time of the newest event
-- applied to it, so an older event delivered late never overwrites newer state.

UPDATE accounts SET plan = 'ESSENTIAL' WHERE plan IS NULL;
UPDATE accounts SET billing_status = 'TRIALING' WHERE billing_status = 'NONE';
ALTER TABLE accounts
    ALTER COLUMN plan SET DEFAULT 'ESSENTIAL',
    ALTER COLUMN plan SET NOT NULL,
    ALTER COLUMN billing_status SET DEFAULT 'TRIALING',
    ADD CONSTRAINT accounts_billing_status_check CHECK (billing_status IN (
        'NONE', 'TRIALING', 'ACTIVE', 'PAST_DUE', 'CANCELED', 'UNPAID', 'INCOMPLETE', 'INCOMPLETE_EXPIRED', 'PAUSED'
    )),
    ADD COLUMN trial_ends_at timestamptz,
    ADD COLUMN stripe_subscription_id text,
    ADD COLUMN current_period_end timestamptz,
    ADD COLUMN cancel_at_period_end boolean NOT NULL DEFAULT false,
    -- Stripe's `created` (Unix seconds) of the newest subscription event applied, and its id to
    -- order events created in the same second deterministically.
    ADD COLUMN subscription_event_created bigint,
    ADD COLUMN subscription_event_id text;
UPDATE accounts SET trial_ends_at = created_at + interval '14 days' WHERE billing_status = 'TRIALING';
ALTER TABLE accounts ALTER COLUMN trial_ends_at SET DEFAULT now() + interval '14 days';
CREATE UNIQUE INDEX accounts_stripe_customer_key ON accounts (stripe_customer_id) WHERE stripe_customer_id IS NOT NULL;
CREATE INDEX accounts_stripe_subscription_idx ON accounts (stripe_subscription_id) WHERE stripe_subscription_id IS NOT NULL;
