-- Verified checkpoints of the audit chains, and the full verifications asked for on the audit
-- page (decision 020). A checkpoint says: the chain was verified up to this entry, which then
-- had this hash. Later verifications continue from the newest one instead of walking millions
-- of entries again. Only the verifier, running as the owner in a job or a command, writes
-- checkpoints: the application role may read them, never write them, so a request (or an SQL
-- injection through one) cannot vouch for a chain past a broken link. Checkpoints are
-- append-only for every role, and each carries the hash of its entry, so a full verification
-- finds a forged or stale one.

CREATE TABLE "audit_checkpoint" (
  "id"           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- NULL: the platform's chain.
  "workspace_id" uuid,
  "seq"          bigint NOT NULL CHECK ("seq" > 0),
  "entry_id"     bigint NOT NULL,
  "hash"         text NOT NULL,
  -- true when this verification walked the chain from its first entry.
  "full"         boolean NOT NULL,
  "verified_at"  timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX "audit_checkpoint_workspace_id_seq_idx" ON "audit_checkpoint" ("workspace_id", "seq");

CREATE FUNCTION audit_checkpoint_is_append_only() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_checkpoint is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER "audit_checkpoint_no_update_or_delete" BEFORE UPDATE OR DELETE ON "audit_checkpoint"
  FOR EACH ROW EXECUTE FUNCTION audit_checkpoint_is_append_only();
CREATE TRIGGER "audit_checkpoint_no_truncate" BEFORE TRUNCATE ON "audit_checkpoint"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_checkpoint_is_append_only();

ALTER TABLE "audit_checkpoint" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "audit_checkpoint" FORCE ROW LEVEL SECURITY;
CREATE POLICY "audit_checkpoint_isolation" ON "audit_checkpoint"
  USING ("workspace_id" IS NOT DISTINCT FROM app_current_workspace());
SELECT app_allow_owner_maintenance('"audit_checkpoint"');
GRANT SELECT ON "audit_checkpoint" TO candor_app;

-- One walk of a whole chain: asked for by a member on the audit page (run by the audit.verify
-- job) or run by `npm run audit:verify`. The application role may only ask (the request's
-- columns); the outcome is written by the verifier as the owner.
CREATE TYPE "audit_verification_state" AS ENUM ('requested', 'intact', 'broken', 'failed');

CREATE TABLE "audit_verification" (
  "id"            uuid PRIMARY KEY,
  -- NULL: the platform's chain.
  "workspace_id"  uuid,
  -- The member who asked; NULL for audit:verify.
  "requested_by"  uuid,
  "requested_at"  timestamptz(3) NOT NULL DEFAULT now(),
  "state"         "audit_verification_state" NOT NULL DEFAULT 'requested',
  "finished_at"   timestamptz(3),
  -- Entries found intact, and the newest one the walk reached.
  "entries"       bigint,
  "through_seq"   bigint,
  "broken_seq"    bigint,
  "broken_reason" text
);
CREATE INDEX "audit_verification_workspace_id_requested_at_idx" ON "audit_verification" ("workspace_id", "requested_at");

ALTER TABLE "audit_verification" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "audit_verification" FORCE ROW LEVEL SECURITY;
CREATE POLICY "audit_verification_isolation" ON "audit_verification"
  USING ("workspace_id" IS NOT DISTINCT FROM app_current_workspace())
  WITH CHECK ("workspace_id" IS NOT DISTINCT FROM app_current_workspace());
SELECT app_allow_owner_maintenance('"audit_verification"');
GRANT SELECT ON "audit_verification" TO candor_app;
GRANT INSERT ("id", "workspace_id", "requested_by") ON "audit_verification" TO candor_app;
