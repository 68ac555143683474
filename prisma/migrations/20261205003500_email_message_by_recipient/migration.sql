-- A data subject's e-mails found by their address (decision 035): the built-in connector reads
-- them in keyset pages (`"to" = $1 AND id > $2 ORDER BY id`), and erasure deletes them by it.
-- Without this index each page walked the primary key through every other subject's e-mails of
-- the table: an export of 20,000 e-mails beside 2,000,000 of someone else's took minutes. The
-- workspace is not its first column: row-level security compares it with IS NOT DISTINCT FROM,
-- which no index serves, and a page must come in the order of its id.
CREATE INDEX "email_message_to_id_idx" ON "email_message" ("to", "id");
