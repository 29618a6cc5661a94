-- Requests to the free demo per client address and clock hour, shared by every node of a cluster.
CREATE TABLE demo_rate_limit (
    client       VARCHAR(64) NOT NULL,
    window_start TIMESTAMPTZ NOT NULL,
    requests     INTEGER     NOT NULL,
    PRIMARY KEY (client, window_start)
);
CREATE INDEX demo_rate_limit_window ON demo_rate_limit (window_start);
