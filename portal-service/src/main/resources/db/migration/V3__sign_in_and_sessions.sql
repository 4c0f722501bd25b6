-- Email one-time codes. Every request stores a row, also for an email no customer has (customer_id null): the work and
-- the answer are the same either way, and the rate limits count requests, not customers. Only the latest row of an
-- email is ever checked. The code is kept as an HMAC under a key derived from the key-encryption key (a 6-digit code
-- has too few values for a plain hash), and, until notification-service has it, sealed with AES-GCM.
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
    used_at         TIMESTAMP WITH TIME ZONE,
    -- NONE (no customer: nothing to send), PENDING, SENT, FAILED.
    send_state      TEXT                     NOT NULL,
    sealed_code     BYTEA,
    send_attempts   INT                      NOT NULL DEFAULT 0,
    next_send_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_sign_in_code_email ON sign_in_code (merchant_id, email, created_at DESC);
CREATE INDEX ix_sign_in_code_client ON sign_in_code (client_address, created_at);
CREATE INDEX ix_sign_in_code_pending ON sign_in_code (next_send_at) WHERE send_state = 'PENDING';

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
