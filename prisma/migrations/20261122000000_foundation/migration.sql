-- Foundation: the application role, the tenant setting, and the first tables.
-- Runs as the database owner. Application queries run as candor_app, which owns nothing and
-- cannot bypass row-level security (see docs/decisions/001-database-roles.md).

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'candor_app') THEN
    CREATE ROLE candor_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
END
$$;

-- The owner's connections switch to candor_app at connection start (role=candor_app).
DO $$
BEGIN
  IF NOT pg_has_role(current_user, 'candor_app', 'MEMBER') THEN
    EXECUTE format('GRANT candor_app TO %I', current_user);
  END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO candor_app;

-- The workspace the current transaction works for, or NULL outside any workspace.
-- Set with set_config('app.workspace_id', <uuid>, true) by the tenant helper.
CREATE FUNCTION app_current_workspace() RETURNS uuid
  LANGUAGE sql STABLE
  AS $$ SELECT nullif(current_setting('app.workspace_id', true), '')::uuid $$;

CREATE TYPE "member_role" AS ENUM ('owner', 'admin', 'agent', 'viewer');
CREATE TYPE "email_status" AS ENUM ('queued', 'sent', 'outbox', 'failed');

CREATE TABLE "workspace" (
  "id"         uuid PRIMARY KEY,
  "slug"       text NOT NULL UNIQUE CHECK ("slug" ~ '^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$'),
  "name"       text NOT NULL CHECK (length("name") BETWEEN 1 AND 120),
  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
  "updated_at" timestamptz(3) NOT NULL DEFAULT now()
);

CREATE TABLE "user" (
  "id"         uuid PRIMARY KEY,
  "email"      text NOT NULL UNIQUE CHECK ("email" = lower("email")),
  "name"       text NOT NULL,
  "created_at" timestamptz(3) NOT NULL DEFAULT now()
);

CREATE TABLE "membership" (
  "id"           uuid PRIMARY KEY,
  "workspace_id" uuid NOT NULL REFERENCES "workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "user_id"      uuid NOT NULL REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "role"         "member_role" NOT NULL,
  "created_at"   timestamptz(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX "membership_workspace_id_user_id_key" ON "membership" ("workspace_id", "user_id");
CREATE INDEX "membership_user_id_idx" ON "membership" ("user_id");

CREATE TABLE "email_message" (
  "id"           uuid PRIMARY KEY,
  "workspace_id" uuid REFERENCES "workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "to"           text NOT NULL,
  "from"         text NOT NULL,
  "subject"      text NOT NULL,
  "text"         text NOT NULL,
  "html"         text,
  "status"       "email_status" NOT NULL DEFAULT 'queued',
  "attempts"     integer NOT NULL DEFAULT 0,
  "last_error"   text,
  "provider_id"  text,
  "created_at"   timestamptz(3) NOT NULL DEFAULT now(),
  "delivered_at" timestamptz(3)
);
CREATE INDEX "email_message_workspace_id_created_at_idx" ON "email_message" ("workspace_id", "created_at");

CREATE TABLE "rate_limit_bucket" (
  "key"          text PRIMARY KEY,
  "window_start" timestamptz(3) NOT NULL,
  "count"        integer NOT NULL,
  "expires_at"   timestamptz(3) NOT NULL
);
CREATE INDEX "rate_limit_bucket_expires_at_idx" ON "rate_limit_bucket" ("expires_at");

CREATE TABLE "csp_report" (
  "id"                 uuid PRIMARY KEY,
  "document_uri"       text NOT NULL,
  "violated_directive" text NOT NULL,
  "blocked_uri"        text,
  "source_file"        text,
  "line_number"        integer,
  "created_at"         timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX "csp_report_created_at_idx" ON "csp_report" ("created_at");

-- Row-level security: enabled and forced on every table with a workspace_id.
-- A row is visible only inside a transaction working for its workspace. Rows with no workspace
-- (platform e-mails) are visible only when no workspace is set.
ALTER TABLE "workspace" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "workspace" FORCE ROW LEVEL SECURITY;
CREATE POLICY "workspace_isolation" ON "workspace"
  USING ("id" = app_current_workspace()) WITH CHECK ("id" = app_current_workspace());

ALTER TABLE "membership" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "membership" FORCE ROW LEVEL SECURITY;
CREATE POLICY "membership_isolation" ON "membership"
  USING ("workspace_id" = app_current_workspace())
  WITH CHECK ("workspace_id" = app_current_workspace());

ALTER TABLE "email_message" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "email_message" FORCE ROW LEVEL SECURITY;
CREATE POLICY "email_message_isolation" ON "email_message"
  USING ("workspace_id" IS NOT DISTINCT FROM app_current_workspace())
  WITH CHECK ("workspace_id" IS NOT DISTINCT FROM app_current_workspace());

GRANT SELECT, INSERT, UPDATE, DELETE ON "workspace", "user", "membership", "email_message",
  "rate_limit_bucket", "csp_report" TO candor_app;
