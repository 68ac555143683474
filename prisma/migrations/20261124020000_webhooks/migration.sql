-- Outgoing webhooks (issue 4, item 8): a workspace's endpoints, which receive signed POSTs when
-- its privacy requests change state, and one delivery row per event and endpoint, kept with
-- its attempts and last answer for the dashboard. Both are tenant data: forced row-level security.

-- An HTTPS address of the customer's (http only to this machine, outside production: checked
-- by the app), the event types it subscribes to, and its signing secret, encrypted under the
-- workspace's data key (bound to this table, column and row). Disabled, never deleted: its
-- deliveries stay readable.
CREATE TABLE "webhook_endpoint" (
  "id"               uuid PRIMARY KEY,
  "workspace_id"     uuid NOT NULL REFERENCES "workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "url"              text NOT NULL CHECK ("url" ~ '^https?://' AND length("url") <= 2000),
  "secret_encrypted" text NOT NULL,
  "events"           text[] NOT NULL CHECK (cardinality("events") >= 1),
  "created_at"       timestamptz(3) NOT NULL DEFAULT now(),
  "disabled_at"      timestamptz(3)
);
CREATE INDEX "webhook_endpoint_workspace_id_idx" ON "webhook_endpoint" ("workspace_id");

-- One event for one endpoint. `payload` is the event as sent (signed afresh on each attempt);
-- `event_id` is the same for every endpoint that receives the event, and receivers use it to
-- ignore a repeat. delivered_at: a 2xx answer; failed_at: every retry was used up.
-- request_id names the request a payload copies (none for a test event): erasing a subject's
-- earlier requests redacts these copies too.
CREATE TABLE "webhook_delivery" (
  "id"           uuid PRIMARY KEY,
  "workspace_id" uuid NOT NULL REFERENCES "workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "endpoint_id"  uuid NOT NULL REFERENCES "webhook_endpoint" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "request_id"   uuid REFERENCES "privacy_request" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "event_id"     uuid NOT NULL,
  "event_type"   text NOT NULL,
  "payload"      jsonb NOT NULL,
  "attempts"     integer NOT NULL DEFAULT 0,
  "last_status"  integer,
  "last_error"   text CHECK (length("last_error") <= 2000),
  "created_at"   timestamptz(3) NOT NULL DEFAULT now(),
  "delivered_at" timestamptz(3),
  "failed_at"    timestamptz(3)
);
CREATE UNIQUE INDEX "webhook_delivery_endpoint_id_event_id_key" ON "webhook_delivery" ("endpoint_id", "event_id");
CREATE INDEX "webhook_delivery_endpoint_id_created_at_idx" ON "webhook_delivery" ("endpoint_id", "created_at");
CREATE INDEX "webhook_delivery_request_id_idx" ON "webhook_delivery" ("request_id");

ALTER TABLE "webhook_endpoint" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "webhook_endpoint" FORCE ROW LEVEL SECURITY;
CREATE POLICY "webhook_endpoint_isolation" ON "webhook_endpoint"
  USING ("workspace_id" = app_current_workspace())
  WITH CHECK ("workspace_id" = app_current_workspace());
SELECT app_allow_owner_maintenance('"webhook_endpoint"');

ALTER TABLE "webhook_delivery" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "webhook_delivery" FORCE ROW LEVEL SECURITY;
CREATE POLICY "webhook_delivery_isolation" ON "webhook_delivery"
  USING ("workspace_id" = app_current_workspace())
  WITH CHECK ("workspace_id" = app_current_workspace());
SELECT app_allow_owner_maintenance('"webhook_delivery"');

GRANT SELECT, INSERT, UPDATE ON "webhook_endpoint", "webhook_delivery" TO candor_app;
