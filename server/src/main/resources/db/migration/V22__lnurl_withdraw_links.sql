-- LNURL-withdraw links (LUD-03) of sessions' balances: only sha256(k1) is kept, the k1 itself is the wallet's
-- bearer secret. A link escrows nothing: the balance goes into escrow when the wallet calls back with its invoice,
-- as a withdrawal to an invoice does; used_at makes the k1 single-use.
CREATE TABLE lnurl_withdraw_link (
    k1_sha256        CHAR(64)    PRIMARY KEY,
    session_id       VARCHAR(64) NOT NULL,
    amount_sats      BIGINT      NOT NULL,
    fee_reserve_sats BIGINT      NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    expires_at       TIMESTAMPTZ NOT NULL,
    used_at          TIMESTAMPTZ
);
CREATE INDEX lnurl_withdraw_link_by_session ON lnurl_withdraw_link (session_id);
