-- Review before delivery (issue 12): an assembled export waits for a member to send it to the
-- requester. Its 7 days start at release, so an export under review has no expiry yet. What it
-- holds (collections, record counts, the summary's sections) is kept for the reviewer, since
-- the collected objects are deleted once the ZIP holds them. "Assemble again" builds the next
-- assembly under another object name, so discarding the old object never touches the new one.
ALTER TABLE "request_export" ALTER COLUMN "expires_at" DROP NOT NULL;
ALTER TABLE "request_export"
  ADD COLUMN "assembly"        integer NOT NULL DEFAULT 1,
  ADD COLUMN "contents"        jsonb,
  ADD COLUMN "released_at"     timestamptz(3),
  ADD COLUMN "released_by"     uuid REFERENCES "user" ("id") ON DELETE SET NULL,
  ADD COLUMN "auto_released"   boolean NOT NULL DEFAULT false,
  ADD CONSTRAINT "request_export_released_expires" CHECK (("released_at" IS NULL) = ("expires_at" IS NULL));

-- Exports made before this change were downloadable at once: they were released, unreviewed.
UPDATE "request_export" SET "released_at" = "created_at", "auto_released" = true;

-- The request types whose exports a workspace releases without review (off by default).
ALTER TABLE "workspace" ADD COLUMN "export_auto_release" "request_type"[] NOT NULL DEFAULT '{}';
