-- Privacy-rights requests (issue 4): what a data subject files on the portal, the clock that
-- runs on it, the timeline staff and subject see, and the tasks that fulfil it, one per data
-- system of the workspace. Every table is tenant data: forced row-level security.

CREATE TYPE "request_type" AS ENUM
  ('access', 'portability', 'erasure', 'rectification', 'restriction', 'objection', 'opt_out');
CREATE TYPE "jurisdiction" AS ENUM ('gdpr', 'uk_gdpr', 'ccpa', 'lgpd', 'other');
-- unverified: filed, e-mail not yet confirmed, not received in law. The others follow
-- DESIGN.md's lifecycle; an extension is recorded on the request (extended_at), not as a state,
-- because an extended request is still in progress or waiting for the subject.
CREATE TYPE "request_state" AS ENUM
  ('unverified', 'verified', 'in_progress', 'awaiting_subject', 'needs_attention', 'completed', 'rejected');
CREATE TYPE "data_system_kind" AS ENUM ('built_in', 'manual');
CREATE TYPE "task_state" AS ENUM ('pending', 'running', 'waiting_for_staff', 'done', 'failed');

-- How a workspace counts its deadlines.
ALTER TABLE "workspace"
  ADD COLUMN "time_zone" text NOT NULL DEFAULT 'UTC',
  ADD COLUMN "holiday_country" text,
  ADD COLUMN "custom_holidays" text[] NOT NULL DEFAULT '{}', -- YYYY-MM-DD, checked by the app
  ADD COLUMN "internal_target_days" integer CHECK ("internal_target_days" BETWEEN 1 AND 90),
  ADD COLUMN "deadline_basis" text NOT NULL DEFAULT 'statutory' CHECK ("deadline_basis" IN ('statutory', 'adjusted')),
  ADD COLUMN "backup_retention_days" integer NOT NULL DEFAULT 90 CHECK ("backup_retention_days" BETWEEN 1 AND 3650),
  ADD COLUMN "default_jurisdiction" "jurisdiction" NOT NULL DEFAULT 'gdpr';

-- The public portal and trust page find a workspace by its slug without being a member: the
-- app sets app.public_slug for that one lookup, and sees nothing of a deleted workspace.
CREATE POLICY "workspace_public" ON "workspace" FOR SELECT
  USING ("slug" = nullif(current_setting('app.public_slug', true), '') AND "deleted_at" IS NULL);

CREATE TABLE "privacy_request" (
  "id"                 uuid PRIMARY KEY,
  "workspace_id"       uuid NOT NULL REFERENCES "workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "reference"          text NOT NULL,
  "type"               "request_type" NOT NULL,
  "jurisdiction"       "jurisdiction" NOT NULL,
  "state"              "request_state" NOT NULL DEFAULT 'unverified',
  "subject_name"       text NOT NULL CHECK (length("subject_name") BETWEEN 1 AND 200),
  "email"              text NOT NULL CHECK ("email" = lower("email")),
  "relationship"       text NOT NULL,
  "details"            text NOT NULL DEFAULT '' CHECK (length("details") <= 5000),
  "agent_name"         text CHECK (length("agent_name") <= 200),
  "agent_authority"    text CHECK (length("agent_authority") <= 1000),
  "language"           text NOT NULL DEFAULT 'en',
  -- The origin the portal was reached at: links in later e-mails (sent by jobs) point there.
  "portal_origin"      text NOT NULL,
  "submitted_at"       timestamptz(3) NOT NULL DEFAULT now(),
  "received_at"        timestamptz(3),
  "due_at"             timestamptz(3),
  "assignee_id"        uuid REFERENCES "user" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
  "extended_at"        timestamptz(3),
  "extension_reason"   text,
  "rejected_at"        timestamptz(3),
  "rejection_ground"   text,
  "rejection_reason"   text,
  "completed_at"       timestamptz(3),
  "erased_primary_at"  timestamptz(3),
  "erased_backups_by"  timestamptz(3),
  "erased_backups_at"  timestamptz(3),
  "attention_reason"   text,
  "updated_at"         timestamptz(3) NOT NULL DEFAULT now(),
  CHECK (("state" = 'unverified') = ("received_at" IS NULL))
);
CREATE UNIQUE INDEX "privacy_request_workspace_id_reference_key" ON "privacy_request" ("workspace_id", "reference");
CREATE INDEX "privacy_request_workspace_id_state_due_at_idx" ON "privacy_request" ("workspace_id", "state", "due_at");
CREATE INDEX "privacy_request_workspace_id_email_idx" ON "privacy_request" ("workspace_id", "email");
CREATE INDEX "privacy_request_state_submitted_at_idx" ON "privacy_request" ("state", "submitted_at");

