-- A merchant's customers. Two customers of one merchant may share an email (a portal login by that email picks the
-- most recently created); the merchant's own reference, when given, names one customer.
CREATE TABLE customer (
    id              UUID PRIMARY KEY,
    merchant_id     UUID                     NOT NULL REFERENCES merchant (id),
    name            VARCHAR(200)             NOT NULL,
    email           VARCHAR(320)             NOT NULL,
    phone           VARCHAR(16),
    locale          VARCHAR(5)               NOT NULL,
    billing_address JSONB,
    reference       VARCHAR(100),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by      VARCHAR(20)              NOT NULL
);

CREATE UNIQUE INDEX ux_customer_merchant_reference ON customer (merchant_id, reference) WHERE reference IS NOT NULL;
CREATE INDEX ix_customer_merchant_email ON customer (merchant_id, lower(email), created_at DESC);
CREATE INDEX ix_customer_merchant_created ON customer (merchant_id, created_at DESC, id);
