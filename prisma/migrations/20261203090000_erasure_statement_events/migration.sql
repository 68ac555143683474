-- Issue 12: until now, when an erasure request's tasks were all done, the subject's timeline
-- said "Erased from every primary system on …", even when the only task was Candor's own
-- records. The requester's page now shows the erasure system by system, worded from the tasks
-- (decision 008, addendum on erasure statements); those earlier events no longer reach the
-- requester. They stay for staff, as a record of what was shown.
UPDATE "request_event"
   SET "public" = false
 WHERE "kind" = 'erased_primary'
   AND "body" LIKE 'Erased from every primary system on %';
