-- The erasure replay list (issue 14, decision 021): one row per completed built-in erasure, so a
-- restore from a backup taken before it can erase the subject again. Nothing in it is personal
-- data in the clear: the subject's identifiers are keyed hashes (HMAC-SHA256 under a key derived
-- from the KEK, never stored), the receipt holds counts only. The same entry is also written to
-- the object store (erasure-replay/<id>.json), which survives the loss of this database.
CREATE TABLE "erasure_replay" (
  -- The erasure task's id: one entry per task, however often the task runs.
  "id"             uuid PRIMARY KEY,
  "workspace_id"   uuid NOT NULL REFERENCES "workspace" ("id") ON DELETE CASCADE,
  -- Not a foreign key: the entry must outlive a request purged by retention.
  "request_id"     uuid NOT NULL,
  "erased_at"      timestamptz(3) NOT NULL,
  -- Which key hashed the identifiers: 'v1:<KEK id>'.
  "key_version"    text NOT NULL,
  -- HMAC-SHA256 (hex) of each identifier the built-in erasure matches on (the e-mail, lower case).
  "subject_hashes" text[] NOT NULL CHECK (cardinality("subject_hashes") > 0),
  -- The receipt's counts: [{ "what": ..., "count": n }], no personal data.
  "receipt"        jsonb NOT NULL
);
CREATE INDEX "erasure_replay_workspace_id_erased_at_idx" ON "erasure_replay" ("workspace_id", "erased_at");

ALTER TABLE "erasure_replay" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "erasure_replay" FORCE ROW LEVEL SECURITY;
CREATE POLICY "erasure_replay_isolation" ON "erasure_replay"
  USING ("workspace_id" = app_current_workspace())
  WITH CHECK ("workspace_id" = app_current_workspace());
SELECT app_allow_owner_maintenance('"erasure_replay"');

GRANT SELECT, INSERT ON "erasure_replay" TO candor_app;
