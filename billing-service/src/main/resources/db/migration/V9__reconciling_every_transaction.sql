-- A first step's new card is stored as the customer's only once approved; until the step is answered its token is
-- kept here, so that the reconciler can send a step whose answer was lost again under its own key.
ALTER TABLE payment_transaction ADD COLUMN card_token TEXT;

-- The reconciler's search: transactions still waiting for the processor's answer.
CREATE INDEX ix_payment_transaction_unanswered ON payment_transaction (created_at) WHERE status IN ('PENDING', 'UNKNOWN');
