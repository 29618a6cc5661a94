-- The Lightning Address a session was opened with (POST /api/sessions "refundAddress"), where its balance is to go
-- when it ends; null for sessions without one and for those opened before.
ALTER TABLE session_view ADD COLUMN refund_address VARCHAR(320);
