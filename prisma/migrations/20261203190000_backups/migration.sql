-- The backup catalogue (decision 018): one row per run of backup.run or `npm run backup:run`.
-- Platform-level, like the migrations table: a backup covers every workspace, so the row has no
-- workspace_id and no row-level security. Only the backup itself writes it, as the owner (the
-- snapshot must read every workspace's rows); candor_app is granted nothing yet.
-- A row is trusted only once it is 'succeeded': the object is stored completely before that
-- (the object store's writes are atomic), and a run that died leaves 'running', which the next
-- run marks 'failed'.
CREATE TYPE "backup_status" AS ENUM ('running', 'succeeded', 'failed');

CREATE TABLE "backup" (
  "id"             uuid PRIMARY KEY,
  "status"         "backup_status" NOT NULL DEFAULT 'running',
  "started_at"     timestamptz(3) NOT NULL DEFAULT now(),
  "finished_at"    timestamptz(3),
  -- pg_current_snapshot() of the snapshot's transaction: what the backup holds is exactly what
  -- was committed before this position.
  "snapshot"       text,
  "object_key"     text NOT NULL UNIQUE,
  -- The stored object (compressed and encrypted): its size and SHA-256, checked on restore.
  "bytes"          bigint,
  "sha256"         text,
  -- { "<table>": rows } for every table in the backup.
  "row_counts"     jsonb,
  -- The newest migration applied when the snapshot was read: a restore applies exactly these.
  "schema_version" text,
  -- Which backup public key it was encrypted to (a SHA-256 prefix of the key).
  "key_id"         text NOT NULL,
  "error"          text,
  CHECK ("status" <> 'succeeded' OR ("finished_at" IS NOT NULL AND "sha256" IS NOT NULL AND "bytes" IS NOT NULL
                                     AND "row_counts" IS NOT NULL AND "schema_version" IS NOT NULL AND "snapshot" IS NOT NULL))
);
CREATE INDEX "backup_status_started_at_idx" ON "backup" ("status", "started_at");
