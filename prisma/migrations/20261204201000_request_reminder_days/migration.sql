-- Deadline reminders (issue 16): the days before a privacy request's deadline on which the
-- members working it are e-mailed (dsar.remind), besides the e-mail when it becomes overdue.
-- At most four whole days from 1 to 60, as the privacy settings' form allows; an empty list
-- leaves only the overdue e-mail.
ALTER TABLE "workspace" ADD COLUMN "request_reminder_days" integer[] NOT NULL DEFAULT '{7,2}'
  CONSTRAINT "workspace_request_reminder_days" CHECK (
    cardinality("request_reminder_days") <= 4
    AND array_position("request_reminder_days", NULL) IS NULL
    AND 1 <= ALL ("request_reminder_days")
    AND 60 >= ALL ("request_reminder_days")
  );

-- The hourly run looks across workspaces for open requests whose deadline nears; closed ones,
-- most of the table in time, are left out of the index.
CREATE INDEX "privacy_request_open_due" ON "privacy_request" ("due_at")
  WHERE "state" NOT IN ('unverified', 'completed', 'rejected', 'duplicate') AND "due_at" IS NOT NULL;
