-- The dataset maps of a Postgres data system (issue 17, decision 031): each save is a numbered
-- version, never changed afterwards; a task uses the latest version at the time it runs and
-- its receipt names that version.
CREATE TABLE "data_system_map" (
  "id"             uuid PRIMARY KEY,
  "workspace_id"   uuid NOT NULL REFERENCES "workspace" ("id") ON DELETE CASCADE,
  "data_system_id" uuid NOT NULL REFERENCES "data_system" ("id") ON DELETE CASCADE,
  "version"        integer NOT NULL CHECK ("version" >= 1),
  "map"            jsonb NOT NULL,
  "saved_by"       uuid REFERENCES "user" ("id") ON DELETE SET NULL,
  "saved_at"       timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT "data_system_map_version" UNIQUE ("data_system_id", "version")
);
CREATE INDEX "data_system_map_workspace" ON "data_system_map" ("workspace_id");

ALTER TABLE "data_system_map" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "data_system_map" FORCE ROW LEVEL SECURITY;
CREATE POLICY "data_system_map_isolation" ON "data_system_map"
  USING ("workspace_id" = app_current_workspace())
  WITH CHECK ("workspace_id" = app_current_workspace());
SELECT app_allow_owner_maintenance('"data_system_map"');
GRANT SELECT, INSERT ON "data_system_map" TO candor_app;
