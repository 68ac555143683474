-- Appending to an audit chain in one statement (decision 017). A writer holds its chain's lock
-- from the moment it reads the newest entry until its transaction commits, and every other
-- writer of that workspace waits for it. Done from the application, that held the lock across
-- three round trips (lock, read, insert) plus the commit; here the lock, the read, the entry's
-- sequence number, time and hash, and the insert are one call, so the lock is held only from
-- this call to the commit.
--
-- The hash stays the one defined in app/modules/audit/hash-chain.ts (entryHash): SHA-256 over
-- the previous hash, a line break, and the entry's canonical JSON. The application sends that
-- JSON in three pieces, cut where the values of "createdAt" and "seq" go, because only these
-- (and the previous hash) are known once the lock is held.
--
-- A VOLATILE PL/pgSQL function takes a fresh snapshot for each statement in READ COMMITTED, so
-- the read after the lock sees the entry its predecessor committed while this one waited (one
-- plain SQL statement would read with the snapshot it started with, and fork the chain). It
-- runs as the caller (SECURITY INVOKER): row-level security applies to the read and the insert
-- as before.
CREATE FUNCTION audit_append(
  p_workspace_id uuid,
  p_actor_type "audit_actor_type",
  p_actor_id text,
  p_action text,
  p_target_type text,
  p_target_id text,
  p_before jsonb,
  p_after jsonb,
  p_ip text,
  p_user_agent text,
  p_json_head text,
  p_json_middle text,
  p_json_tail text
) RETURNS void
  LANGUAGE plpgsql VOLATILE SECURITY INVOKER SET search_path = public, pg_temp AS $$
DECLARE
  v_last_seq bigint;
  v_last_hash text;
  v_seq bigint;
  v_at timestamptz(3);
BEGIN
  -- The key the application used before this function, so old and new code share one lock.
  PERFORM pg_advisory_xact_lock(hashtextextended('audit:' || coalesce(p_workspace_id::text, 'platform'), 0));
  -- Two queries, not IS NOT DISTINCT FROM, which no index serves.
  IF p_workspace_id IS NULL THEN
    SELECT e."seq", e."hash" INTO v_last_seq, v_last_hash FROM "audit_entry" e
     WHERE e."workspace_id" IS NULL ORDER BY e."seq" DESC LIMIT 1;
  ELSE
    SELECT e."seq", e."hash" INTO v_last_seq, v_last_hash FROM "audit_entry" e
     WHERE e."workspace_id" = p_workspace_id ORDER BY e."seq" DESC LIMIT 1;
  END IF;
  v_seq := coalesce(v_last_seq, 0) + 1;
  -- Milliseconds, as stored and as JavaScript's toISOString() writes them when verifying.
  v_at := date_trunc('milliseconds', clock_timestamp());
  INSERT INTO "audit_entry" (
    "workspace_id", "seq", "actor_type", "actor_id", "action", "target_type", "target_id",
    "before", "after", "ip", "user_agent", "created_at", "prev_hash", "hash"
  ) VALUES (
    p_workspace_id, v_seq, p_actor_type, p_actor_id, p_action, p_target_type, p_target_id,
    p_before, p_after, p_ip, p_user_agent, v_at, v_last_hash,
    encode(sha256(convert_to(
      coalesce(v_last_hash, '') || E'\n' ||
      p_json_head || to_json(to_char(v_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text ||
      p_json_middle || to_json(v_seq::text)::text ||
      p_json_tail, 'UTF8')), 'hex')
  );
END
$$;
REVOKE EXECUTE ON FUNCTION audit_append(uuid, "audit_actor_type", text, text, text, text, jsonb, jsonb, text, text, text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_append(uuid, "audit_actor_type", text, text, text, text, jsonb, jsonb, text, text, text, text, text) TO candor_app;
