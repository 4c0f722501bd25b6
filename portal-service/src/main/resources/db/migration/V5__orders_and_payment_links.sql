-- What portal-service keeps of order-service's orders: whose they are, and their status, which decides where a payment
-- link opens (the checkout before the first approval, the order portal after).
CREATE TABLE order_copy (
    order_id    UUID PRIMARY KEY,
    merchant_id UUID   NOT NULL,
    customer_id UUID   NOT NULL,
    reference   TEXT   NOT NULL,
    status      TEXT   NOT NULL,
    sequence    BIGINT NOT NULL
);

-- Payment links. The URL carries the link's id and a MAC over the id, merchant, order, customer, purpose and expiry
-- under a key derived from the key-encryption key: any byte changed, or any of these changed here, and it is refused.
CREATE TABLE payment_link (
    id          UUID PRIMARY KEY,
    merchant_id UUID                     NOT NULL,
    order_id    UUID                     NOT NULL,
    customer_id UUID                     NOT NULL,
    purpose     TEXT                     NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by  TEXT                     NOT NULL
);
CREATE INDEX ix_payment_link_order ON payment_link (order_id, created_at DESC);
