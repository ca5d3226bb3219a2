-- A publishing profile names the accounts it publishes to: a Facebook Page, an Instagram
-- account, or both. An ESSENTIAL account may connect one platform, so either may be absent, but
-- never both.

ALTER TABLE publishing_profiles
    ALTER COLUMN facebook_account_id DROP NOT NULL,
    ALTER COLUMN instagram_account_id DROP NOT NULL,
    ADD CONSTRAINT publishing_profiles_names_an_account CHECK (facebook_account_id IS NOT NULL OR instagram_account_id IS NOT NULL);
