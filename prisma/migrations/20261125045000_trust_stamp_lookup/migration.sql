-- The public trust page asks for its workspace's version stamp before every answer (decision
-- 012). Through withPublicWorkspace that is an interactive transaction of six round trips; this
-- function does the same look-up in one statement, with the same row-level security: it runs
-- as the caller (candor_app), sets app.public_slug for its own statement only (the setting is
-- transaction-local and the statement is its own transaction), and so sees exactly the one open
-- workspace that the workspace_public policy shows for that slug, and only these three columns.
-- Called outside any transaction (inside a tenant's, the slug filter still shows no other row).
CREATE FUNCTION app_public_trust_stamp(p_slug text)
  RETURNS TABLE ("id" uuid, "name" text, "trust_stamp" bigint)
  LANGUAGE plpgsql VOLATILE SECURITY INVOKER AS $$
BEGIN
  PERFORM set_config('app.public_slug', p_slug, true);
  RETURN QUERY SELECT w."id", w."name", w."trust_stamp" FROM "workspace" w WHERE w."slug" = p_slug;
  PERFORM set_config('app.public_slug', '', true);
END
$$;
REVOKE EXECUTE ON FUNCTION app_public_trust_stamp(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_public_trust_stamp(text) TO candor_app;
