-- Orders: the customer's purchase, its payment configuration and its status. Lines and plan are read and written
-- with the order as a whole, in the shape of the contract's OrderLine and PaymentPlan.
CREATE TABLE orders (
    id            UUID PRIMARY KEY,
    merchant_id   UUID                     NOT NULL REFERENCES merchant (id),
    customer_id   UUID                     NOT NULL REFERENCES customer (id),
    reference     VARCHAR(100)             NOT NULL,
    purchase_type VARCHAR(20)              NOT NULL,
    currency      CHAR(3)                  NOT NULL,
    total_amount  BIGINT                   NOT NULL CHECK (total_amount >= 0),
    lines         JSONB                    NOT NULL,
    plan          JSONB                    NOT NULL,
    first_action  VARCHAR(30)              NOT NULL,
    channel       VARCHAR(30)              NOT NULL,
    status        VARCHAR(20)              NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT ux_orders_merchant_reference UNIQUE (merchant_id, reference)
);

CREATE INDEX ix_orders_merchant_created ON orders (merchant_id, created_at DESC, id);
CREATE INDEX ix_orders_merchant_customer ON orders (merchant_id, customer_id, created_at DESC);
CREATE INDEX ix_orders_merchant_status ON orders (merchant_id, status, created_at DESC);

-- Every status an order took: who caused it, when and why. The first entry is the creation in DRAFT.
CREATE TABLE order_timeline (
    id          BIGSERIAL PRIMARY KEY,
    order_id    UUID                     NOT NULL REFERENCES orders (id),
    at          TIMESTAMP WITH TIME ZONE NOT NULL,
    from_status VARCHAR(20),
    to_status   VARCHAR(20)              NOT NULL,
    transition  VARCHAR(40)              NOT NULL,
    actor       VARCHAR(20)              NOT NULL,
    reason      VARCHAR(500)
);

CREATE INDEX ix_order_timeline_order ON order_timeline (order_id, id);
