-- What order-service keeps of its orders' billing: the figures every view shows, the last billing event of the order
-- it applied (events of an order are applied strictly in their sequence), and a copy of each billing event's amount
-- and status, from which the order's status follows.
ALTER TABLE orders
    ADD COLUMN paid_amount      BIGINT NOT NULL DEFAULT 0 CHECK (paid_amount >= 0),
    ADD COLUMN refunded_amount  BIGINT NOT NULL DEFAULT 0 CHECK (refunded_amount >= 0),
    ADD COLUMN credited_amount  BIGINT NOT NULL DEFAULT 0 CHECK (credited_amount >= 0),
    ADD COLUMN skipped_amount   BIGINT NOT NULL DEFAULT 0 CHECK (skipped_amount >= 0),
    ADD COLUMN billing_sequence BIGINT NOT NULL DEFAULT 0;

CREATE TABLE order_billing_event (
    order_id          UUID        NOT NULL REFERENCES orders (id),
    billing_event_id  UUID        NOT NULL,
    amount            BIGINT      NOT NULL CHECK (amount >= 0),
    status            VARCHAR(20) NOT NULL,
    retries_exhausted BOOLEAN     NOT NULL DEFAULT FALSE,
    PRIMARY KEY (order_id, billing_event_id)
);

-- The payments, refunds and credits counted in the figures, by their own ids: one published twice, under two event
-- ids, is counted once.
CREATE TABLE order_money_movement (
    order_id UUID        NOT NULL REFERENCES orders (id),
    id       UUID        NOT NULL,
    kind     VARCHAR(20) NOT NULL,
    PRIMARY KEY (order_id, id)
);

-- Usage reported against METERED orders; a billing event that bills it marks it invoiced.
CREATE TABLE usage_record (
    id               UUID PRIMARY KEY,
    merchant_id      UUID                     NOT NULL REFERENCES merchant (id),
    order_id         UUID                     NOT NULL REFERENCES orders (id),
    description      VARCHAR(200)             NOT NULL,
    usage_date       DATE                     NOT NULL,
    quantity         BIGINT                   NOT NULL CHECK (quantity > 0),
    unit             VARCHAR(30)              NOT NULL,
    unit_price       BIGINT                   NOT NULL CHECK (unit_price >= 0),
    amount           BIGINT                   NOT NULL CHECK (amount >= 0),
    billing_event_id UUID,
    recorded_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX ix_usage_record_order ON usage_record (order_id, usage_date DESC, recorded_at DESC, id);
