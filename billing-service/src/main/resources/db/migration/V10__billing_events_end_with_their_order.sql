-- A SCHEDULED billing event whose order ended (cancelled, or completed) is CANCELLED, not collected; the reason says
-- which end it followed (ORDER_CANCELLED, ORDER_COMPLETED).
ALTER TABLE billing_event ADD COLUMN cancel_reason VARCHAR(20);
