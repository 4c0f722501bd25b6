-- Each CardExpiring published: once per card and month.
CREATE TABLE card_expiry_notice (
    card_id    UUID                     NOT NULL REFERENCES card (id),
    month      DATE                     NOT NULL,
    noticed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (card_id, month)
);
