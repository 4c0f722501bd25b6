-- portal-service owns the tables of this database; the platform's tables live in the schema 'platform'.
-- The service's own tables follow in V2 onwards, each migration one step of its model.
COMMENT ON SCHEMA public IS 'portal-service: The customer portal and the auth service: sign-in, payment links, merchant API keys, token issuing.';
