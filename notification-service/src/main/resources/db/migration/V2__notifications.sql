-- What notification-service keeps of other services' events: who to write to, in which language, for which merchant.
CREATE TABLE merchant_copy (
    id       UUID PRIMARY KEY,
    -- MerchantSettings as published: company (name, email), branding, default language, notification toggles.
    settings JSONB  NOT NULL,
    sequence BIGINT NOT NULL
);

CREATE TABLE customer_copy (
    id          UUID PRIMARY KEY,
    merchant_id UUID   NOT NULL,
    -- CustomerDetails as published: name, email, phone, language.
    details     JSONB  NOT NULL,
    sequence    BIGINT NOT NULL
);

CREATE TABLE order_copy (
    id          UUID PRIMARY KEY,
    merchant_id UUID NOT NULL,
    customer_id UUID NOT NULL,
    reference   TEXT
);

-- Every message, with its content as sent and its delivery: the merchant's log and the dispatcher's queue.
CREATE TABLE notification (
    id              UUID PRIMARY KEY,
    merchant_id     UUID                     NOT NULL,
    customer_id     UUID                     NOT NULL,
    order_id        UUID,
    -- The event that caused it: one message per event, template and channel, however often the event comes.
    event_id        UUID                     NOT NULL,
    template        TEXT                     NOT NULL,
    channel         TEXT                     NOT NULL,
    recipient       TEXT                     NOT NULL,
    language        TEXT                     NOT NULL,
    subject         TEXT                     NOT NULL,
    text_body       TEXT                     NOT NULL,
    html_body       TEXT,
    -- QUEUED, SENT or FAILED.
    status          TEXT                     NOT NULL,
    attempts        INTEGER                  NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE,
    last_error      TEXT,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_at         TIMESTAMP WITH TIME ZONE,
    UNIQUE (event_id, template, channel)
);
CREATE INDEX ix_notification_due ON notification (next_attempt_at) WHERE status = 'QUEUED';
CREATE INDEX ix_notification_merchant ON notification (merchant_id, created_at DESC);
