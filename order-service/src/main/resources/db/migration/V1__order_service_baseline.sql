-- order-service owns the tables of this database; the platform's tables live in the schema 'platform'.
-- The service's own tables follow in V2 onwards, each migration one step of its model.
COMMENT ON SCHEMA public IS 'order-service: Merchants, customers, orders and their lifecycle; the order status every other part of the platform reflects.';
