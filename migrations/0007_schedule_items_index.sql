-- schedule_items drops the UNIQUE (id) index 0004 created: the primary key (account_id, id) and
-- the partial indexes serve every query, and each index costs every status change a write (a
-- status change moves a row between partial indexes, so it is never a HOT update).
ALTER TABLE schedule_items DROP CONSTRAINT IF EXISTS schedule_items_id_key;
