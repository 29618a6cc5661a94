-- The sequence number of the last job event each row reflects: GET /api/jobs/{id} answers them as its ETag, so a
-- client can ask for "the next change" (If-None-Match with Prefer: wait) instead of polling.
ALTER TABLE job_view ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE job_cost_ledger ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
