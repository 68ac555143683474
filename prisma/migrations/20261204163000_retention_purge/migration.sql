-- Retention purges (issue 14, decision 023). A workspace says how long a closed privacy request
-- keeps its identifying fields; retention.purge then minimises it (minimised_at) to a record of
-- what was asked, when and how it ended. Indexes let the daily purge find old rows in batches
-- without reading whole tables.
ALTER TABLE "workspace"
  ADD COLUMN "closed_request_retention_months" integer NOT NULL DEFAULT 24
    CHECK ("closed_request_retention_months" BETWEEN 1 AND 120);

ALTER TABLE "privacy_request" ADD COLUMN "minimised_at" timestamptz(3);
-- A minimised request keeps no name: the only row allowed an empty one.
ALTER TABLE "privacy_request" DROP CONSTRAINT "privacy_request_subject_name_check";
ALTER TABLE "privacy_request" ADD CONSTRAINT "privacy_request_subject_name_check"
  CHECK (length("subject_name") <= 200 AND (length("subject_name") >= 1 OR "minimised_at" IS NOT NULL));

CREATE INDEX "session_expires_at_idx" ON "session" ("expires_at");
CREATE INDEX "email_message_created_at_idx" ON "email_message" ("created_at");
CREATE INDEX "webhook_delivery_created_at_idx" ON "webhook_delivery" ("created_at");
