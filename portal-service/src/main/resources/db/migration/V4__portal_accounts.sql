-- Customers who chose a password after an invitation. The hash is Argon2id in its standard encoding
-- ($argon2id$v=19$m=…,t=…,p=…$salt$hash), so its parameters can be read back and raised later. A password works for
-- sign-in once the email is confirmed.
CREATE TABLE portal_account (
    customer_id         UUID PRIMARY KEY,
    merchant_id         UUID                     NOT NULL,
    password_hash       TEXT                     NOT NULL,
    email_confirmed_at  TIMESTAMP WITH TIME ZONE,
    password_changed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The emailed links of an account: INVITATION (72 h), EMAIL_CONFIRMATION (72 h), PASSWORD_RESET (1 h). The token is
-- 256 random bits; only its SHA-256 is stored. Single use; a new link of a purpose replaces the customer's earlier one.
CREATE TABLE account_link (
    id          UUID PRIMARY KEY,
    purpose     TEXT                     NOT NULL,
    token_hash  BYTEA                    NOT NULL UNIQUE,
    merchant_id UUID                     NOT NULL,
    customer_id UUID                     NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_account_link_customer ON account_link (customer_id, purpose) WHERE used_at IS NULL;
