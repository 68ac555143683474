-- DPA click-to-sign (issue 5, item 7). A workspace names its legal entity and keeps a DPA
-- template in numbered versions (insert only: editing writes a new version); a customer signs on
-- the public page, and the signature keeps the exact text signed (the template filled from the
-- workspace, today's sub-processors and the signer's fields), its SHA-256, time, IP, user agent
-- and signer. Signatures are insert only too. Every table here is tenant data: forced row-level
-- security.

-- The processor's legal entity, as the DPA names it. The public signing page exists once this
-- row does.
CREATE TABLE "dpa_settings" (
  "workspace_id"   uuid PRIMARY KEY REFERENCES "workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "legal_name"     text NOT NULL CHECK (length("legal_name") BETWEEN 1 AND 200),
  "address"        text NOT NULL CHECK (length("address") BETWEEN 1 AND 500),
  -- e.g. "Company number 01234567, registered in England and Wales" (optional).
  "registration"   text NOT NULL DEFAULT '' CHECK (length("registration") <= 300),
  "contact_email"  text NOT NULL CHECK (length("contact_email") BETWEEN 3 AND 320),
  -- e.g. "the laws of Ireland", for the template's governing-law clause.
  "governing_law"  text NOT NULL CHECK (length("governing_law") BETWEEN 1 AND 200),
  "updated_at"     timestamptz(3) NOT NULL DEFAULT now(),
  "updated_by"     uuid REFERENCES "user" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- One version of the workspace's DPA template (placeholders such as {{processor.name}}, see
-- app/modules/dpa/template.ts). Never changed once written.
CREATE TABLE "dpa_template_version" (
  "id"           uuid PRIMARY KEY,
  "workspace_id" uuid NOT NULL REFERENCES "workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "number"       integer NOT NULL CHECK ("number" >= 1),
  "body"         text NOT NULL CHECK (length("body") BETWEEN 1 AND 100000),
  -- SHA-256 (hex) of the body.
  "body_sha256"  text NOT NULL CHECK ("body_sha256" ~ '^[0-9a-f]{64}$'),
  "created_at"   timestamptz(3) NOT NULL DEFAULT now(),
  "created_by"   uuid REFERENCES "user" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "dpa_template_version_workspace_id_number_key" ON "dpa_template_version" ("workspace_id", "number");

-- One signed DPA. `document` is the canonical text signed (app/modules/dpa/document.ts), frozen:
-- the PDF is drawn from it, never from current data; `document_sha256` is SHA-256 (hex) of its
-- UTF-8 bytes. `offer_sha256` is the hash of the page the signer was shown (the same text with
-- the signer's fields still blank). The confirmation and download link carries a random token,
-- stored as its SHA-256.
CREATE TABLE "dpa_signature" (
  "id"                  uuid PRIMARY KEY,
  "workspace_id"        uuid NOT NULL REFERENCES "workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "template_version_id" uuid NOT NULL REFERENCES "dpa_template_version" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
  "document"            text NOT NULL,
  "document_sha256"     text NOT NULL CHECK ("document_sha256" ~ '^[0-9a-f]{64}$'),
  "offer_sha256"        text NOT NULL CHECK ("offer_sha256" ~ '^[0-9a-f]{64}$'),
  "signer_name"         text NOT NULL CHECK (length("signer_name") BETWEEN 1 AND 200),
  "signer_title"        text NOT NULL CHECK (length("signer_title") BETWEEN 1 AND 200),
  "signer_email"        text NOT NULL CHECK ("signer_email" = lower("signer_email") AND length("signer_email") <= 320),
  "company_name"        text NOT NULL CHECK (length("company_name") BETWEEN 1 AND 200),
  "company_address"     text NOT NULL DEFAULT '' CHECK (length("company_address") <= 500),
  "signed_at"           timestamptz(3) NOT NULL,
  "ip"                  text NOT NULL,
  "user_agent"          text NOT NULL DEFAULT '',
  "download_token_hash" text NOT NULL UNIQUE
);
CREATE INDEX "dpa_signature_workspace_id_signed_at_idx" ON "dpa_signature" ("workspace_id", "signed_at");
CREATE INDEX "dpa_signature_template_version_id_idx" ON "dpa_signature" ("template_version_id");

ALTER TABLE "dpa_settings" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "dpa_settings" FORCE ROW LEVEL SECURITY;
CREATE POLICY "dpa_settings_isolation" ON "dpa_settings"
  USING ("workspace_id" = app_current_workspace())
  WITH CHECK ("workspace_id" = app_current_workspace());
SELECT app_allow_owner_maintenance('"dpa_settings"');

ALTER TABLE "dpa_template_version" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "dpa_template_version" FORCE ROW LEVEL SECURITY;
CREATE POLICY "dpa_template_version_isolation" ON "dpa_template_version"
  USING ("workspace_id" = app_current_workspace())
  WITH CHECK ("workspace_id" = app_current_workspace());
SELECT app_allow_owner_maintenance('"dpa_template_version"');

ALTER TABLE "dpa_signature" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "dpa_signature" FORCE ROW LEVEL SECURITY;
CREATE POLICY "dpa_signature_isolation" ON "dpa_signature"
  USING ("workspace_id" = app_current_workspace())
  WITH CHECK ("workspace_id" = app_current_workspace());
SELECT app_allow_owner_maintenance('"dpa_signature"');

GRANT SELECT, INSERT, UPDATE ON "dpa_settings" TO candor_app;
-- Template versions and signatures are insert only.
GRANT SELECT, INSERT ON "dpa_template_version", "dpa_signature" TO candor_app;

-- The public trust page links to the signing page once the DPA is set up: saving the settings
-- moves the page's version stamp (migration 20261125020000's trigger function).
CREATE TRIGGER "dpa_settings_trust_stamp" AFTER INSERT OR DELETE ON "dpa_settings"
  FOR EACH ROW EXECUTE FUNCTION app_trust_stamp_bump();
