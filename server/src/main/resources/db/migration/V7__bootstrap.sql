-- Node bootstrap: its read model, and the SSH private keys waiting for their single delivery.
CREATE TABLE bootstrap_view (
    bootstrap_id         VARCHAR(64) PRIMARY KEY,
    state                VARCHAR(32)  NOT NULL,
    node_name            VARCHAR(63)  NOT NULL,
    fee_sats             BIGINT       NOT NULL,
    region               VARCHAR(64)  NOT NULL,
    size                 VARCHAR(64)  NOT NULL,
    volume_size_gb       INTEGER      NOT NULL,
    payment_hash         CHAR(64),
    payment_request      TEXT,
    amount_sats          BIGINT,
    invoice_expires_at   TIMESTAMPTZ,
    invoice_paid         BOOLEAN      NOT NULL DEFAULT FALSE,
    ssh_public_key       TEXT,
    ssh_key_fingerprint  VARCHAR(128),
    tailscale_key_created BOOLEAN     NOT NULL DEFAULT FALSE,
    droplet_id           BIGINT,
    volume_id            VARCHAR(64),
    volume_attached      BOOLEAN      NOT NULL DEFAULT FALSE,
    node_ip              VARCHAR(64),
    tailscale_hostname   VARCHAR(255),
    lnbits_url           VARCHAR(300),
    reason               TEXT,
    droplet_deleted      BOOLEAN      NOT NULL DEFAULT FALSE,
    volume_deleted       BOOLEAN      NOT NULL DEFAULT FALSE,
    left_behind          TEXT,
    ssh_key_delivered_at TIMESTAMPTZ,
    created_at           TIMESTAMPTZ  NOT NULL,
    updated_at           TIMESTAMPTZ  NOT NULL
);

-- One row per undelivered key, AES-256-GCM encrypted with the bootstrap id as associated data; the row is deleted
-- (DELETE ... RETURNING) by the read that delivers it, or when the bootstrap fails.
CREATE TABLE ssh_private_key (
    bootstrap_id VARCHAR(64) PRIMARY KEY,
    nonce        BYTEA       NOT NULL,
    ciphertext   BYTEA       NOT NULL,
    stored_at    TIMESTAMPTZ NOT NULL
);

-- Secrets this feature generates for itself when the environment gives none (development only): today the key
-- that encrypts ssh_private_key when SSH_KEY_ENCRYPTION_KEY is unset. Kept apart from other features' secrets.
CREATE TABLE bootstrap_secret (
    name       VARCHAR(64) PRIMARY KEY,
    secret     BYTEA       NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
