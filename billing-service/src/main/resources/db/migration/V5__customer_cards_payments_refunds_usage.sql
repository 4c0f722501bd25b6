-- A customer's cards: one of them is the default. A removed card keeps its row for the transactions that name it, but
-- its token is forgotten.
ALTER TABLE card ADD COLUMN is_default BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE card ADD COLUMN removed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE card ALTER COLUMN token DROP NOT NULL;
UPDATE card SET is_default = TRUE
WHERE id IN (SELECT DISTINCT ON (customer_id) id FROM card ORDER BY customer_id, created_at DESC);
CREATE UNIQUE INDEX ux_card_default ON card (merchant_id, customer_id) WHERE is_default;
CREATE INDEX ix_card_customer ON card (merchant_id, customer_id, created_at);

-- First steps (channel set: a payment link or the virtual terminal), captures and refunds (parent_id: the
-- authorisation captured or the payment refunded) beside the billing run's charges.
ALTER TABLE payment_transaction ADD COLUMN channel VARCHAR(20);
ALTER TABLE payment_transaction ADD COLUMN parent_id UUID REFERENCES payment_transaction (id);
ALTER TABLE payment_transaction ADD COLUMN card_id UUID REFERENCES card (id);
ALTER TABLE payment_transaction ADD COLUMN reason VARCHAR(500);
CREATE INDEX ix_payment_transaction_merchant ON payment_transaction (merchant_id, created_at DESC);
CREATE INDEX ix_payment_transaction_parent ON payment_transaction (parent_id) WHERE parent_id IS NOT NULL;
-- At most one first step of an order in flight or approved at a time: two checkouts never both charge.
CREATE UNIQUE INDEX ux_payment_transaction_first_step ON payment_transaction (order_id)
    WHERE channel IS NOT NULL AND status IN ('PENDING', 'UNKNOWN', 'APPROVED', 'VOIDED');

-- Usage of METERED orders from UsageRecorded; billed by the billing event that lists it.
CREATE TABLE usage_record_copy (
    id               UUID PRIMARY KEY,
    order_id         UUID                     NOT NULL REFERENCES order_copy (id),
    amount           BIGINT                   NOT NULL CHECK (amount >= 0),
    billing_event_id UUID REFERENCES billing_event (id),
    usage_date       DATE                     NOT NULL,
    recorded_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_usage_record_copy_open ON usage_record_copy (order_id) WHERE billing_event_id IS NULL;
