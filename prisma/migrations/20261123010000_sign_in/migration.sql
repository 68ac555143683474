-- Passwordless sign-in and the person's own view of their workspaces.
--
-- sign_in_code: the server's record of each e-mailed code, so that a code is single use, expires
-- after 10 minutes and allows at most 5 attempts whatever the browser's cookie says. Only hashes
-- of the code and of the magic-link token are kept. See docs/decisions/005-sign-in.md.

-- A person who has proved their e-mail but not finished onboarding has no name yet.
ALTER TABLE "user" ALTER COLUMN "name" DROP NOT NULL;

CREATE TABLE "sign_in_code" (
  "id"          uuid PRIMARY KEY,
  "email"       text NOT NULL CHECK ("email" = lower("email")),
  "code_hash"   text NOT NULL,
  "link_hash"   text NOT NULL,
  "attempts"    integer NOT NULL DEFAULT 0,
  "created_at"  timestamptz(3) NOT NULL DEFAULT now(),
  "expires_at"  timestamptz(3) NOT NULL,
  "consumed_at" timestamptz(3)
);
CREATE INDEX "sign_in_code_email_created_at_idx" ON "sign_in_code" ("email", "created_at");
CREATE INDEX "sign_in_code_expires_at_idx" ON "sign_in_code" ("expires_at");

GRANT SELECT, INSERT, UPDATE, DELETE ON "sign_in_code" TO candor_app;

-- The person a transaction acts for, outside any workspace (set by withUser), or NULL.
CREATE FUNCTION app_current_user() RETURNS uuid
  LANGUAGE sql STABLE
  AS $$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $$;

-- A person may read their own memberships, and the workspaces they belong to, so that the
-- dashboard can list them and resolve /w/:slug. Nothing else of those workspaces is visible
-- without working for the workspace (withTenant).
CREATE POLICY "membership_own" ON "membership" FOR SELECT
  USING ("user_id" = app_current_user());

CREATE POLICY "workspace_member" ON "workspace" FOR SELECT
  USING (EXISTS (
    SELECT 1 FROM "membership" m
    WHERE m."workspace_id" = "workspace"."id" AND m."user_id" = app_current_user()
  ));
