CREATE TABLE job_view (
    job_id               VARCHAR(64) PRIMARY KEY,
    state                VARCHAR(32) NOT NULL,
    request              TEXT        NOT NULL,
    eval_payment_hash    CHAR(64),
    eval_payment_request TEXT,
    eval_amount_sats     BIGINT,
    eval_expires_at      TIMESTAMPTZ,
    eval_paid            BOOLEAN     NOT NULL DEFAULT FALSE,
    work_payment_hash    CHAR(64),
    work_payment_request TEXT,
    work_amount_sats     BIGINT,
    work_expires_at      TIMESTAMPTZ,
    work_paid            BOOLEAN     NOT NULL DEFAULT FALSE,
    result               TEXT,
    reason               TEXT,
    created_at           TIMESTAMPTZ NOT NULL,
    updated_at           TIMESTAMPTZ NOT NULL
);

CREATE TABLE issued_invoice (
    payment_hash CHAR(64) PRIMARY KEY,
    purpose      VARCHAR(32) NOT NULL,
    owner_id     VARCHAR(64) NOT NULL,
    amount_sats  BIGINT      NOT NULL,
    issued_at    TIMESTAMPTZ NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL,
    paid         BOOLEAN     NOT NULL DEFAULT FALSE,
    closed       BOOLEAN     NOT NULL DEFAULT FALSE
);
CREATE INDEX issued_invoice_pending ON issued_invoice (issued_at) WHERE NOT paid AND NOT closed;
CREATE INDEX issued_invoice_owner ON issued_invoice (owner_id);
