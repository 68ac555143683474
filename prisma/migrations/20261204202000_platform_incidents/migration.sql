-- Platform incidents (issue 16): an incident of the Candor service that the platform's operators
-- declare, update and resolve in the operator console, affecting every workspace or a chosen
-- list; each event reaches the affected workspaces (audit entry, and for S0/S1 an e-mail to
-- every owner and admin) through the platform_incident.notify job; operators may publish it on
-- Candor's own trust page. Decision 028 explains the row-level security below.
CREATE TYPE "platform_incident_severity" AS ENUM ('S0', 'S1', 'S2', 'S3');
CREATE TYPE "platform_incident_status" AS ENUM ('investigating', 'identified', 'monitoring', 'resolved');
CREATE TYPE "platform_incident_event_kind" AS ENUM ('declared', 'update', 'published', 'unpublished');

-- The incident as it is now; its history is platform_incident_event.
CREATE TABLE "platform_incident" (
  "id"          uuid PRIMARY KEY,
  "title"       text NOT NULL CHECK (length("title") BETWEEN 1 AND 160),
  "description" text NOT NULL CHECK (length("description") BETWEEN 1 AND 4000),
  "severity"    "platform_incident_severity" NOT NULL,
  "status"      "platform_incident_status" NOT NULL,
  "started_at"  timestamptz(3) NOT NULL,
  "resolved_at" timestamptz(3),
  -- Every workspace, now and created while it lasts; else those in platform_incident_workspace.
  "affects_all" boolean NOT NULL,
  -- Listed on Candor's own trust page (/trust): title, severity, dates and updates, never whom it affected.
  "published"   boolean NOT NULL DEFAULT false,
  "declared_by" uuid REFERENCES "user" ("id") ON DELETE SET NULL,
  "declared_at" timestamptz(3) NOT NULL DEFAULT now(),
  CHECK (("status" = 'resolved') = ("resolved_at" IS NOT NULL)),
  CHECK ("resolved_at" IS NULL OR "resolved_at" >= "started_at")
);
CREATE INDEX "platform_incident_declared_at_idx" ON "platform_incident" ("declared_at");

-- One thing that happened to an incident: declared, an update (a text, with the status and
-- severity from then on), published or unpublished. Insert only.
CREATE TABLE "platform_incident_event" (
  "id"          uuid PRIMARY KEY,
  "incident_id" uuid NOT NULL REFERENCES "platform_incident" ("id") ON DELETE CASCADE,
  "kind"        "platform_incident_event_kind" NOT NULL,
  "status"      "platform_incident_status" NOT NULL,
  "severity"    "platform_incident_severity" NOT NULL,
  "message"     text CHECK (length("message") BETWEEN 1 AND 4000),
  "posted_by"   uuid REFERENCES "user" ("id") ON DELETE SET NULL,
  "posted_at"   timestamptz(3) NOT NULL DEFAULT now(),
  CHECK (("kind" IN ('declared', 'update')) = ("message" IS NOT NULL))
);
CREATE INDEX "platform_incident_event_incident_id_posted_at_idx" ON "platform_incident_event" ("incident_id", "posted_at");

-- The chosen workspaces of an incident that does not affect all.
CREATE TABLE "platform_incident_workspace" (
  "incident_id"  uuid NOT NULL REFERENCES "platform_incident" ("id") ON DELETE CASCADE,
  "workspace_id" uuid NOT NULL REFERENCES "workspace" ("id") ON DELETE CASCADE,
  PRIMARY KEY ("incident_id", "workspace_id")
);
CREATE INDEX "platform_incident_workspace_workspace_id_idx" ON "platform_incident_workspace" ("workspace_id");

-- One event delivered to one affected workspace: its audit entry written and, for S0/S1, its
-- owners and admins e-mailed, in the transaction that writes this row. Unique per event and
-- workspace, so platform_incident.notify, retried or run twice, tells nobody twice.
CREATE TABLE "platform_incident_notice" (
  "event_id"     uuid NOT NULL REFERENCES "platform_incident_event" ("id") ON DELETE CASCADE,
  "workspace_id" uuid NOT NULL REFERENCES "workspace" ("id") ON DELETE CASCADE,
  "recipients"   integer NOT NULL CHECK ("recipients" >= 0),
  "notified_at"  timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY ("event_id", "workspace_id")
);
CREATE INDEX "platform_incident_notice_workspace_id_idx" ON "platform_incident_notice" ("workspace_id");

-- Platform rows, like the platform's audit chain: visible only outside a workspace (withPlatform,
-- withOperator), written only by an operator outside a workspace. Inside a workspace nothing of
-- them is visible, so no workspace learns which others an incident affects; a workspace reads
-- the incidents that affect it through app_platform_incidents_here() below.
ALTER TABLE "platform_incident" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "platform_incident" FORCE ROW LEVEL SECURITY;
CREATE POLICY "platform_incident_platform" ON "platform_incident" FOR SELECT
  USING (app_current_workspace() IS NULL);
CREATE POLICY "platform_incident_operator_insert" ON "platform_incident" FOR INSERT
  WITH CHECK (app_current_workspace() IS NULL AND nullif(current_setting('app.operator_id', true), '') IS NOT NULL);
