-- "Follow your request" links in the requester's e-mails are requester codes of their own
-- purpose: single-use, 7 days, only the link's SHA-256 stored.
ALTER TABLE "requester_code" DROP CONSTRAINT "requester_code_purpose_check";
ALTER TABLE "requester_code" ADD CONSTRAINT "requester_code_purpose_check"
  CHECK ("purpose" IN ('verify', 'status', 'session', 'follow'));
