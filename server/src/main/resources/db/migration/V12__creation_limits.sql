-- Creation limits (POST /api/jobs, /api/sessions, /api/bootstrap, GET /api/demo) as bucket4j token buckets, one row
-- per limit and client address (IPv6 per /64), shared by every node; state is bucket4j's serialized bucket,
-- expires_at (epoch milliseconds) when it would be full again, after which the row may be deleted.
CREATE TABLE creation_limit_bucket (
    id         VARCHAR(128) PRIMARY KEY,
    state      BYTEA,
    expires_at BIGINT
);
CREATE INDEX creation_limit_bucket_expires ON creation_limit_bucket (expires_at);

-- The demo's hand-written counter is replaced by a bucket of the table above.
DROP TABLE demo_rate_limit;
