-- The messages carrying a secret that notification-service is to send (a one-time code, an invitation, confirmation or
-- reset link), kept until it has taken them: the secret sealed with AES-GCM under the key-encryption key, erased once
-- sent or given up. The id is the request id notification-service queues one message per.
CREATE TABLE secret_message (
    id              UUID PRIMARY KEY,
    template        TEXT                     NOT NULL,
    merchant_id     UUID                     NOT NULL,
    customer_id     UUID                     NOT NULL,
    order_id        UUID,
    carries_link    BOOLEAN                  NOT NULL,
    sealed_secret   BYTEA,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    -- PENDING, SENT, FAILED.
    state           TEXT                     NOT NULL,
    attempts        INT                      NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP WITH TIME ZONE,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_secret_message_pending ON secret_message (next_attempt_at) WHERE state = 'PENDING';

-- Email one-time codes. Every request stores a row, also for an email no customer has (customer_id null): the work and
-- the answer are the same either way, and the rate limits count requests, not customers. Only the latest row of an
-- email is ever checked. The code is kept as an HMAC under a key derived from the key-encryption key (a 6-digit code
-- has too few values for a plain hash); a known customer's code also goes to secret_message, under the same id.
CREATE TABLE sign_in_code (
    id              UUID PRIMARY KEY,
    merchant_id     UUID                     NOT NULL,
    email           TEXT                     NOT NULL,
    customer_id     UUID,
    code_mac        BYTEA                    NOT NULL,
    client_address  TEXT                     NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    failed_attempts INT                      NOT NULL DEFAULT 0,
    used_at         TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_sign_in_code_email ON sign_in_code (merchant_id, email, created_at DESC);
CREATE INDEX ix_sign_in_code_client ON sign_in_code (client_address, created_at);

-- Customers' portal sessions. The cookie carries 256 random bits; only their SHA-256 is stored, so a copy of the
-- table opens no session. A session ends by sign-out, by a newer sign-in in the same browser, or by time: idle past
-- the idle timeout (last_seen_at) or older than the absolute one (expires_at).
CREATE TABLE portal_session (
    id           UUID PRIMARY KEY,
    token_hash   BYTEA                    NOT NULL UNIQUE,
    merchant_id  UUID                     NOT NULL,
    customer_id  UUID                     NOT NULL,
    -- The one order a payment link's session may see; null for a customer-level session.
    order_id     UUID,
    -- ONE_TIME_CODE, PASSWORD or PAYMENT_LINK.
    method       TEXT                     NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at     TIMESTAMP WITH TIME ZONE,
    -- SIGNED_OUT, REPLACED, PASSWORD_CHANGED.
    end_reason   TEXT
);
CREATE INDEX ix_portal_session_customer ON portal_session (customer_id) WHERE ended_at IS NULL;
