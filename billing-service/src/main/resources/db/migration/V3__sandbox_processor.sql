-- The sandbox processor's own records, as an acquirer keeps them. A token stands for a card's brand, last four digits,
-- expiry and how the issuer answers for it; never the card number or the security code. Every request is kept by its
-- idempotency key, so that one key is carried out once and answered alike every time.
CREATE TABLE sandbox_card (
    token        VARCHAR(40) PRIMARY KEY,
    brand        VARCHAR(20)              NOT NULL,
    last4        CHAR(4)                  NOT NULL,
    expiry_month SMALLINT                 NOT NULL,
    expiry_year  SMALLINT                 NOT NULL,
    holder_name  VARCHAR(200),
    result       VARCHAR(20)              NOT NULL,
    code         CHAR(2)                  NOT NULL,
    times_out    BOOLEAN                  NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE sandbox_request (
    idempotency_key  VARCHAR(200) PRIMARY KEY,
    kind             VARCHAR(20)              NOT NULL,
    token            VARCHAR(40),
    parent_reference VARCHAR(40),
    amount           BIGINT                   NOT NULL CHECK (amount >= 0),
    currency         CHAR(3),
    result           VARCHAR(20)              NOT NULL,
    code             CHAR(2)                  NOT NULL,
    reference        VARCHAR(40)              NOT NULL UNIQUE,
    captured         BIGINT                   NOT NULL DEFAULT 0,
    refunded         BIGINT                   NOT NULL DEFAULT 0,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
