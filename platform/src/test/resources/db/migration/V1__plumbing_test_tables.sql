CREATE TABLE orders (
    id          UUID PRIMARY KEY,
    merchant_id UUID         NOT NULL,
    reference   VARCHAR(100) NOT NULL
);

-- What the test listener applied, one row per delivery it acted on.
CREATE TABLE applied_event (
    id        BIGSERIAL PRIMARY KEY,
    order_id  UUID         NOT NULL,
    reference VARCHAR(100) NOT NULL,
    -- The request id and trace the listener ran under, to show both travel from HTTP through Kafka.
    request_id VARCHAR(128),
    trace_id   VARCHAR(32)
);
