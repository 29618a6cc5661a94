-- Pre-funded sessions: what GET /api/sessions/{id} shows (never the bearer token: it is minted on demand).
CREATE TABLE session_view (
    session_id              VARCHAR(64) PRIMARY KEY,
    state                   VARCHAR(32) NOT NULL,
    deposit_sats            BIGINT      NOT NULL,
    balance_sats            BIGINT      NOT NULL DEFAULT 0,
    reserved_sats           BIGINT      NOT NULL DEFAULT 0,
    minimum_balance_sats    BIGINT      NOT NULL,
    debited_total_sats      BIGINT      NOT NULL DEFAULT 0,
    request_count           INTEGER     NOT NULL DEFAULT 0,
    expires_at              TIMESTAMPTZ,
    deposit_payment_hash    CHAR(64),
    deposit_payment_request TEXT,
    deposit_amount_sats     BIGINT,
    deposit_expires_at      TIMESTAMPTZ,
    deposit_paid            BOOLEAN     NOT NULL DEFAULT FALSE,
    topup_id                VARCHAR(64),
    topup_amount_sats       BIGINT,
    topup_payment_hash      CHAR(64),
    topup_payment_request   TEXT,
    topup_expires_at        TIMESTAMPTZ,
    topup_paid              BOOLEAN     NOT NULL DEFAULT FALSE,
    topup_failure           TEXT,
    expiry_reason           TEXT,
    created_at              TIMESTAMPTZ NOT NULL,
    updated_at              TIMESTAMPTZ NOT NULL,
    CONSTRAINT session_balance_not_negative CHECK (balance_sats >= 0)
);

-- Each request of a session and its cost accounting: estimate, reservation, tokens, USD figures, BTC price, debit.
CREATE TABLE session_requests (
    request_id            VARCHAR(64) PRIMARY KEY,
    session_id            VARCHAR(64) NOT NULL,
    state                 VARCHAR(16) NOT NULL,
    request               TEXT        NOT NULL,
    result                TEXT,
    reason                TEXT,
    estimated_sats        BIGINT      NOT NULL,
    reserved_sats         BIGINT      NOT NULL,
    eval_model            VARCHAR(128),
    eval_input_tokens     BIGINT,
    eval_output_tokens    BIGINT,
    work_model            VARCHAR(128),
    work_input_tokens     BIGINT,
    work_output_tokens    BIGINT,
    eval_cost_usd         NUMERIC,
    work_cost_usd         NUMERIC,
    infra_cost_usd        NUMERIC,
    total_cost_usd        NUMERIC,
    btc_price_usd         NUMERIC,
    btc_price_source      VARCHAR(16),
    btc_price_observed_at TIMESTAMPTZ,
    cost_sats             BIGINT,
    debited_sats          BIGINT,
    uncollected_sats      BIGINT,
    balance_after_sats    BIGINT,
    created_at            TIMESTAMPTZ NOT NULL,
    settled_at            TIMESTAMPTZ
);
CREATE INDEX session_requests_by_session ON session_requests (session_id, created_at);

-- Secrets the server generated for itself (the development macaroon root key); set MACAROON_ROOT_KEY in production.
CREATE TABLE server_secret (
    name       VARCHAR(64) PRIMARY KEY,
    secret     BYTEA       NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
