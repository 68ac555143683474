-- Billing (issue 15): each workspace's plan state as Stripe last told it, a Candor-side trial,
-- and a plan an operator granted by hand. One sync function writes the Stripe columns from the
-- subscription it re-reads; the effective plan is computed from them (billing/effective-plan.ts).
CREATE TYPE "plan_id" AS ENUM ('free', 'pro', 'business');

ALTER TABLE "workspace"
  ADD COLUMN "stripe_customer_id"       text UNIQUE,
  ADD COLUMN "stripe_subscription_id"   text,
  -- The subscription's plan and Stripe status (trialing, active, past_due, canceled, unpaid,
  -- incomplete, incomplete_expired, paused); null: no subscription.
  ADD COLUMN "subscribed_plan"          "plan_id",
  ADD COLUMN "subscription_status"      text,
  ADD COLUMN "billing_interval"         text CHECK ("billing_interval" IN ('month', 'year')),
  -- Read from the subscription item (Stripe's 2025+ API keeps the period there).
  ADD COLUMN "current_period_end"       timestamptz(3),
  ADD COLUMN "cancel_at"                timestamptz(3),
  -- When the subscription first became past_due in its current run: the grace period counts from it.
  ADD COLUMN "past_due_since"           timestamptz(3),
  ADD COLUMN "billing_synced_at"        timestamptz(3),
  -- The 14-day Pro trial every new workspace starts with (no card).
  ADD COLUMN "trial_ends_at"            timestamptz(3),
  -- A plan granted by an operator (comped), until a date, with the reason.
  ADD COLUMN "granted_plan"             "plan_id",
  ADD COLUMN "granted_until"            timestamptz(3),
  ADD COLUMN "granted_reason"           text,
  ADD CONSTRAINT "workspace_subscription_whole" CHECK (("subscribed_plan" IS NULL) = ("subscription_status" IS NULL)),
  ADD CONSTRAINT "workspace_grant_whole" CHECK (("granted_plan" IS NULL) = ("granted_reason" IS NULL));

-- Stripe's webhook events, each stored once by its id before it is processed (a stripe.event
-- job re-reads the customer's subscription). Platform-level: an event names a customer, not a
-- workspace, until it is matched. No payload is kept: the sync reads Stripe, not the event.
CREATE TABLE "stripe_event" (
  "id"                 text PRIMARY KEY,
  "type"               text NOT NULL,
  "customer_id"        text,
  "workspace_id"       uuid REFERENCES "workspace" ("id") ON DELETE SET NULL,
  "stripe_created_at"  timestamptz(3) NOT NULL,
  "received_at"        timestamptz(3) NOT NULL DEFAULT now(),
  "processed_at"       timestamptz(3),
  "error"              text
);
CREATE INDEX "stripe_event_customer_id_idx" ON "stripe_event" ("customer_id");
CREATE INDEX "stripe_event_unprocessed_idx" ON "stripe_event" ("received_at") WHERE "processed_at" IS NULL;
GRANT SELECT, INSERT, UPDATE ON "stripe_event" TO candor_app;
