-- Stub mode only, and only with STUB_MODEL_RECORD_CALLS=true: every call of the stub model, so that tests with
-- several nodes can count the model's outside effect where it happens.
CREATE TABLE stub_model_call (
    id        BIGSERIAL PRIMARY KEY,
    kind      VARCHAR(16) NOT NULL,
    request   TEXT        NOT NULL,
    called_at TIMESTAMPTZ NOT NULL
);
