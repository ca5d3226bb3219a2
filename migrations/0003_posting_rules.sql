-- One posting rule per account: how often, on which ISO weekdays, in which window of local time.
CREATE TABLE posting_rules (
    account_id    uuid PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    frequency     text NOT NULL CHECK (frequency IN ('TWICE_WEEKLY', 'THREE_WEEKLY')),
    days_of_week  integer[] NOT NULL CHECK (
        cardinality(days_of_week) = CASE frequency WHEN 'TWICE_WEEKLY' THEN 2 ELSE 3 END
        AND days_of_week <@ ARRAY[1, 2, 3, 4, 5, 6, 7]
    ),
    time_window   text NOT NULL CHECK (time_window IN ('MORNING', 'AFTERNOON', 'EVENING')),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    updated_by    uuid REFERENCES users (id)
);
