-- What document-service keeps of other services' events, so that a document can be issued while they are down.
CREATE TABLE merchant_copy (
    id        UUID PRIMARY KEY,
    -- MerchantSettings as published: company details, branding, locale, time zone, invoice prefix, tax.
    settings  JSONB  NOT NULL,
    -- The logo fetched from the branding's URL when the settings arrived; absent when there is none or it failed.
    logo      BYTEA,
    sequence  BIGINT NOT NULL
);

CREATE TABLE customer_copy (
    id          UUID PRIMARY KEY,
    merchant_id UUID   NOT NULL,
    -- CustomerDetails as published: name, email, locale, billing address.
    details     JSONB  NOT NULL,
    sequence    BIGINT NOT NULL
);

CREATE TABLE order_copy (
    id          UUID PRIMARY KEY,
    merchant_id UUID  NOT NULL,
    customer_id UUID  NOT NULL,
    -- OrderCreated as published: reference, purchase type, total, lines, plan.
    created     JSONB NOT NULL
);

-- An order's schedule and payments as billing-service published them, for the order summary and invoice lines.
CREATE TABLE billing_event_copy (
    id           UUID PRIMARY KEY,
    order_id     UUID                     NOT NULL,
    number       INTEGER,
    amount       BIGINT                   NOT NULL,
    currency     CHAR(3)                  NOT NULL,
    scheduled_at TIMESTAMP WITH TIME ZONE NOT NULL,
    status       TEXT                     NOT NULL
);
CREATE INDEX ix_billing_event_copy_order ON billing_event_copy (order_id, scheduled_at);

CREATE TABLE payment_copy (
    id          UUID PRIMARY KEY,
    order_id    UUID                     NOT NULL,
    -- APPROVED, DECLINED or REFUNDED (a refund).
    outcome     TEXT                     NOT NULL,
    amount      BIGINT                   NOT NULL,
    currency    CHAR(3)                  NOT NULL,
    code        TEXT,
    at          TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_payment_copy_order ON payment_copy (order_id, at);

-- The last number issued per merchant and kind. Taken under the row's lock in the issuing transaction: a rolled-back
-- issue gives its number back, so numbers have no gaps; the unique key below keeps any from being used twice.
CREATE TABLE document_series (
    merchant_id UUID   NOT NULL,
    kind        TEXT   NOT NULL,
    last_number BIGINT NOT NULL,
    PRIMARY KEY (merchant_id, kind)
);

CREATE TABLE document (
    id          UUID PRIMARY KEY,
    merchant_id UUID                     NOT NULL,
    order_id    UUID                     NOT NULL,
    customer_id UUID                     NOT NULL,
    -- INVOICE, RECEIPT or CREDIT_NOTE.
    kind        TEXT                     NOT NULL,
    sequence    BIGINT                   NOT NULL,
    number      TEXT                     NOT NULL,
    -- What it documents: the payment (invoice, receipt), the refund or the credit (credit note).
    source_id   UUID                     NOT NULL,
    refers_to   UUID REFERENCES document (id),
    amount      BIGINT                   NOT NULL,
    currency    CHAR(3)                  NOT NULL,
    locale      TEXT                     NOT NULL,
    issued_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    -- Everything the PDF shows, as it was at issue.
    content     JSONB                    NOT NULL,
    pdf         BYTEA                    NOT NULL,
    UNIQUE (merchant_id, kind, sequence),
    UNIQUE (kind, source_id)
);
CREATE INDEX ix_document_order ON document (order_id, issued_at);
CREATE INDEX ix_document_customer ON document (customer_id, issued_at);

-- Issued documents are immutable: the database itself refuses to change or delete one.
CREATE FUNCTION document_is_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'issued documents are immutable';
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER document_immutable BEFORE UPDATE OR DELETE ON document
    FOR EACH ROW EXECUTE FUNCTION document_is_immutable();
