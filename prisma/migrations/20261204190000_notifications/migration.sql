-- Notifications to members (issue 16): each member's choices of which e-mails they get from
-- which workspace, their time zone (the weekly digest arrives on Monday morning there), and a
-- ledger of reminders sent, so a reminder goes out once per subject, deadline and step however
-- often the hourly jobs run or retry.

-- A member's IANA time zone; NULL until they choose one (the workspace's time zone is used).
ALTER TABLE "user" ADD COLUMN "time_zone" text CHECK ("time_zone" IS NULL OR length("time_zone") BETWEEN 1 AND 64);

-- Only the member's departures from their role's defaults are stored (notifications/kinds.ts).
CREATE TABLE "notification_preference" (
  "workspace_id" uuid NOT NULL REFERENCES "workspace" ("id") ON DELETE CASCADE,
  "user_id"      uuid NOT NULL REFERENCES "user" ("id") ON DELETE CASCADE,
  "kind"         text NOT NULL CHECK (length("kind") BETWEEN 1 AND 64),
  "enabled"      boolean NOT NULL,
  "updated_at"   timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY ("workspace_id", "user_id", "kind")
);
CREATE INDEX "notification_preference_user" ON "notification_preference" ("user_id");

ALTER TABLE "notification_preference" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "notification_preference" FORCE ROW LEVEL SECURITY;
CREATE POLICY "notification_preference_isolation" ON "notification_preference"
  USING ("workspace_id" = app_current_workspace())
  WITH CHECK ("workspace_id" = app_current_workspace());
-- A person outside any workspace (withUser: /account/notifications) reads and writes their own
-- choices, for the workspaces they are a member of and no other.
CREATE POLICY "notification_preference_own" ON "notification_preference"
  USING ("user_id" = app_current_user() AND EXISTS (
    SELECT 1 FROM "membership" m WHERE m."workspace_id" = "notification_preference"."workspace_id" AND m."user_id" = app_current_user()))
  WITH CHECK ("user_id" = app_current_user() AND EXISTS (
    SELECT 1 FROM "membership" m WHERE m."workspace_id" = "notification_preference"."workspace_id" AND m."user_id" = app_current_user()));
SELECT app_allow_owner_maintenance('"notification_preference"');
GRANT SELECT, INSERT, UPDATE, DELETE ON "notification_preference" TO candor_app;

-- One row per reminder sent: the subject (a privacy request, a vulnerability report, an
-- incident), the deadline it was about and the step (due_in_7_days, overdue, 24h, …). Claimed in
-- the transaction that queues its e-mails, so a retry finds it and sends nothing twice, and a
-- job killed before its commit leaves no row and sends it on the next run. A new deadline (an
-- extension) is a new reminder.
CREATE TABLE "reminder_sent" (
  "id"           uuid PRIMARY KEY,
  "workspace_id" uuid NOT NULL REFERENCES "workspace" ("id") ON DELETE CASCADE,
  "subject_type" text NOT NULL CHECK (length("subject_type") BETWEEN 1 AND 64),
  "subject_id"   uuid NOT NULL,
  "deadline"     timestamptz(3) NOT NULL,
  "step"         text NOT NULL CHECK (length("step") BETWEEN 1 AND 64),
  "recipients"   integer NOT NULL CHECK ("recipients" >= 0),
  "sent_at"      timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT "reminder_sent_once" UNIQUE ("subject_type", "subject_id", "deadline", "step")
);
CREATE INDEX "reminder_sent_workspace" ON "reminder_sent" ("workspace_id", "sent_at");

ALTER TABLE "reminder_sent" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "reminder_sent" FORCE ROW LEVEL SECURITY;
CREATE POLICY "reminder_sent_isolation" ON "reminder_sent"
  USING ("workspace_id" = app_current_workspace())
  WITH CHECK ("workspace_id" = app_current_workspace());
SELECT app_allow_owner_maintenance('"reminder_sent"');
GRANT SELECT, INSERT, UPDATE ON "reminder_sent" TO candor_app;
