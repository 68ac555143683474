-- stripe_event stays platform-level, like the backup catalogue: an event names a Stripe
-- customer, and the workspace is found from it when the event is processed (its audit entry
-- goes in that workspace's log). A workspace_id column would make it a tenant table, which must
-- have forced row-level security (decision 001); the webhook stores events before any tenant
-- is known.
ALTER TABLE "stripe_event" DROP COLUMN "workspace_id";
