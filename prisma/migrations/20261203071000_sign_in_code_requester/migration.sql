-- A pending sign-in code belongs to the e-mail *and* the network that asked for it (decision
-- 005, issue 11): a stranger asking for codes for someone else's address, or guessing them, no
-- longer replaces or locks the code that person asked for from their own network.
-- `requester` is a SHA-256 of the network (an IPv4 address, or an IPv6 /64), never the address.
-- Codes live 10 minutes: the ones pending now are dropped rather than given a made-up network.
DELETE FROM "sign_in_code";
ALTER TABLE "sign_in_code" ADD COLUMN "requester" text NOT NULL;
DROP INDEX "sign_in_code_email_created_at_idx";
CREATE INDEX "sign_in_code_email_requester_created_at_idx" ON "sign_in_code" ("email", "requester", "created_at");
