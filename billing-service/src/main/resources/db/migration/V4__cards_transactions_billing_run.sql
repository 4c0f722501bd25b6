-- Cards as the processor's tokens, with what may be shown of them; never a number or a security code.
CREATE TABLE card (
    id           UUID PRIMARY KEY,
    merchant_id  UUID                     NOT NULL,
    customer_id  UUID                     NOT NULL,
    token        VARCHAR(40)              NOT NULL,
    brand        VARCHAR(20)              NOT NULL,
    last4        CHAR(4)                  NOT NULL,
    expiry_month SMALLINT                 NOT NULL,
    expiry_year  SMALLINT                 NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

ALTER TABLE order_copy ADD COLUMN card_id UUID REFERENCES card (id);

-- Every attempt to move money, stored with its idempotency key before the processor is called. PENDING while the
-- processor has it; UNKNOWN when its answer was lost (to be asked for under the same key, never charged again).
CREATE TABLE payment_transaction (
    id                  UUID PRIMARY KEY,
    merchant_id         UUID                     NOT NULL,
    order_id            UUID                     NOT NULL REFERENCES order_copy (id),
    billing_event_id    UUID REFERENCES billing_event (id),
    type                VARCHAR(20)              NOT NULL,
    amount              BIGINT                   NOT NULL CHECK (amount >= 0),
    currency            CHAR(3)                  NOT NULL,
    status              VARCHAR(20)              NOT NULL,
    code                CHAR(2),
    processor_reference VARCHAR(40),
    idempotency_key     VARCHAR(200)             NOT NULL UNIQUE,
    attempt             INTEGER                  NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    settled_at          TIMESTAMP WITH TIME ZONE
);

CREATE INDEX ix_payment_transaction_order ON payment_transaction (order_id, created_at);

-- The billing run's claim: the transaction in flight for an event, so that no other run claims it meanwhile.
ALTER TABLE billing_event ADD COLUMN in_flight UUID;
-- Retries of a soft decline are allowed within 30 days from here: the first soft decline, or the event's scheduled
-- date when it was executed early and declined.
ALTER TABLE billing_event ADD COLUMN retry_window_from TIMESTAMP WITH TIME ZONE;
CREATE INDEX ix_billing_event_due ON billing_event (scheduled_at) WHERE status = 'SCHEDULED' AND in_flight IS NULL;
