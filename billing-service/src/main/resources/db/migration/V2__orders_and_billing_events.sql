-- The merchant settings billing-service needs: the time zone in which billing events are collected. Settings travel
-- whole; the copy keeps the newest by sequence.
CREATE TABLE merchant_copy (
    id        UUID PRIMARY KEY,
    time_zone VARCHAR(64) NOT NULL,
    sequence  BIGINT      NOT NULL
);

-- Orders as order-service publishes them, applied in each order's sequence; the schedule starts from them.
CREATE TABLE order_copy (
    id              UUID PRIMARY KEY,
    merchant_id     UUID                     NOT NULL,
    customer_id     UUID                     NOT NULL,
    purchase_type   VARCHAR(20)              NOT NULL,
    currency        CHAR(3)                  NOT NULL,
    total_amount    BIGINT                   NOT NULL,
    plan            JSONB                    NOT NULL,
    first_action    VARCHAR(30)              NOT NULL,
    status          VARCHAR(20)              NOT NULL,
    orders_sequence BIGINT                   NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    -- A subscription's cycle 1 date, from its activation: cycle n falls n - 1 intervals after it.
    cycles_from     TIMESTAMP WITH TIME ZONE
);

CREATE INDEX ix_order_copy_merchant ON order_copy (merchant_id, id);

-- One row per scheduled payment of an order.
CREATE TABLE billing_event (
    id           UUID PRIMARY KEY,
    merchant_id  UUID                     NOT NULL,
    order_id     UUID                     NOT NULL REFERENCES order_copy (id),
    number       INTEGER,
    amount       BIGINT                   NOT NULL CHECK (amount > 0),
    currency     CHAR(3)                  NOT NULL,
    scheduled_at TIMESTAMP WITH TIME ZONE NOT NULL,
    status       VARCHAR(20)              NOT NULL,
    attempts     INTEGER                  NOT NULL DEFAULT 0,
    merged_into  UUID,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX ix_billing_event_order ON billing_event (order_id, scheduled_at, number);
