-- The stub Lightning node's wallet: kept in PostgreSQL so a restart loses no invoice.
CREATE TABLE stub_invoice (
    payment_hash    CHAR(64) PRIMARY KEY,
    payment_request TEXT        NOT NULL,
    amount_sats     BIGINT      NOT NULL,
    memo            TEXT,
    direction       VARCHAR(8)  NOT NULL, -- 'in' for invoices we issued, 'out' for payments we made
    created_at      TIMESTAMPTZ NOT NULL,
    expires_at      TIMESTAMPTZ,
    paid_at         TIMESTAMPTZ
);