-- Time the clock stood still (or, under the GDPR, the time that the adjusted date leaves out):
-- waiting for the subject's identity information or a clarification.
CREATE TABLE "request_pause" (
  "id"           uuid PRIMARY KEY,
  "workspace_id" uuid NOT NULL REFERENCES "workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "request_id"   uuid NOT NULL REFERENCES "privacy_request" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "reason"       text NOT NULL CHECK ("reason" IN ('identity', 'clarification')),
  "started_at"   timestamptz(3) NOT NULL,
  "ended_at"     timestamptz(3),
  CHECK ("ended_at" IS NULL OR "ended_at" >= "started_at")
);
CREATE INDEX "request_pause_request_id_idx" ON "request_pause" ("request_id");
-- At most one open pause per request.
CREATE UNIQUE INDEX "request_pause_open_key" ON "request_pause" ("request_id") WHERE "ended_at" IS NULL;

-- The request's timeline: every step, note and message, in order. `public` events are the ones
-- the subject sees on the status page.
CREATE TABLE "request_event" (
  "id"            uuid PRIMARY KEY,
  "workspace_id"  uuid NOT NULL REFERENCES "workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "request_id"    uuid NOT NULL REFERENCES "privacy_request" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "kind"          text NOT NULL,
  "actor_user_id" uuid REFERENCES "user" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
  "public"        boolean NOT NULL DEFAULT false,
  "body"          text CHECK (length("body") <= 20000),
  "created_at"    timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX "request_event_request_id_created_at_idx" ON "request_event" ("request_id", "created_at");

-- A code and a link that prove the requester reads the request's e-mail: to verify a new
-- request ('verify'), or to open its status page ('status'); and, once a status code is
-- accepted, the requester's short session on that page ('session': the cookie's token, whose
-- hash is link_hash). Stored as hashes; single use; attempts counted here.
CREATE TABLE "requester_code" (
  "id"           uuid PRIMARY KEY,
  "workspace_id" uuid NOT NULL REFERENCES "workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "request_id"   uuid NOT NULL REFERENCES "privacy_request" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "purpose"      text NOT NULL CHECK ("purpose" IN ('verify', 'status', 'session')),
  "code_hash"    text NOT NULL,
  "link_hash"    text NOT NULL UNIQUE,
  "attempts"     integer NOT NULL DEFAULT 0,
  "created_at"   timestamptz(3) NOT NULL DEFAULT now(),
  "expires_at"   timestamptz(3) NOT NULL,
  "used_at"      timestamptz(3)
);
CREATE INDEX "requester_code_request_id_idx" ON "requester_code" ("request_id");

-- A system that holds personal data, which every access or erasure request reaches through a
-- task. built_in: what Candor itself holds about the subject (one per workspace); manual: a
-- checklist item that a member completes.
CREATE TABLE "data_system" (
  "id"           uuid PRIMARY KEY,
  "workspace_id" uuid NOT NULL REFERENCES "workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "name"         text NOT NULL CHECK (length("name") BETWEEN 1 AND 120),
  "kind"         "data_system_kind" NOT NULL,
  "instructions" text NOT NULL DEFAULT '' CHECK (length("instructions") <= 5000),
  "created_at"   timestamptz(3) NOT NULL DEFAULT now(),
  "archived_at"  timestamptz(3)
);
CREATE INDEX "data_system_workspace_id_idx" ON "data_system" ("workspace_id");
CREATE UNIQUE INDEX "data_system_built_in_key" ON "data_system" ("workspace_id") WHERE "kind" = 'built_in';

INSERT INTO "data_system" ("id", "workspace_id", "name", "kind")
  SELECT gen_random_uuid(), "id", 'Candor (this privacy portal)', 'built_in' FROM "workspace";

