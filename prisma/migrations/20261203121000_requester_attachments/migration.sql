-- A file the requester attaches to their answer when the company asked for identity information
-- (PDF, PNG or JPEG, judged by content): encrypted in object storage (decision 009), named by
-- its row. A later erasure for the same person deletes it with the request's other details.
CREATE TABLE "requester_attachment" (
  "id"           uuid PRIMARY KEY,
  "workspace_id" uuid NOT NULL REFERENCES "workspace" ("id") ON DELETE CASCADE,
  "request_id"   uuid NOT NULL REFERENCES "privacy_request" ("id") ON DELETE CASCADE,
  "event_id"     uuid NOT NULL REFERENCES "request_event" ("id") ON DELETE CASCADE,
  "file_name"    text NOT NULL,
  "content_type" text NOT NULL,
  "bytes"        bigint NOT NULL,
  "sha256"       text NOT NULL,
  "object"       jsonb NOT NULL,
  "created_at"   timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX "requester_attachment_request_id_idx" ON "requester_attachment" ("request_id");

ALTER TABLE "requester_attachment" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "requester_attachment" FORCE ROW LEVEL SECURITY;
CREATE POLICY "requester_attachment_isolation" ON "requester_attachment"
  USING ("workspace_id" = app_current_workspace())
  WITH CHECK ("workspace_id" = app_current_workspace());
SELECT app_allow_owner_maintenance('"requester_attachment"');

GRANT SELECT, INSERT, DELETE ON "requester_attachment" TO candor_app;
