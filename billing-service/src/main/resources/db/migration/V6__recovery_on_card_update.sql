-- When an order's card was replaced: its declined billing events not attempted since, and its overdue ones, are
-- collected on the new card by the next billing run.
ALTER TABLE order_copy ADD COLUMN recovery_from TIMESTAMP WITH TIME ZONE;
CREATE INDEX ix_order_copy_recovery ON order_copy (recovery_from) WHERE recovery_from IS NOT NULL;
