-- The tokens a webhook data system answers a task with, later (issue 17, decision 036): one per
-- time Candor sent the task (a resend must not cut off an endpoint still working on the first
-- one), each random and stored only as its SHA-256 (hex), valid until the request's deadline and
-- only while the task is not done. The callback carries no session: the token finds its row
-- through the lookup policy (app.task_token_hash), the way an API key finds its own.
CREATE TABLE "data_system_task_token" (
  "id"           uuid PRIMARY KEY,
  "workspace_id" uuid NOT NULL REFERENCES "workspace" ("id") ON DELETE CASCADE,
  "task_id"      uuid NOT NULL REFERENCES "request_task" ("id") ON DELETE CASCADE,
  "token_hash"   text NOT NULL UNIQUE CHECK ("token_hash" ~ '^[0-9a-f]{64}$'),
  "expires_at"   timestamptz(3) NOT NULL,
  "created_at"   timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX "data_system_task_token_task" ON "data_system_task_token" ("task_id", "created_at");
CREATE INDEX "data_system_task_token_workspace" ON "data_system_task_token" ("workspace_id");

ALTER TABLE "data_system_task_token" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "data_system_task_token" FORCE ROW LEVEL SECURITY;
CREATE POLICY "data_system_task_token_isolation" ON "data_system_task_token"
  USING ("workspace_id" = app_current_workspace())
  WITH CHECK ("workspace_id" = app_current_workspace());
CREATE POLICY "data_system_task_token_lookup" ON "data_system_task_token" FOR SELECT
  USING ("token_hash" = nullif(current_setting('app.task_token_hash', true), ''));
SELECT app_allow_owner_maintenance('"data_system_task_token"');
GRANT SELECT, INSERT ON "data_system_task_token" TO candor_app;
