-- The Overview's chart counts a workspace's requests received, and completed, in the last 12
-- months. With these the row-level security condition (workspace_id) and the date bound are
-- one index range: a workspace with years of history reads only its last year, and the policy's
-- setting is not evaluated again for every row (measured with npm run bench:overview).
CREATE INDEX "privacy_request_workspace_id_received_at_idx" ON "privacy_request" ("workspace_id", "received_at");
CREATE INDEX "privacy_request_workspace_id_completed_at_idx" ON "privacy_request" ("workspace_id", "completed_at");
