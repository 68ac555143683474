-- A workspace's branding (issue 18, item 7; decision 039): its accent colour and its logo, shown
-- on the public trust pages, the privacy portal and the e-mails sent on its behalf. The logo is
-- stored here as the bytes Candor re-encoded (never the upload), small by construction: at most
-- 512 px wide and 256 px high. One row per workspace, written only through the branding page.
CREATE TABLE "workspace_branding" (
  "workspace_id"  uuid PRIMARY KEY REFERENCES "workspace" ("id") ON DELETE CASCADE,
  -- #rrggbb, lower case; null: Candor's own colours.
  "accent_color"  text CHECK ("accent_color" ~ '^#[0-9a-f]{6}$'),
  "logo"          bytea CHECK (octet_length("logo") BETWEEN 1 AND 2000000),
  "logo_type"     text CHECK ("logo_type" IN ('image/png', 'image/jpeg')),
  -- The SHA-256 (hex) of the stored logo: its public address is made from it, so it changes with the logo.
  "logo_sha256"   text CHECK ("logo_sha256" ~ '^[0-9a-f]{64}$'),
  "logo_width"    integer CHECK ("logo_width" BETWEEN 1 AND 512),
  "logo_height"   integer CHECK ("logo_height" BETWEEN 1 AND 512),
  "updated_at"    timestamptz(3) NOT NULL DEFAULT now(),
  CHECK (
    ("logo" IS NULL) = ("logo_type" IS NULL) AND ("logo" IS NULL) = ("logo_sha256" IS NULL)
    AND ("logo" IS NULL) = ("logo_width" IS NULL) AND ("logo" IS NULL) = ("logo_height" IS NULL)
  )
);

ALTER TABLE "workspace_branding" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "workspace_branding" FORCE ROW LEVEL SECURITY;
CREATE POLICY "workspace_branding_isolation" ON "workspace_branding"
  USING ("workspace_id" = app_current_workspace())
  WITH CHECK ("workspace_id" = app_current_workspace());
SELECT app_allow_owner_maintenance('"workspace_branding"');

GRANT SELECT, INSERT, UPDATE, DELETE ON "workspace_branding" TO candor_app;
