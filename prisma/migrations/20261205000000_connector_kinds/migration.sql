-- Connectors to a customer's own systems (issue 17, decision 031). Two new kinds of data system
-- (a Postgres database, a webhook endpoint), their settings and their secret (sealed with the
-- workspace's data key, bound to this row and column), and a task state for a system that took
-- the task and answers later. `pending_receipt` keeps what an erasure was about to commit in
-- the customer's system, written just before that commit: a retry after a crash between the
-- two finds nothing left to erase and records this receipt instead of a receipt of zeros.
ALTER TYPE "data_system_kind" ADD VALUE 'postgres';
ALTER TYPE "data_system_kind" ADD VALUE 'webhook';
ALTER TYPE "task_state" ADD VALUE 'waiting_for_system' AFTER 'waiting_for_staff';

ALTER TABLE "data_system"
  ADD COLUMN "settings" jsonb NOT NULL DEFAULT '{}'::jsonb,
  ADD COLUMN "secret" text CHECK (length("secret") <= 20000);

ALTER TABLE "request_task"
  ADD COLUMN "pending_receipt" jsonb,
  -- Why the task waits for its system ("accepted; the endpoint answers by …").
  ADD COLUMN "waiting_reason" text CHECK (length("waiting_reason") <= 500);
