-- The Data Rights Protocol (issue 17 part 4, decision 034). `drp_agent`: the Authorized Agents a
-- workspace accepts, each with its DRP id and Ed25519 verify key (base64, as the DRP service
-- directory gives it), and the SHA-256 of the bearer token its last pair-wise key setup received
-- (the token itself is never stored). `drp_request`: one Data Rights Request, which became the
-- privacy request it names. Replays are refused by unique constraints: the same agent-request-id,
-- or the same signed message, from one agent is accepted once.
CREATE TABLE "drp_agent" (
  "id"              uuid PRIMARY KEY,
  "workspace_id"    uuid NOT NULL REFERENCES "workspace" ("id") ON DELETE CASCADE,
  "agent_id"        text NOT NULL CHECK ("agent_id" ~ '^[A-Za-z0-9_.-]{1,100}$'),
  "name"            text NOT NULL CHECK (length("name") BETWEEN 1 AND 200),
  -- 32 raw bytes, base64: 44 characters ending in one "=".
  "verify_key"      text NOT NULL CHECK ("verify_key" ~ '^[A-Za-z0-9+/]{43}=$'),
  "token_hash"      text UNIQUE CHECK ("token_hash" ~ '^[0-9a-f]{64}$'),
  "token_issued_at" timestamptz(3),
  -- SHA-256 of the signed setup message that got the token: the same message is not honoured twice.
  "pairing_sha256"  text CHECK ("pairing_sha256" ~ '^[0-9a-f]{64}$'),
  "created_at"      timestamptz(3) NOT NULL DEFAULT now(),
  -- Removed from the dashboard: no token works, no setup is honoured; its requests keep their link.
  "removed_at"      timestamptz(3),
  CONSTRAINT "drp_agent_once" UNIQUE ("workspace_id", "agent_id"),
  CONSTRAINT "drp_agent_token_time" CHECK (("token_hash" IS NULL) = ("token_issued_at" IS NULL))
);

CREATE TABLE "drp_request" (
  "id"                 uuid PRIMARY KEY,
  "workspace_id"       uuid NOT NULL REFERENCES "workspace" ("id") ON DELETE CASCADE,
  "agent_id"           uuid NOT NULL REFERENCES "drp_agent" ("id"),
  -- Null once Candor no longer holds the request (deleted unconfirmed, or past retention).
  "privacy_request_id" uuid UNIQUE REFERENCES "privacy_request" ("id") ON DELETE SET NULL,
  "agent_request_id"   text CHECK (length("agent_request_id") BETWEEN 1 AND 200),
  "message_sha256"     text NOT NULL CHECK ("message_sha256" ~ '^[0-9a-f]{64}$'),
  "exercise"           text NOT NULL CHECK (length("exercise") <= 50),
  "status_callback"    text CHECK (length("status_callback") <= 2000),
  "revoked_at"         timestamptz(3),
  "revoke_reason"      text CHECK (length("revoke_reason") <= 2000),
  -- SHA-256 of the last status the agent's callback answered 2xx to, so nothing is sent twice.
  "callback_sha256"    text CHECK ("callback_sha256" ~ '^[0-9a-f]{64}$'),
  "callback_error"     text CHECK (length("callback_error") <= 500),
  "created_at"         timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT "drp_request_agent_request_once" UNIQUE ("agent_id", "agent_request_id"),
  CONSTRAINT "drp_request_message_once" UNIQUE ("agent_id", "message_sha256")
);
CREATE INDEX "drp_request_workspace" ON "drp_request" ("workspace_id", "created_at");

ALTER TABLE "drp_agent" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "drp_agent" FORCE ROW LEVEL SECURITY;
CREATE POLICY "drp_agent_isolation" ON "drp_agent"
  USING ("workspace_id" = app_current_workspace())
  WITH CHECK ("workspace_id" = app_current_workspace());
SELECT app_allow_owner_maintenance('"drp_agent"');

ALTER TABLE "drp_request" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "drp_request" FORCE ROW LEVEL SECURITY;
CREATE POLICY "drp_request_isolation" ON "drp_request"
  USING ("workspace_id" = app_current_workspace())
  WITH CHECK ("workspace_id" = app_current_workspace());
SELECT app_allow_owner_maintenance('"drp_request"');

GRANT SELECT, INSERT, UPDATE ON "drp_agent", "drp_request" TO candor_app;
