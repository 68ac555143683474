-- The signer's links to their signed DPA expire (issue 11): a link is its own row, with a
-- lifetime (30 days), and the signer can ask for a fresh one by e-mail. Signatures stay insert
-- only; links are too (a fresh link is a new row; each older one still ends on its own date).
-- Only the SHA-256 of a link's token is stored.
CREATE TABLE "dpa_signature_link" (
  "id"           uuid PRIMARY KEY,
  "workspace_id" uuid NOT NULL REFERENCES "workspace" ("id") ON DELETE CASCADE,
  "signature_id" uuid NOT NULL REFERENCES "dpa_signature" ("id") ON DELETE CASCADE,
  "token_hash"   text NOT NULL UNIQUE,
  "created_at"   timestamptz(3) NOT NULL DEFAULT now(),
  "expires_at"   timestamptz(3) NOT NULL
);
CREATE INDEX "dpa_signature_link_signature_id_idx" ON "dpa_signature_link" ("signature_id");

-- Each signature's existing link becomes its first row, 30 days from the signing.
INSERT INTO "dpa_signature_link" ("id", "workspace_id", "signature_id", "token_hash", "created_at", "expires_at")
SELECT gen_random_uuid(), "workspace_id", "id", "download_token_hash", "signed_at", "signed_at" + interval '30 days'
  FROM "dpa_signature";
ALTER TABLE "dpa_signature" DROP COLUMN "download_token_hash";

ALTER TABLE "dpa_signature_link" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "dpa_signature_link" FORCE ROW LEVEL SECURITY;
CREATE POLICY "dpa_signature_link_isolation" ON "dpa_signature_link"
  USING ("workspace_id" = app_current_workspace())
  WITH CHECK ("workspace_id" = app_current_workspace());
SELECT app_allow_owner_maintenance('"dpa_signature_link"');

GRANT SELECT, INSERT ON "dpa_signature_link" TO candor_app;
