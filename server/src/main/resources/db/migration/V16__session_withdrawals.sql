-- Withdrawals of sessions' balances: what GET /api/sessions/{id}/withdrawal shows (the invoice itself is in the
-- event store only, as a refund's is).
CREATE TABLE session_withdrawal (
    withdrawal_id         VARCHAR(64) PRIMARY KEY,
    session_id            VARCHAR(64) NOT NULL,
    state                 VARCHAR(16) NOT NULL,
    destination           TEXT        NOT NULL,
    payment_hash          CHAR(64)    NOT NULL,
    amount_sats           BIGINT      NOT NULL,
    fee_reserve_sats      BIGINT      NOT NULL,
    fee_sats              BIGINT,
    reserve_returned_sats BIGINT,
    failure_reason        TEXT,
    requested_at          TIMESTAMPTZ NOT NULL,
    updated_at            TIMESTAMPTZ NOT NULL
);
CREATE INDEX session_withdrawal_by_session ON session_withdrawal (session_id, requested_at);
