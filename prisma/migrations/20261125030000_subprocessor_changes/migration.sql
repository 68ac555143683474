-- Sub-processor change notices (issue 5, item 4). Once people subscribe to a workspace's list of
-- sub-processors, the list changes only through a proposed change with an effective date at
-- least the notice period away: announcing it e-mails every confirmed subscriber, who may object;
-- a scheduled job applies it on its date. Every table here is tenant data: forced row-level
-- security. E-mails gain custom headers (List-Unsubscribe, RFC 8058).

-- How many days' notice subscribers get before a change takes effect.
ALTER TABLE "workspace"
  ADD COLUMN "subprocessor_notice_days" integer NOT NULL DEFAULT 30
    CHECK ("subprocessor_notice_days" BETWEEN 1 AND 365);

-- What the trust page shows of each sub-processor besides name, purpose, data and region: its
-- certifications, and a link to its DPA or privacy policy (https only, checked here too).
ALTER TABLE "subprocessor"
  ADD COLUMN "certifications" text[] NOT NULL DEFAULT '{}',
  ADD COLUMN "policy_url" text CHECK ("policy_url" ~ '^https://[^\s]+$' AND length("policy_url") <= 2000);

-- Headers an e-mail is sent with besides the usual ones (List-Unsubscribe,
-- List-Unsubscribe-Post), as a JSON object of strings; checked by the app (no CR or LF).
ALTER TABLE "email_message" ADD COLUMN "headers" jsonb;

CREATE TYPE "subprocessor_change_kind" AS ENUM ('add', 'remove', 'change');
-- draft: visible to the workspace only; announced: subscribers were told, waiting for its date;
-- applied: the list changed; cancelled: withdrawn (before its date).
CREATE TYPE "subprocessor_change_state" AS ENUM ('draft', 'announced', 'applied', 'cancelled');

-- One proposed change to the list. For an addition or a change the fields are the new values;
-- for a removal, a copy of the sub-processor as it was (the changelog names it after it is
-- gone). `previous` is the sub-processor before a change or removal, for the changelog.
-- `subprocessor_id`: the row changed or removed (for an addition, the row it created once
-- applied); null again once a removal deleted it.
CREATE TABLE "subprocessor_change" (
  "id"              uuid PRIMARY KEY,
  "workspace_id"    uuid NOT NULL REFERENCES "workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "kind"            "subprocessor_change_kind" NOT NULL,
  "subprocessor_id" uuid REFERENCES "subprocessor" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
  "name"            text NOT NULL CHECK (length("name") BETWEEN 1 AND 120),
  "purpose"         text NOT NULL CHECK (length("purpose") BETWEEN 1 AND 500),
  "data_categories" text NOT NULL DEFAULT '' CHECK (length("data_categories") <= 500),
  "region"          text NOT NULL DEFAULT '' CHECK (length("region") <= 120),
  "certifications"  text[] NOT NULL DEFAULT '{}',
  "policy_url"      text CHECK ("policy_url" ~ '^https://[^\s]+$' AND length("policy_url") <= 2000),
  "previous"        jsonb,
  -- Why: told to subscribers and shown in the changelog.
  "reason"          text NOT NULL DEFAULT '' CHECK (length("reason") <= 2000),
  -- A calendar day in the workspace's time zone.
  "effective_on"    date NOT NULL,
  "state"           "subprocessor_change_state" NOT NULL DEFAULT 'draft',
  "created_at"      timestamptz(3) NOT NULL DEFAULT now(),
  "created_by"      uuid REFERENCES "user" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
  "announced_at"    timestamptz(3),
  "announced_by"    uuid REFERENCES "user" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
  "applied_at"      timestamptz(3),
  "cancelled_at"    timestamptz(3),
  "cancelled_by"    uuid REFERENCES "user" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
  CHECK ("state" <> 'announced' OR "announced_at" IS NOT NULL),
  CHECK ("state" <> 'applied' OR "applied_at" IS NOT NULL),
  CHECK ("state" <> 'cancelled' OR "cancelled_at" IS NOT NULL)
);
CREATE INDEX "subprocessor_change_workspace_id_effective_on_idx" ON "subprocessor_change" ("workspace_id", "effective_on");
-- The scheduled job looks for announced changes whose day has come.
CREATE INDEX "subprocessor_change_state_effective_on_idx" ON "subprocessor_change" ("state", "effective_on");
-- One open (draft or announced) change per sub-processor at a time.
CREATE UNIQUE INDEX "subprocessor_change_open_key" ON "subprocessor_change" ("subprocessor_id")
  WHERE "state" IN ('draft', 'announced');

