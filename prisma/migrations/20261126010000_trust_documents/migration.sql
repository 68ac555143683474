-- Documents on the trust page (issue 5, item 5): public ones anyone downloads, gated ones (a SOC 2
-- report, a penetration test summary) a visitor asks for with name, work e-mail and company,
-- accepting the workspace's NDA (the SHA-256 of the exact text, time, IP and user agent are
-- kept). The workspace approves, or an e-mail domain on its list is approved at once; access is a
-- link with a random token (stored hashed) that expires. Files are encrypted in object storage.
-- Every table here is tenant data: forced row-level security.

CREATE TYPE "trust_document_visibility" AS ENUM ('public', 'gated');
-- pending: waiting for the workspace; approved: a link was e-mailed; denied: refused (reason
-- e-mailed); revoked: approved, then the link was withdrawn.
CREATE TYPE "trust_document_request_state" AS ENUM ('pending', 'approved', 'denied', 'revoked');

-- One document. `object` is { key, encryption } (app/modules/crypto/file-encryption.server.ts);
-- the content type is the one Candor recognised from the file's first bytes, never the
-- browser's claim. A removed document keeps its row (the requests that name it keep their
-- evidence); its file is deleted.
CREATE TABLE "trust_document" (
  "id"           uuid PRIMARY KEY,
  "workspace_id" uuid NOT NULL REFERENCES "workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "title"        text NOT NULL CHECK (length("title") BETWEEN 1 AND 200),
  "description"  text NOT NULL DEFAULT '' CHECK (length("description") <= 2000),
  "visibility"   "trust_document_visibility" NOT NULL,
  "file_name"    text NOT NULL CHECK (length("file_name") BETWEEN 1 AND 200),
  "content_type" text NOT NULL,
  "bytes"        bigint NOT NULL CHECK ("bytes" >= 0),
  "sha256"       text NOT NULL CHECK ("sha256" ~ '^[0-9a-f]{64}$'),
  "object"       jsonb NOT NULL,
  "created_at"   timestamptz(3) NOT NULL DEFAULT now(),
  "created_by"   uuid REFERENCES "user" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
  "updated_at"   timestamptz(3) NOT NULL DEFAULT now(),
  "removed_at"   timestamptz(3)
);
CREATE INDEX "trust_document_workspace_id_idx" ON "trust_document" ("workspace_id");

-- Each text of the workspace's NDA, numbered; the newest is the one shown. Kept for ever (the
-- app may only add), so the text behind every recorded SHA-256 can be shown again.
CREATE TABLE "trust_nda_version" (
  "id"           uuid PRIMARY KEY,
  "workspace_id" uuid NOT NULL REFERENCES "workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "number"       integer NOT NULL CHECK ("number" > 0),
  "text"         text NOT NULL CHECK (length("text") BETWEEN 1 AND 20000),
  "sha256"       text NOT NULL CHECK ("sha256" ~ '^[0-9a-f]{64}$'),
  "created_at"   timestamptz(3) NOT NULL DEFAULT now(),
  "created_by"   uuid REFERENCES "user" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "trust_nda_version_workspace_id_number_key" ON "trust_nda_version" ("workspace_id", "number");

-- The workspace's document settings: e-mail domains approved at once, and how long an access
-- link works.
CREATE TABLE "trust_document_settings" (
  "workspace_id"         uuid PRIMARY KEY REFERENCES "workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "auto_approve_domains" text[] NOT NULL DEFAULT '{}',
  "link_days"            integer NOT NULL DEFAULT 7 CHECK ("link_days" BETWEEN 1 AND 90),
  "updated_at"           timestamptz(3) NOT NULL DEFAULT now()
);

-- A visitor's request for a gated document, with the NDA they accepted (version, SHA-256 of its
-- exact text, time, IP, user agent). `access_token_hash`: SHA-256 of the link's token, set on
-- approval; the link works until `access_expires_at`. `public_origin`: where the trust page was
-- reached, for the links in e-mails.
CREATE TABLE "trust_document_request" (
  "id"                uuid PRIMARY KEY,
  "workspace_id"      uuid NOT NULL REFERENCES "workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "document_id"       uuid NOT NULL REFERENCES "trust_document" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "name"              text NOT NULL CHECK (length("name") BETWEEN 1 AND 200),
  "email"             text NOT NULL CHECK ("email" = lower("email") AND length("email") <= 320),
  "company"           text NOT NULL CHECK (length("company") BETWEEN 1 AND 200),
  "nda_version_id"    uuid NOT NULL REFERENCES "trust_nda_version" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
  "nda_sha256"        text NOT NULL CHECK ("nda_sha256" ~ '^[0-9a-f]{64}$'),
  "nda_accepted_at"   timestamptz(3) NOT NULL,
  "ip"                text,
  "user_agent"        text CHECK (length("user_agent") <= 512),
  "public_origin"     text NOT NULL,
  "state"             "trust_document_request_state" NOT NULL DEFAULT 'pending',
  "auto_approved"     boolean NOT NULL DEFAULT false,
  "decided_at"        timestamptz(3),
  "decided_by"        uuid REFERENCES "user" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
  "deny_reason"       text CHECK (length("deny_reason") <= 2000),
  "access_token_hash" text UNIQUE,
  "access_expires_at" timestamptz(3),
  "downloads"         integer NOT NULL DEFAULT 0,
  "created_at"        timestamptz(3) NOT NULL DEFAULT now(),
  CHECK ("state" <> 'approved' OR ("access_token_hash" IS NOT NULL AND "access_expires_at" IS NOT NULL)),
  CHECK ("state" = 'pending' OR "decided_at" IS NOT NULL)
);
CREATE INDEX "trust_document_request_workspace_id_state_created_at_idx" ON "trust_document_request" ("workspace_id", "state", "created_at");
CREATE INDEX "trust_document_request_document_id_idx" ON "trust_document_request" ("document_id");

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['trust_document', 'trust_nda_version', 'trust_document_settings', 'trust_document_request']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I USING ("workspace_id" = app_current_workspace()) WITH CHECK ("workspace_id" = app_current_workspace())', t || '_isolation', t);
    PERFORM app_allow_owner_maintenance(format('%I', t)::regclass);
  END LOOP;
END
$$;

GRANT SELECT, INSERT, UPDATE ON "trust_document", "trust_document_settings", "trust_document_request" TO candor_app;
GRANT SELECT, INSERT ON "trust_nda_version" TO candor_app;

-- The trust page lists the documents: a change to what it shows moves the version stamp
-- (decision 012). Download counts and requests do not.
CREATE TRIGGER "trust_document_trust_stamp"
  AFTER INSERT OR DELETE OR UPDATE OF "title", "description", "visibility", "file_name", "content_type", "bytes", "removed_at"
  ON "trust_document"
  FOR EACH ROW EXECUTE FUNCTION app_trust_stamp_bump();
