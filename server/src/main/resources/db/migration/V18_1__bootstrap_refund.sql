-- The fee a bootstrap owes back (provisioning failed after payment, or a payment after it failed); NULL for none.
ALTER TABLE bootstrap_view ADD COLUMN refund_amount_sats BIGINT;