-- A person who asked to hear of changes. Double opt-in: nothing is sent but the confirmation
-- until confirmed_at; never confirmed, the row is deleted after 7 days (from requested_at).
-- Tokens are stored as SHA-256 hashes; the unsubscribe token is also kept encrypted under the
-- workspace's data key (bound to this row), since every later e-mail must carry it.
-- `public_origin`: the origin the trust page was reached at; links in e-mails point there.
CREATE TABLE "subprocessor_subscriber" (
  "id"                          uuid PRIMARY KEY,
  "workspace_id"                uuid NOT NULL REFERENCES "workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "email"                       text NOT NULL CHECK ("email" = lower("email") AND length("email") <= 320),
  "public_origin"               text NOT NULL,
  "confirm_token_hash"          text UNIQUE,
  "unsubscribe_token_hash"      text NOT NULL UNIQUE,
  "unsubscribe_token_encrypted" text NOT NULL,
  "requested_at"                timestamptz(3) NOT NULL DEFAULT now(),
  "confirmation_sent_at"        timestamptz(3),
  "confirmed_at"                timestamptz(3),
  "unsubscribed_at"             timestamptz(3),
  "created_at"                  timestamptz(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX "subprocessor_subscriber_workspace_id_email_key" ON "subprocessor_subscriber" ("workspace_id", "email");
CREATE INDEX "subprocessor_subscriber_confirmed_at_requested_at_idx" ON "subprocessor_subscriber" ("confirmed_at", "requested_at");

-- One change told to one subscriber: written with the e-mail in one transaction, so the notice
-- job, run twice, e-mails nobody twice. The objection link's token is stored hashed here.
CREATE TABLE "subprocessor_notice" (
  "id"                   uuid PRIMARY KEY,
  "workspace_id"         uuid NOT NULL REFERENCES "workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "change_id"            uuid NOT NULL REFERENCES "subprocessor_change" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "subscriber_id"        uuid NOT NULL REFERENCES "subprocessor_subscriber" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "objection_token_hash" text NOT NULL UNIQUE,
  "created_at"           timestamptz(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX "subprocessor_notice_change_id_subscriber_id_key" ON "subprocessor_notice" ("change_id", "subscriber_id");
CREATE INDEX "subprocessor_notice_subscriber_id_idx" ON "subprocessor_notice" ("subscriber_id");

-- A subscriber's objection to an announced change, with their reason. The e-mail is copied so
-- the objection keeps its author if the subscription is later deleted.
CREATE TABLE "subprocessor_objection" (
  "id"            uuid PRIMARY KEY,
  "workspace_id"  uuid NOT NULL REFERENCES "workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "change_id"     uuid NOT NULL REFERENCES "subprocessor_change" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "subscriber_id" uuid REFERENCES "subprocessor_subscriber" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
  "email"         text NOT NULL CHECK ("email" = lower("email") AND length("email") <= 320),
  "reason"        text NOT NULL CHECK (length("reason") BETWEEN 1 AND 5000),
  "created_at"    timestamptz(3) NOT NULL DEFAULT now()
);
-- One objection per subscriber and change.
CREATE UNIQUE INDEX "subprocessor_objection_change_id_subscriber_id_key" ON "subprocessor_objection" ("change_id", "subscriber_id");
CREATE INDEX "subprocessor_objection_subscriber_id_idx" ON "subprocessor_objection" ("subscriber_id");

ALTER TABLE "subprocessor_change" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "subprocessor_change" FORCE ROW LEVEL SECURITY;
CREATE POLICY "subprocessor_change_isolation" ON "subprocessor_change"
  USING ("workspace_id" = app_current_workspace())
  WITH CHECK ("workspace_id" = app_current_workspace());
SELECT app_allow_owner_maintenance('"subprocessor_change"');

ALTER TABLE "subprocessor_subscriber" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "subprocessor_subscriber" FORCE ROW LEVEL SECURITY;
CREATE POLICY "subprocessor_subscriber_isolation" ON "subprocessor_subscriber"
  USING ("workspace_id" = app_current_workspace())
  WITH CHECK ("workspace_id" = app_current_workspace());
SELECT app_allow_owner_maintenance('"subprocessor_subscriber"');

ALTER TABLE "subprocessor_notice" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "subprocessor_notice" FORCE ROW LEVEL SECURITY;
CREATE POLICY "subprocessor_notice_isolation" ON "subprocessor_notice"
  USING ("workspace_id" = app_current_workspace())
  WITH CHECK ("workspace_id" = app_current_workspace());
SELECT app_allow_owner_maintenance('"subprocessor_notice"');

ALTER TABLE "subprocessor_objection" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "subprocessor_objection" FORCE ROW LEVEL SECURITY;
CREATE POLICY "subprocessor_objection_isolation" ON "subprocessor_objection"
  USING ("workspace_id" = app_current_workspace())
  WITH CHECK ("workspace_id" = app_current_workspace());
SELECT app_allow_owner_maintenance('"subprocessor_objection"');

GRANT SELECT, INSERT, UPDATE ON "subprocessor_change", "subprocessor_subscriber", "subprocessor_notice",
  "subprocessor_objection" TO candor_app;
-- Subscriptions never confirmed are deleted after 7 days.
GRANT DELETE ON "subprocessor_subscriber" TO candor_app;
