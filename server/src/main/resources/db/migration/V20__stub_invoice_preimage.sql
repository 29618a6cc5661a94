-- The stub node keeps each incoming invoice's preimage, so that its pay route can answer it as a wallet learns it
-- (an L402 client needs it for its credential). Stub invoices are worth nothing; rows made before have none.
ALTER TABLE stub_invoice ADD COLUMN preimage BYTEA;
