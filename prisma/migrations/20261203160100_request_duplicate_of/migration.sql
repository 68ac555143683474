-- The request a duplicate is handled under. The foreign key includes the workspace, so a
-- request can only be a duplicate of one in its own workspace; a duplicate always names it.
CREATE UNIQUE INDEX "privacy_request_workspace_id_id_key" ON "privacy_request" ("workspace_id", "id");

ALTER TABLE "privacy_request"
  ADD COLUMN "duplicate_of_id" uuid,
  ADD CONSTRAINT "privacy_request_workspace_id_duplicate_of_id_fkey"
    FOREIGN KEY ("workspace_id", "duplicate_of_id") REFERENCES "privacy_request" ("workspace_id", "id")
    ON DELETE NO ACTION ON UPDATE CASCADE,
  ADD CONSTRAINT "privacy_request_duplicate_names_its_original"
    CHECK (("state" = 'duplicate') = ("duplicate_of_id" IS NOT NULL) AND "duplicate_of_id" <> "id");

CREATE INDEX "privacy_request_duplicate_of_id_idx" ON "privacy_request" ("duplicate_of_id");
