-- The requester's IANA time zone, as their browser reported it on the portal: the status page
-- shows dates in it (naming it), or in UTC when it is unknown.
ALTER TABLE "privacy_request" ADD COLUMN "time_zone" TEXT;
