-- Billing notices (issue 15): the e-mails that tell a workspace's owners a trial or a past-due
-- grace period is ending, each recorded once per workspace, kind and date it is about, so the
-- daily billing.notices job sends it once however often it runs.
--
-- Existing workspaces get no trial here: this migration runs when an installation upgrades, not
-- when its operator turns billing on (self-hosted installations never do), so a trial dated from
-- it could be over before billing starts, or e-mail about a plan that never applies. Customers
-- who had a workspace before billing get what they were promised from an operator's grant
-- (/ops), with its end and reason on record.
CREATE TYPE "billing_notice_kind" AS ENUM ('trial_ends_in_3_days', 'trial_ends_tomorrow', 'grace_started', 'grace_ends_in_3_days');

CREATE TABLE "billing_notice" (
  "id"            uuid PRIMARY KEY,
  "workspace_id"  uuid NOT NULL REFERENCES "workspace" ("id") ON DELETE CASCADE,
  "kind"          "billing_notice_kind" NOT NULL,
  -- The end the notice is about (the trial's end, the grace period's end), as a UTC date: a new
  -- trial or a new past-due run has another end and so gets its own notices.
  "for_date"      date NOT NULL,
  -- How many owners it was sent to.
  "recipients"    integer NOT NULL CHECK ("recipients" >= 0),
  "sent_at"       timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT "billing_notice_once" UNIQUE ("workspace_id", "kind", "for_date")
);

ALTER TABLE "billing_notice" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "billing_notice" FORCE ROW LEVEL SECURITY;
CREATE POLICY "billing_notice_isolation" ON "billing_notice"
  USING ("workspace_id" = app_current_workspace())
  WITH CHECK ("workspace_id" = app_current_workspace());
SELECT app_allow_owner_maintenance('"billing_notice"');

GRANT SELECT, INSERT ON "billing_notice" TO candor_app;
