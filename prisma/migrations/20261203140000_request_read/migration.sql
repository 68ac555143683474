-- What each member has read of a privacy request's replies, and when they were last e-mailed
-- about one (issue 12, "the team knows at once"). A request is unread for a member while its
-- newest reply (`latest_reply_at`, written for every member when the requester writes) is newer
-- than the newest reply its page showed them (`read_until`). `replies_told_at` lets a burst of
-- replies cause at most one e-mail per member and request in 15 minutes. Nothing here is
-- personal data of the requester.
CREATE TABLE "request_read" (
  "workspace_id"    uuid NOT NULL REFERENCES "workspace" ("id") ON DELETE CASCADE,
  "request_id"      uuid NOT NULL REFERENCES "privacy_request" ("id") ON DELETE CASCADE,
  "user_id"         uuid NOT NULL REFERENCES "user" ("id") ON DELETE CASCADE,
  -- When the requester last wrote; NULL: not since this row was made.
  "latest_reply_at" timestamptz(3),
  -- The newest reply the request page showed this member; NULL: none yet.
  "read_until"      timestamptz(3),
  -- When this member was last e-mailed about a reply on this request; NULL: never.
  "replies_told_at" timestamptz(3),
  PRIMARY KEY ("request_id", "user_id")
);
CREATE INDEX "request_read_workspace_id_user_id_idx" ON "request_read" ("workspace_id", "user_id");

ALTER TABLE "request_read" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "request_read" FORCE ROW LEVEL SECURITY;
CREATE POLICY "request_read_isolation" ON "request_read"
  USING ("workspace_id" = app_current_workspace())
  WITH CHECK ("workspace_id" = app_current_workspace());
SELECT app_allow_owner_maintenance('"request_read"');

GRANT SELECT, INSERT, UPDATE ON "request_read" TO candor_app;
