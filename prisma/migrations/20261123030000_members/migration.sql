-- Invitations by e-mail, and workspace deletion.
--
-- An invitation is bound to the invited address: only a person signed in with that e-mail can
-- see and accept it (the addressee policies below), once, before it expires.

-- The e-mail of the person a withUser transaction acts for, or NULL.
CREATE FUNCTION app_current_user_email() RETURNS text
  LANGUAGE sql STABLE
  AS $$ SELECT email FROM "user" WHERE id = app_current_user() $$;

CREATE TABLE "invitation" (
  "id"           uuid PRIMARY KEY,
  "workspace_id" uuid NOT NULL REFERENCES "workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "email"        text NOT NULL CHECK ("email" = lower("email")),
  "role"         "member_role" NOT NULL CHECK ("role" <> 'owner'),
  "invited_by"   uuid REFERENCES "user" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
  "created_at"   timestamptz(3) NOT NULL DEFAULT now(),
  "expires_at"   timestamptz(3) NOT NULL,
  "accepted_at"  timestamptz(3),
  "revoked_at"   timestamptz(3)
);
CREATE INDEX "invitation_workspace_id_idx" ON "invitation" ("workspace_id");
CREATE INDEX "invitation_email_idx" ON "invitation" ("email");

ALTER TABLE "invitation" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "invitation" FORCE ROW LEVEL SECURITY;
CREATE POLICY "invitation_isolation" ON "invitation"
  USING ("workspace_id" = app_current_workspace())
  WITH CHECK ("workspace_id" = app_current_workspace());
CREATE POLICY "invitation_addressee" ON "invitation" FOR SELECT
  USING ("email" = app_current_user_email());

-- The invited person may read the name of a workspace that has an open invitation for them.
CREATE POLICY "workspace_invited" ON "workspace" FOR SELECT
  USING (EXISTS (
    SELECT 1 FROM "invitation" i
    WHERE i."workspace_id" = "workspace"."id" AND i."email" = app_current_user_email()
      AND i."accepted_at" IS NULL AND i."revoked_at" IS NULL
  ));

GRANT SELECT, INSERT, UPDATE ON "invitation" TO candor_app;

-- A deleted workspace is closed at once (every page and API answers 404) and kept, with its
-- append-only audit log, until the retention job purges it.
ALTER TABLE "workspace" ADD COLUMN "deleted_at" timestamptz(3);