-- One request's work in one data system: collect the subject's data (access) or erase it.
-- `artifact` locates the encrypted object holding what an access task collected; `receipt`
-- says what an erasure removed, and when.
CREATE TABLE "request_task" (
  "id"             uuid PRIMARY KEY,
  "workspace_id"   uuid NOT NULL REFERENCES "workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "request_id"     uuid NOT NULL REFERENCES "privacy_request" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "data_system_id" uuid NOT NULL REFERENCES "data_system" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
  "mode"           text NOT NULL CHECK ("mode" IN ('access', 'erasure')),
  "state"          "task_state" NOT NULL DEFAULT 'pending',
  "attempts"       integer NOT NULL DEFAULT 0,
  "last_error"     text,
  "artifact"       jsonb,
  "receipt"        jsonb,
  "note"           text CHECK (length("note") <= 5000),
  "completed_by"   uuid REFERENCES "user" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
  "completed_at"   timestamptz(3),
  "created_at"     timestamptz(3) NOT NULL DEFAULT now(),
  "updated_at"     timestamptz(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX "request_task_request_id_data_system_id_key" ON "request_task" ("request_id", "data_system_id");

-- The ZIP of an access or portability request: one per request, encrypted in object storage,
-- downloadable for 7 days, then deleted by a job.
CREATE TABLE "request_export" (
  "id"           uuid PRIMARY KEY,
  "workspace_id" uuid NOT NULL REFERENCES "workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "request_id"   uuid NOT NULL UNIQUE REFERENCES "privacy_request" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "object"       jsonb NOT NULL,
  "bytes"        bigint NOT NULL,
  "created_at"   timestamptz(3) NOT NULL DEFAULT now(),
  "expires_at"   timestamptz(3) NOT NULL,
  "deleted_at"   timestamptz(3),
  "downloads"    integer NOT NULL DEFAULT 0
);
CREATE INDEX "request_export_expires_at_idx" ON "request_export" ("expires_at");

-- What the workspace tells a subject about the processing (GDPR Art. 15(1)); the summary page
-- of every export is written from it.
CREATE TABLE "privacy_profile" (
  "workspace_id"          uuid PRIMARY KEY REFERENCES "workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "controller"            text NOT NULL DEFAULT '' CHECK (length("controller") <= 500),
  "purposes"              text NOT NULL DEFAULT '' CHECK (length("purposes") <= 5000),
  "data_categories"       text NOT NULL DEFAULT '' CHECK (length("data_categories") <= 5000),
  "retention"             text NOT NULL DEFAULT '' CHECK (length("retention") <= 5000),
  "sources"               text NOT NULL DEFAULT '' CHECK (length("sources") <= 5000),
  "automated_decisions"   text NOT NULL DEFAULT '' CHECK (length("automated_decisions") <= 5000),
  "transfers"             text NOT NULL DEFAULT '' CHECK (length("transfers") <= 5000),
  "supervisory_authority" text NOT NULL DEFAULT '' CHECK (length("supervisory_authority") <= 500),
  "contact"               text NOT NULL DEFAULT '' CHECK (length("contact") <= 500),
  "updated_at"            timestamptz(3) NOT NULL DEFAULT now()
);

-- The companies that process personal data for the workspace (the recipients of GDPR Art.
-- 15(1)(c)). The trust center (issue 5) publishes and versions this list.
CREATE TABLE "subprocessor" (
  "id"              uuid PRIMARY KEY,
  "workspace_id"    uuid NOT NULL REFERENCES "workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "name"            text NOT NULL CHECK (length("name") BETWEEN 1 AND 120),
  "purpose"         text NOT NULL CHECK (length("purpose") BETWEEN 1 AND 500),
  "data_categories" text NOT NULL DEFAULT '' CHECK (length("data_categories") <= 500),
  "region"          text NOT NULL DEFAULT '' CHECK (length("region") <= 120),
  "created_at"      timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX "subprocessor_workspace_id_idx" ON "subprocessor" ("workspace_id");

-- Replies staff send, per request type (null: any) and language, with {{variables}}.
CREATE TABLE "reply_template" (
  "id"           uuid PRIMARY KEY,
  "workspace_id" uuid NOT NULL REFERENCES "workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "name"         text NOT NULL CHECK (length("name") BETWEEN 1 AND 120),
  "request_type" "request_type",
  "language"     text NOT NULL DEFAULT 'en',
  "body"         text NOT NULL CHECK (length("body") BETWEEN 1 AND 20000),
  "created_at"   timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX "reply_template_workspace_id_idx" ON "reply_template" ("workspace_id");

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['privacy_request', 'request_pause', 'request_event', 'requester_code',
    'data_system', 'request_task', 'request_export', 'privacy_profile', 'subprocessor', 'reply_template']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I USING ("workspace_id" = app_current_workspace()) WITH CHECK ("workspace_id" = app_current_workspace())', t || '_isolation', t);
    PERFORM app_allow_owner_maintenance(format('%I', t)::regclass);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE ON %I TO candor_app', t);
  END LOOP;
END
$$;

-- Unverified requests that expire were never received: they are deleted, not kept.
GRANT DELETE ON "privacy_request", "requester_code", "request_pause", "subprocessor", "reply_template" TO candor_app;

-- A data subject acting on their own request (filing, verifying, downloading) is an actor of
-- the audit log of its own kind; the actor id is the request's id.
ALTER TYPE "audit_actor_type" ADD VALUE 'subject';
