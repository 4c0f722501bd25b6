-- Messages portal-service asks for carry a secret: a one-time code, or a link holding a token. The stored subject and
-- bodies hold a placeholder instead; the secret itself is kept only until the message is sent or given up, and the
-- message is given up once it has expired, when its code or link would no longer work.
ALTER TABLE notification
    ADD COLUMN secret     TEXT,
    ADD COLUMN expires_at TIMESTAMP WITH TIME ZONE;

-- What the sandbox SMS provider would have sent, for merchants and tests to read back. A real provider keeps its own.
CREATE TABLE sandbox_sms (
    -- The message's id: a message sent again after a crash is kept once.
    id          UUID PRIMARY KEY,
    merchant_id UUID                     NOT NULL,
    recipient   TEXT                     NOT NULL,
    sender      TEXT                     NOT NULL,
    text        TEXT                     NOT NULL,
    sent_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_sandbox_sms_recipient ON sandbox_sms (merchant_id, recipient, sent_at DESC);
