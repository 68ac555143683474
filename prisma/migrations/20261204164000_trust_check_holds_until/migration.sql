-- The live checks on Candor's own backups (issue 14): "backups taken daily" and "restores
-- tested". A passing result that rests on the age of something (the last backup, the last
-- restore drill) holds only until that thing is too old: the trust page stops showing it green
-- then, even if the hourly job that would compute it again has not run.
ALTER TABLE "trust_check_result" DROP CONSTRAINT "trust_check_result_check_check";
ALTER TABLE "trust_check_result" ADD CONSTRAINT "trust_check_result_check_check"
  CHECK ("check" IN ('two_factor', 'requests_on_time', 'audit_chain', 'backups_daily', 'restores_tested'));
ALTER TABLE "trust_check_result" ADD COLUMN "holds_until" timestamptz(3);
