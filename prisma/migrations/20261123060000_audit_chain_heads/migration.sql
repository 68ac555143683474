-- The newest entry of every audit chain, kept by a trigger in the same transaction as the
-- entry, so that audit:verify notices when entries were cut off the end of a chain or a whole
-- chain was removed (decision 007). It only moves forward; nothing deletes it.

CREATE TABLE "audit_chain_head" (
  -- The workspace id, or 'platform' for the platform's chain.
  "chain"        text PRIMARY KEY,
  "workspace_id" uuid,
  "seq"          bigint NOT NULL,
  "hash"         text NOT NULL
);

ALTER TABLE "audit_chain_head" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "audit_chain_head" FORCE ROW LEVEL SECURITY;
CREATE POLICY "audit_chain_head_isolation" ON "audit_chain_head"
  USING ("workspace_id" IS NOT DISTINCT FROM app_current_workspace());
SELECT app_allow_owner_maintenance('"audit_chain_head"');
GRANT SELECT ON "audit_chain_head" TO candor_app;

-- Runs as the owner (SECURITY DEFINER) so the application role needs no write right on heads.
CREATE FUNCTION audit_advance_chain_head() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  INSERT INTO "audit_chain_head" ("chain", "workspace_id", "seq", "hash")
  VALUES (coalesce(NEW."workspace_id"::text, 'platform'), NEW."workspace_id", NEW."seq", NEW."hash")
  ON CONFLICT ("chain") DO UPDATE SET "seq" = EXCLUDED."seq", "hash" = EXCLUDED."hash";
  RETURN NEW;
END
$$;
CREATE TRIGGER "audit_entry_advance_chain_head" AFTER INSERT ON "audit_entry"
  FOR EACH ROW EXECUTE FUNCTION audit_advance_chain_head();

CREATE FUNCTION audit_chain_head_forward_only() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW."chain" = OLD."chain" AND NEW."seq" > OLD."seq" THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit chain heads only move forward (% refused)', TG_OP;
END
$$;
CREATE TRIGGER "audit_chain_head_forward_only" BEFORE UPDATE OR DELETE ON "audit_chain_head"
  FOR EACH ROW EXECUTE FUNCTION audit_chain_head_forward_only();
CREATE TRIGGER "audit_chain_head_no_truncate" BEFORE TRUNCATE ON "audit_chain_head"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_chain_head_forward_only();

-- Heads for the chains that already exist.
INSERT INTO "audit_chain_head" ("chain", "workspace_id", "seq", "hash")
SELECT DISTINCT ON ("workspace_id") coalesce("workspace_id"::text, 'platform'), "workspace_id", "seq", "hash"
  FROM "audit_entry"
 ORDER BY "workspace_id", "seq" DESC;
