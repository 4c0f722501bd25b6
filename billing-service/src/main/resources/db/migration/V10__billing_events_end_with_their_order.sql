-- A SCHEDULED billing event whose order ended (cancelled, or completed) is CANCELLED, not collected; the reason says
-- which end it followed (ORDER_CANCELLED, ORDER_COMPLETED).
ALTER TABLE billing_event ADD COLUMN cancel_reason VARCHAR(20);

-- A billing event's attempts, read with it: its last decline in the API, its arrears in the recovery after a new card.
CREATE INDEX ix_payment_transaction_billing_event ON payment_transaction (billing_event_id, created_at)
    WHERE billing_event_id IS NOT NULL;
