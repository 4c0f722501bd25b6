-- Merchants (tenants) and their settings. The settings are one document, read and replaced as a whole, and published
-- whole in MerchantSettingsChanged; a JSON column keeps them in the shape of the contract.
CREATE TABLE merchant (
    id         UUID PRIMARY KEY,
    settings   JSONB                    NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
