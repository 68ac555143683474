-- A request closed because it repeats another request of the same person (issue 12, bulk close
-- for duplicates). Neither "completed" nor "rejected" is true of it, so it has its own state.
-- In its own migration: a value added to an enum cannot be used in the transaction that adds it.
ALTER TYPE "request_state" ADD VALUE 'duplicate';
