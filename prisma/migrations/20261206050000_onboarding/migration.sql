-- Issue 18, onboarding. A member may hide the Overview's setup checklist for themselves
-- (a personal choice, kept on their membership); and the onboarding page may ask whether one
-- workspace address is taken (a deleted workspace keeps its address) before suggesting it.
-- The answer is yes or no about the one address asked for: nothing else of any workspace.
ALTER TABLE "membership" ADD COLUMN "setup_checklist_hidden_at" TIMESTAMPTZ(3);

CREATE FUNCTION app_workspace_slug_taken(p_slug text) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM "workspace" w WHERE w."slug" = p_slug)
$$;
REVOKE EXECUTE ON FUNCTION app_workspace_slug_taken(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_workspace_slug_taken(text) TO candor_app;
