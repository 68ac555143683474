-- The operator console: the platform's own staff (OPERATOR_EMAILS) list workspaces and may look
-- into one, read-only, for at most 30 minutes with a written reason (impersonation).

-- A transaction run for an operator (withOperator sets app.operator_id) may read the list of
-- workspaces and their memberships, nothing else across tenants.
CREATE POLICY "workspace_operator" ON "workspace" FOR SELECT
  USING (nullif(current_setting('app.operator_id', true), '') IS NOT NULL);
CREATE POLICY "membership_operator" ON "membership" FOR SELECT
  USING (nullif(current_setting('app.operator_id', true), '') IS NOT NULL);

-- The workspace an operator's session is looking into, why, and until when.
ALTER TABLE "session"
  ADD COLUMN "impersonated_workspace_id" uuid REFERENCES "workspace" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
  ADD COLUMN "impersonation_reason"      text,
  ADD COLUMN "impersonation_ends_at"     timestamptz(3);
