-- API keys, and the IP allowlist of a workspace.
--
-- API keys: per workspace, with a name and scopes, shown once, stored as a SHA-256 hash next to
-- a visible prefix. The prefix finds the key (the app sets app.api_key_prefix for that one
-- lookup); the hash, compared in constant time, proves it.

CREATE TABLE "api_key" (
  "id"           uuid PRIMARY KEY,
  "workspace_id" uuid NOT NULL REFERENCES "workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "name"         text NOT NULL CHECK (length("name") BETWEEN 1 AND 80),
  "prefix"       text NOT NULL UNIQUE,
  "secret_hash"  text NOT NULL,
  "scopes"       text[] NOT NULL,
  "created_by"   uuid REFERENCES "user" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
  "created_at"   timestamptz(3) NOT NULL DEFAULT now(),
  "last_used_at" timestamptz(3),
  "revoked_at"   timestamptz(3)
);
CREATE INDEX "api_key_workspace_id_idx" ON "api_key" ("workspace_id");

ALTER TABLE "api_key" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "api_key" FORCE ROW LEVEL SECURITY;
CREATE POLICY "api_key_isolation" ON "api_key"
  USING ("workspace_id" = app_current_workspace())
  WITH CHECK ("workspace_id" = app_current_workspace());
CREATE POLICY "api_key_lookup" ON "api_key" FOR SELECT
  USING ("prefix" = nullif(current_setting('app.api_key_prefix', true), ''));

GRANT SELECT, INSERT, UPDATE ON "api_key" TO candor_app;

-- The addresses (CIDR ranges, normalised by the app) allowed to reach the workspace's
-- dashboard and API. Empty: every address.
ALTER TABLE "workspace" ADD COLUMN "ip_allowlist" text[] NOT NULL DEFAULT '{}';
