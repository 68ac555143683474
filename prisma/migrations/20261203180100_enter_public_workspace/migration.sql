-- withPublicWorkspace (the portal and the public pages of a workspace) in one round trip instead
-- of three: inside the caller's transaction, find the open workspace at a slug the way the
-- workspace_public policy shows it to a visitor, then make the transaction work for that
-- workspace alone. Before, the application sent each step as its own statement (set the slug,
-- look the workspace up, switch to it); a round trip on loopback costs about as much CPU as the
-- statement itself (issue 13). Same rules as app_public_trust_stamp: it runs as the caller
-- (candor_app), so row-level security decides what it sees; the settings are transaction-local.
CREATE FUNCTION app_enter_public_workspace(p_slug text)
  RETURNS TABLE ("id" uuid, "slug" text, "name" text, "time_zone" text)
  LANGUAGE plpgsql VOLATILE SECURITY INVOKER AS $$
DECLARE
  v_workspace record;
BEGIN
  PERFORM set_config('app.workspace_id', '', true), set_config('app.public_slug', p_slug, true);
  SELECT w."id", w."slug", w."name", w."time_zone" INTO v_workspace FROM "workspace" w WHERE w."slug" = p_slug;
  PERFORM set_config('app.public_slug', '', true);
  IF v_workspace."id" IS NOT NULL THEN
    PERFORM set_config('app.workspace_id', v_workspace."id"::text, true);
    RETURN QUERY SELECT v_workspace."id", v_workspace."slug", v_workspace."name", v_workspace."time_zone";
  END IF;
END
$$;
REVOKE EXECUTE ON FUNCTION app_enter_public_workspace(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_enter_public_workspace(text) TO candor_app;
