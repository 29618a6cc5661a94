-- The payment watcher's schedule, persistent so that a sweep takes the invoices most overdue for a check first,
-- however many are pending: next_check_at is when the next check is due (NULL once the last check after the
-- invoice's expiry is done), check_delay_ms the back-off delay that led to it (NULL before the first check).
ALTER TABLE issued_invoice ADD COLUMN next_check_at TIMESTAMPTZ, ADD COLUMN check_delay_ms BIGINT;
UPDATE issued_invoice SET next_check_at = issued_at WHERE NOT paid AND NOT closed;
CREATE INDEX issued_invoice_next_check ON issued_invoice (next_check_at)
    WHERE NOT paid AND NOT closed AND next_check_at IS NOT NULL;
