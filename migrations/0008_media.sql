-- Images. Uploaded images are media_assets; a content item's image is `media_url`, which holds
-- the storage key (`media/{accountId}/{month}/{contentId}.png` for a render,
-- `media/{accountId}/uploads/{mediaId}.{png|jpg}` for an upload) — or, for older rows, an absolute
-- URL. The key, not a signed URL, is what approval fingerprints; URLs are signed when given out.

CREATE TABLE media_assets (
    account_id    uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    id            uuid NOT NULL,
    storage_key   text NOT NULL UNIQUE,
    content_type  text NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg')),
    width         integer NOT NULL CHECK (width > 0),
    height        integer NOT NULL CHECK (height > 0),
    bytes         integer NOT NULL CHECK (bytes > 0),
    sha256        text NOT NULL,
    created_by    uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, id)
);

ALTER TABLE content_items
    -- The upload shown instead of the render, when one was attached.
    ADD COLUMN media_id uuid,
    ADD CONSTRAINT content_items_media_fk FOREIGN KEY (account_id, media_id) REFERENCES media_assets (account_id, id),
    -- Why the item has no rendered image (a failed render), shown to the account.
    ADD COLUMN media_error text;
