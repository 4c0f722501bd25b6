-- The keys that sign the platform's internal tokens. A key is published in the JWKS from its creation, signs from
-- signs_from until its successor's signs_from, and stays published until the tokens it signed have expired; then it is
-- deleted. The private key is encrypted (AES-256-GCM) with the key-encryption key from configuration.
CREATE TABLE signing_key (
    kid               TEXT PRIMARY KEY,
    algorithm         TEXT                     NOT NULL,
    public_jwk        TEXT                     NOT NULL,
    private_key       BYTEA                    NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    signs_from        TIMESTAMP WITH TIME ZONE NOT NULL UNIQUE,
    -- Set once a successor signs: the last moment a token signed by this key may still be valid, plus the clock skew.
    published_until   TIMESTAMP WITH TIME ZONE
);

-- Merchants' API keys. The key itself is shown once at creation and never stored: only its SHA-256 (a key is 256
-- random bits, so a fast hash is enough), by which an exchange finds it.
CREATE TABLE api_key (
    id           UUID PRIMARY KEY,
    merchant_id  UUID                     NOT NULL,
    -- TEST or LIVE: the key's prefix is sk_test_ or sk_live_.
    mode         TEXT                     NOT NULL,
    name         TEXT                     NOT NULL,
    -- What the merchant sees to tell keys apart: the prefix and the last four characters.
    hint         TEXT                     NOT NULL,
    secret_hash  BYTEA                    NOT NULL UNIQUE,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by   TEXT                     NOT NULL,
    revoked_at   TIMESTAMP WITH TIME ZONE,
    last_used_at TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_api_key_merchant ON api_key (merchant_id, created_at DESC);

-- What portal-service keeps of order-service's events: the merchants there are, and their settings (branding, portal
-- options, languages) for the portal's pages.
CREATE TABLE merchant_copy (
    id       UUID PRIMARY KEY,
    settings JSONB  NOT NULL,
    sequence BIGINT NOT NULL
);

-- The customer directory: which customer of a merchant an email belongs to. Emails are kept lower-cased and trimmed.
-- When two customers of one merchant share an email, the one created last is the one who signs in.
CREATE TABLE customer_directory (
    customer_id UUID PRIMARY KEY,
    merchant_id UUID                     NOT NULL,
    email       TEXT                     NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    sequence    BIGINT                   NOT NULL
);
CREATE INDEX ix_customer_directory_email ON customer_directory (merchant_id, email, created_at DESC);
