-- The audit log: append-only for every role (a trigger rejects UPDATE, DELETE and TRUNCATE,
-- owner included), hash-chained per workspace (platform entries, workspace_id NULL, form their
-- own chain). Entries outlive their workspace, so there is no foreign key to it.

CREATE TYPE "audit_actor_type" AS ENUM ('user', 'operator', 'api_key', 'system');

CREATE TABLE "audit_entry" (
  "id"           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  "workspace_id" uuid,
  "seq"          bigint NOT NULL CHECK ("seq" > 0),
  "actor_type"   "audit_actor_type" NOT NULL,
  "actor_id"     text,
  "action"       text NOT NULL,
  "target_type"  text,
  "target_id"    text,
  "before"       jsonb,
  "after"        jsonb,
  "ip"           text,
  "user_agent"   text,
  "created_at"   timestamptz(3) NOT NULL,
  "prev_hash"    text,
  "hash"         text NOT NULL
);
-- One chain per workspace: NULLS NOT DISTINCT makes the platform chain unique too.
CREATE UNIQUE INDEX "audit_entry_workspace_id_seq_key" ON "audit_entry" ("workspace_id", "seq") NULLS NOT DISTINCT;
CREATE INDEX "audit_entry_workspace_id_created_at_idx" ON "audit_entry" ("workspace_id", "created_at");

CREATE FUNCTION audit_entry_is_append_only() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_entry is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER "audit_entry_no_update_or_delete" BEFORE UPDATE OR DELETE ON "audit_entry"
  FOR EACH ROW EXECUTE FUNCTION audit_entry_is_append_only();
CREATE TRIGGER "audit_entry_no_truncate" BEFORE TRUNCATE ON "audit_entry"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_is_append_only();

ALTER TABLE "audit_entry" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "audit_entry" FORCE ROW LEVEL SECURITY;
CREATE POLICY "audit_entry_isolation" ON "audit_entry"
  USING ("workspace_id" IS NOT DISTINCT FROM app_current_workspace())
  WITH CHECK ("workspace_id" IS NOT DISTINCT FROM app_current_workspace());

GRANT SELECT, INSERT ON "audit_entry" TO candor_app;
