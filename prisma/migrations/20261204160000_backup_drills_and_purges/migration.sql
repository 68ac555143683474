-- Restore drills and retention purge runs (issue 14): platform-level records like the backup
-- catalogue (no workspace, no row-level security), written by the jobs as the owner. The
-- trust page's live checks ("backups taken daily", "restores tested") and the operator console
-- read them as candor_app, which may read these three tables and write none of them.
CREATE TYPE "backup_drill_status" AS ENUM ('running', 'passed', 'failed');

-- One restore drill: the backup it restored into a scratch database, and what the checks found.
CREATE TABLE "backup_drill" (
  "id"              uuid PRIMARY KEY,
  "backup_id"       uuid REFERENCES "backup" ("id") ON DELETE SET NULL,
  "status"          "backup_drill_status" NOT NULL DEFAULT 'running',
  "started_at"      timestamptz(3) NOT NULL DEFAULT now(),
  "finished_at"     timestamptz(3),
  -- 'schedule', 'operator' or 'command': what started it.
  "trigger"         text NOT NULL,
  -- The operator who asked for it, when one did.
  "requested_by"    uuid REFERENCES "user" ("id") ON DELETE SET NULL,
  "duration_ms"     integer,
  "rows"            bigint,
  "chains_verified" integer,
  "error"           text,
  CHECK ("status" = 'running' OR "finished_at" IS NOT NULL)
);
CREATE INDEX "backup_drill_status_started_at_idx" ON "backup_drill" ("status", "started_at");

CREATE TYPE "retention_purge_status" AS ENUM ('running', 'succeeded', 'failed');

-- One run of retention.purge: how many of each kind it deleted.
CREATE TABLE "retention_purge_run" (
  "id"          uuid PRIMARY KEY,
  "status"      "retention_purge_status" NOT NULL DEFAULT 'running',
  "started_at"  timestamptz(3) NOT NULL DEFAULT now(),
  "finished_at" timestamptz(3),
  "trigger"     text NOT NULL,
  -- { "<what>": count } for every kind of data the run purges.
  "counts"      jsonb NOT NULL DEFAULT '{}',
  "error"       text,
  CHECK ("status" = 'running' OR "finished_at" IS NOT NULL)
);
CREATE INDEX "retention_purge_run_started_at_idx" ON "retention_purge_run" ("started_at");

GRANT SELECT ON "backup", "backup_drill", "retention_purge_run" TO candor_app;
