-- The weekly digest (issue 16, decision 030): one row per member, workspace and ISO week, claimed
-- in the transaction that queues the member's digest (or decides there is nothing to say), so a
-- retry or a second worker never sends two and a job killed before its commit sends it on the
-- next run. An e-mailed digest carries a one-click unsubscribe link (RFC 8058) whose token is
-- stored here as a SHA-256 hash only; the link turns the digest off for that member there.
CREATE TABLE "digest_sent" (
  "id"                     uuid PRIMARY KEY,
  "workspace_id"           uuid NOT NULL REFERENCES "workspace" ("id") ON DELETE CASCADE,
  "user_id"                uuid NOT NULL REFERENCES "user" ("id") ON DELETE CASCADE,
  -- The member's ISO week, e.g. 2026-W50, in the time zone the digest was sent for.
  "iso_week"               text NOT NULL CHECK ("iso_week" ~ '^[0-9]{4}-W[0-9]{2}$'),
  "time_zone"              text NOT NULL CHECK (length("time_zone") BETWEEN 1 AND 64),
  -- False: there was nothing to say that week, and nothing was sent.
  "emailed"                boolean NOT NULL,
  "unsubscribe_token_hash" text UNIQUE CHECK ("unsubscribe_token_hash" ~ '^[0-9a-f]{64}$'),
  "sent_at"                timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT "digest_sent_once" UNIQUE ("workspace_id", "user_id", "iso_week"),
  CONSTRAINT "digest_sent_token_when_emailed" CHECK ("emailed" = ("unsubscribe_token_hash" IS NOT NULL))
);
CREATE INDEX "digest_sent_user" ON "digest_sent" ("user_id");

ALTER TABLE "digest_sent" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "digest_sent" FORCE ROW LEVEL SECURITY;
CREATE POLICY "digest_sent_isolation" ON "digest_sent"
  USING ("workspace_id" = app_current_workspace())
  WITH CHECK ("workspace_id" = app_current_workspace());
SELECT app_allow_owner_maintenance('"digest_sent"');
GRANT SELECT, INSERT ON "digest_sent" TO candor_app;