CREATE POLICY "platform_incident_operator_update" ON "platform_incident" FOR UPDATE
  USING (app_current_workspace() IS NULL AND nullif(current_setting('app.operator_id', true), '') IS NOT NULL)
  WITH CHECK (app_current_workspace() IS NULL AND nullif(current_setting('app.operator_id', true), '') IS NOT NULL);
SELECT app_allow_owner_maintenance('"platform_incident"');
GRANT SELECT, INSERT, UPDATE ON "platform_incident" TO candor_app;

ALTER TABLE "platform_incident_event" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "platform_incident_event" FORCE ROW LEVEL SECURITY;
CREATE POLICY "platform_incident_event_platform" ON "platform_incident_event" FOR SELECT
  USING (app_current_workspace() IS NULL);
CREATE POLICY "platform_incident_event_operator_insert" ON "platform_incident_event" FOR INSERT
  WITH CHECK (app_current_workspace() IS NULL AND nullif(current_setting('app.operator_id', true), '') IS NOT NULL);
SELECT app_allow_owner_maintenance('"platform_incident_event"');
GRANT SELECT, INSERT ON "platform_incident_event" TO candor_app;

-- A workspace sees that it is listed (its own row), operators outside a workspace see and
-- write every row.
ALTER TABLE "platform_incident_workspace" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "platform_incident_workspace" FORCE ROW LEVEL SECURITY;
CREATE POLICY "platform_incident_workspace_isolation" ON "platform_incident_workspace" FOR SELECT
  USING ("workspace_id" = app_current_workspace());
CREATE POLICY "platform_incident_workspace_operator" ON "platform_incident_workspace"
  USING (app_current_workspace() IS NULL AND nullif(current_setting('app.operator_id', true), '') IS NOT NULL)
  WITH CHECK (app_current_workspace() IS NULL AND nullif(current_setting('app.operator_id', true), '') IS NOT NULL);
SELECT app_allow_owner_maintenance('"platform_incident_workspace"');
GRANT SELECT, INSERT ON "platform_incident_workspace" TO candor_app;

ALTER TABLE "platform_incident_notice" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "platform_incident_notice" FORCE ROW LEVEL SECURITY;
CREATE POLICY "platform_incident_notice_isolation" ON "platform_incident_notice"
  USING ("workspace_id" = app_current_workspace())
  WITH CHECK ("workspace_id" = app_current_workspace());
SELECT app_allow_owner_maintenance('"platform_incident_notice"');
GRANT SELECT, INSERT ON "platform_incident_notice" TO candor_app;

-- The incidents that affect the transaction's workspace, as its dashboard shows them: open ones,
-- and those resolved after p_resolved_since, each with its newest update. Runs as the owner
-- (SECURITY DEFINER) so that a workspace reads these columns of the incidents that concern it
-- and nothing else: not the list of other workspaces, not the declaring operator. Computed from
-- the rows at the moment it is called, so the banner never lags the incident.
CREATE FUNCTION app_platform_incidents_here(p_resolved_since timestamptz)
  RETURNS TABLE (
    "id" uuid, "title" text, "severity" "platform_incident_severity", "status" "platform_incident_status",
    "started_at" timestamptz, "resolved_at" timestamptz, "last_message" text, "last_posted_at" timestamptz
  )
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT i."id", i."title", i."severity", i."status", i."started_at", i."resolved_at", u."message", u."posted_at"
    FROM "platform_incident" i
    CROSS JOIN LATERAL (
      SELECT e."message", e."posted_at" FROM "platform_incident_event" e
       WHERE e."incident_id" = i."id" AND e."message" IS NOT NULL
       ORDER BY e."posted_at" DESC, e."id" DESC LIMIT 1) u
   WHERE app_current_workspace() IS NOT NULL
     AND (i."resolved_at" IS NULL OR i."resolved_at" > p_resolved_since)
     AND (i."affects_all" OR EXISTS (
           SELECT 1 FROM "platform_incident_workspace" a
            WHERE a."incident_id" = i."id" AND a."workspace_id" = app_current_workspace()))
   ORDER BY i."resolved_at" IS NOT NULL, i."severity", i."started_at" DESC
$$;
REVOKE EXECUTE ON FUNCTION app_platform_incidents_here(timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_platform_incidents_here(timestamptz) TO candor_app;

-- The incidents operators published, for Candor's own trust page (rendered inside the platform
-- workspace's transaction, where platform rows are hidden): title, severity, status, dates and
-- the updates' texts, never which workspaces they affected nor who posted them.
CREATE FUNCTION app_published_platform_incidents()
  RETURNS TABLE (
    "id" uuid, "title" text, "severity" "platform_incident_severity", "status" "platform_incident_status",
    "started_at" timestamptz, "resolved_at" timestamptz, "updates" jsonb
  )
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT i."id", i."title", i."severity", i."status", i."started_at", i."resolved_at",
         coalesce((SELECT jsonb_agg(jsonb_build_object('status', e."status", 'message', e."message", 'postedAt', e."posted_at")
                                    ORDER BY e."posted_at" DESC, e."id" DESC)
                     FROM "platform_incident_event" e
                    WHERE e."incident_id" = i."id" AND e."message" IS NOT NULL), '[]'::jsonb)
    FROM "platform_incident" i
   WHERE i."published"
   ORDER BY i."started_at" DESC
$$;
REVOKE EXECUTE ON FUNCTION app_published_platform_incidents() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_published_platform_incidents() TO candor_app;
