-- The public trust page (issue 5, items 1-3 and 8): one draft per workspace, the published
-- versions (kept, never changed), the latest result of each live check, and a version stamp on
-- the workspace that every instance compares before serving its cached page.

-- Bumped by every change that shows on the public page: a publish, a new check result, a
-- sub-processor added, changed or removed (trigger below). Each instance keeps the rendered page
-- keyed by it, so a change committed through one instance reaches every other at its next look.
ALTER TABLE "workspace" ADD COLUMN "trust_stamp" bigint NOT NULL DEFAULT 0;

-- What members are editing: one draft per workspace (the content schema is app/modules/trust/
-- content.ts, checked by the app on every save).
CREATE TABLE "trust_page_draft" (
  "workspace_id" uuid PRIMARY KEY REFERENCES "workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "content"      jsonb NOT NULL,
  "updated_by"   uuid REFERENCES "user" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
  "updated_at"   timestamptz(3) NOT NULL DEFAULT now()
);

-- Every published version, numbered 1, 2, 3… per workspace, with the SHA-256 of its canonical
-- JSON. The public page shows the newest. Versions are history: the app may only add them.
CREATE TABLE "trust_page_version" (
  "id"             uuid PRIMARY KEY,
  "workspace_id"   uuid NOT NULL REFERENCES "workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "number"         integer NOT NULL CHECK ("number" > 0),
  "content"        jsonb NOT NULL,
  "content_sha256" text NOT NULL CHECK ("content_sha256" ~ '^[0-9a-f]{64}$'),
  "published_by"   uuid REFERENCES "user" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
  "published_at"   timestamptz(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX "trust_page_version_workspace_id_number_key" ON "trust_page_version" ("workspace_id", "number");

-- The latest result of each live check (app/modules/trust/checks.server.ts), computed by the
-- hourly trust.checks job and on publish, never on a page view. `passed_at` is the last time it
-- passed; `summary` is the sentence the page shows.
CREATE TABLE "trust_check_result" (
  "workspace_id" uuid NOT NULL REFERENCES "workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "check"        text NOT NULL CHECK ("check" IN ('two_factor', 'requests_on_time', 'audit_chain')),
  "passed"       boolean NOT NULL,
  "summary"      text NOT NULL CHECK (length("summary") <= 500),
  "detail"       jsonb NOT NULL DEFAULT '{}',
  "checked_at"   timestamptz(3) NOT NULL,
  "passed_at"    timestamptz(3),
  PRIMARY KEY ("workspace_id", "check")
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['trust_page_draft', 'trust_page_version', 'trust_check_result']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I USING ("workspace_id" = app_current_workspace()) WITH CHECK ("workspace_id" = app_current_workspace())', t || '_isolation', t);
    PERFORM app_allow_owner_maintenance(format('%I', t)::regclass);
  END LOOP;
END
$$;

GRANT SELECT, INSERT, UPDATE ON "trust_page_draft", "trust_check_result" TO candor_app;
GRANT SELECT, INSERT ON "trust_page_version" TO candor_app;

-- The public page lists the sub-processors live: any change to them moves the stamp. Skipped
-- inside a cascade (pg_trigger_depth() > 1), where the workspace row itself is being deleted.
CREATE FUNCTION app_trust_stamp_bump() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF pg_trigger_depth() > 1 THEN
    RETURN NULL;
  END IF;
  UPDATE "workspace" SET "trust_stamp" = "trust_stamp" + 1
   WHERE "id" = CASE WHEN TG_OP = 'DELETE' THEN OLD."workspace_id" ELSE NEW."workspace_id" END;
  IF TG_OP = 'UPDATE' AND OLD."workspace_id" IS DISTINCT FROM NEW."workspace_id" THEN
    UPDATE "workspace" SET "trust_stamp" = "trust_stamp" + 1 WHERE "id" = OLD."workspace_id";
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER "subprocessor_trust_stamp" AFTER INSERT OR UPDATE OR DELETE ON "subprocessor"
  FOR EACH ROW EXECUTE FUNCTION app_trust_stamp_bump();
