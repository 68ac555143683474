-- Per-workspace data keys for envelope encryption of secrets. Each key is stored only wrapped
-- (AES-256-GCM) under the key-encryption key (KEK), which never leaves process memory;
-- kek_id names the KEK that wrapped it, so keys:rotate can re-wrap under a new one.

CREATE TABLE "workspace_key" (
  "workspace_id" uuid NOT NULL REFERENCES "workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "version"      integer NOT NULL CHECK ("version" > 0),
  "kek_id"       text NOT NULL,
  "wrapped_key"  bytea NOT NULL,
  "created_at"   timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY ("workspace_id", "version")
);

ALTER TABLE "workspace_key" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "workspace_key" FORCE ROW LEVEL SECURITY;
CREATE POLICY "workspace_key_isolation" ON "workspace_key"
  USING ("workspace_id" = app_current_workspace())
  WITH CHECK ("workspace_id" = app_current_workspace());

-- The app creates and reads keys; only keys:rotate (as the owner) re-wraps them.
GRANT SELECT, INSERT ON "workspace_key" TO candor_app;
