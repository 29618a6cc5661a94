-- The payment watcher keeps checking an invoice after its owner stopped waiting for it (expired, failed: closed),
-- through the late-payment window after its expiry, so that a payment that lands late is found and owed back.
-- The watcher's index therefore no longer leaves closed invoices out.
DROP INDEX issued_invoice_next_check;
CREATE INDEX issued_invoice_next_check ON issued_invoice (next_check_at) WHERE NOT paid AND next_check_at IS NOT NULL;
