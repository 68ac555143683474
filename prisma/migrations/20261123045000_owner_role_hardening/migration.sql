-- A database owner that is not a superuser (managed PostgreSQL hands out a role with
-- CREATEROLE). Two things that a superuser owner never noticed; see
-- docs/decisions/001-database-roles.md and 002-owner-connection.md.

-- 1. PostgreSQL 16 and later: a CREATEROLE role that creates candor_app becomes a member WITH
--    ADMIN but without SET, so the foundation's membership check passed and every connection
--    starting with role=candor_app was refused. Grant SET explicitly. PostgreSQL 15 has no SET
--    option (membership alone allows SET ROLE) and no 'SET' privilege in pg_has_role, hence
--    the version branch and EXECUTE.
DO $$
BEGIN
  IF current_setting('server_version_num')::int >= 160000 THEN
    IF NOT pg_has_role(current_user, 'candor_app', 'SET') THEN
      EXECUTE format('GRANT candor_app TO %I WITH SET TRUE', current_user);
    END IF;
  END IF;
EXCEPTION WHEN insufficient_privilege THEN
  RAISE EXCEPTION 'The database owner % may not switch to the role candor_app, and may not grant it to itself.', current_user
    USING HINT = format('Ask an administrator of the server to run: GRANT candor_app TO %I WITH SET TRUE', current_user);
END
$$;

-- 2. Forced row-level security applies to the owner as well. A superuser bypasses it; any
--    other owner saw no tenant rows, so keys:rotate re-wrapped nothing and audit:verify checked
--    nothing, both reporting success. The owner (the role running this migration: migrations,
--    pg-boss and the owner pool's platform maintenance) gets a policy of its own on every table
--    with forced RLS. candor_app is not a member of the owner, so application queries keep
--    seeing only their workspace. A later migration that forces RLS on a new table calls
--    SELECT app_allow_owner_maintenance('"new_table"'); tenant-isolation.test.ts checks it.
CREATE FUNCTION app_allow_owner_maintenance(target regclass) RETURNS void
  LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format(
    'CREATE POLICY "owner_maintenance" ON %s TO %I USING (true) WITH CHECK (true)',
    target, current_user
  );
END
$$;
REVOKE EXECUTE ON FUNCTION app_allow_owner_maintenance(regclass) FROM PUBLIC;

SELECT app_allow_owner_maintenance(c.oid::regclass)
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relforcerowsecurity;
