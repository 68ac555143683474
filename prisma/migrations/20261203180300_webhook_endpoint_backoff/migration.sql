-- An endpoint that keeps failing backs off (app/modules/webhooks/endpoint-health.server.ts):
-- its failed deliveries in a row, and the moment before which no delivery to it is tried.
ALTER TABLE "webhook_endpoint"
  ADD COLUMN "failures_in_row" integer NOT NULL DEFAULT 0,
  ADD COLUMN "backoff_until" timestamptz(3),
  ADD CONSTRAINT "webhook_endpoint_failures_in_row_not_negative" CHECK ("failures_in_row" >= 0);
