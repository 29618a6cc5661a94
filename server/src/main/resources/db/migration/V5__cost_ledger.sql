-- The cost ledger projection: rebuilt from the event store alone (processing group "cost-ledger").
CREATE TABLE job_cost_ledger (
    job_id                    VARCHAR(64) PRIMARY KEY,
    estimated_input_tokens    BIGINT,
    estimated_output_tokens   BIGINT,
    eval_input_tokens         BIGINT,
    eval_output_tokens        BIGINT,
    work_input_tokens         BIGINT,
    work_output_tokens        BIGINT,
    estimated_total_usd       NUMERIC(30, 12),
    actual_anthropic_cost_usd NUMERIC(30, 12),
    infra_cost_usd            NUMERIC(30, 12),
    margin_pct                NUMERIC(12, 4),
    btc_price_usd             NUMERIC(20, 8),
    btc_price_source          VARCHAR(16),
    work_amount_sats          BIGINT,
    actual_amount_sats        BIGINT,
    refund_amount_sats        BIGINT,
    refund_state              VARCHAR(16),
    refund_payment_hash       CHAR(64),
    refund_failure_reason     TEXT
);
