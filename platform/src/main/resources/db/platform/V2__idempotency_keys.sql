-- Responses to POST requests sent with an Idempotency-Key, per caller scope (the merchant), kept for replay.
CREATE TABLE idempotency_key (
    scope                 VARCHAR(100)             NOT NULL,
    idempotency_key       VARCHAR(255)             NOT NULL,
    request_fingerprint   CHAR(64)                 NOT NULL,
    state                 VARCHAR(20)              NOT NULL,
    -- Which request holds the claim: only that request may store its response.
    claim_token           UUID                     NOT NULL,
    response_status       INTEGER,
    response_content_type VARCHAR(255),
    response_location     VARCHAR(2000),
    response_body         BYTEA,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    -- A request that crashed mid-way leaves its row IN_PROGRESS; after this instant a retry may take it over.
    locked_until          TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (scope, idempotency_key)
);

CREATE INDEX idx_idempotency_key_expires_at ON idempotency_key (expires_at);
