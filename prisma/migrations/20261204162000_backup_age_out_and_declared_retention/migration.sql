-- Age-out and "erased from backups" (issue 14, decision 022).
--
-- A backup past the platform's retention has its object deleted and its catalogue row kept,
-- marked 'deleted' with the time: drills that restored it still name it, and the catalogue
-- keeps saying what existed and when it went. `deleted_at` is also set on a failed run once its
-- leftover object (if any) is gone. (The new value is compared as text below: PostgreSQL does
-- not let a value added in this transaction be used as an enum value yet.)
ALTER TYPE "backup_status" ADD VALUE 'deleted';
ALTER TABLE "backup" ADD COLUMN "deleted_at" timestamptz(3);
ALTER TABLE "backup" ADD CONSTRAINT "backup_deleted_has_time" CHECK ("status"::text <> 'deleted' OR "deleted_at" IS NOT NULL);

-- The backup retention a workspace declares for one of its own data systems, in days; null:
-- the workspace's setting (workspace.backup_retention_days). Candor cannot see the customer's
-- backups: dates from it are shown as declared. Unused for the built-in system, whose backups
-- are Candor's own and are computed from the catalogue.
ALTER TABLE "data_system" ADD COLUMN "backup_retention_days" integer
  CHECK ("backup_retention_days" BETWEEN 1 AND 365);

-- When the task's data left the system's backups too: computed from the backup catalogue for
-- the built-in system, the declared retention's end (or a member's earlier confirmation, then
-- `backups_confirmed_by` names them) for the others.
ALTER TABLE "request_task" ADD COLUMN "backups_erased_at" timestamptz(3);
ALTER TABLE "request_task" ADD COLUMN "backups_confirmed_by" uuid REFERENCES "user" ("id") ON DELETE SET NULL;
