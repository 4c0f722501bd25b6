-- Whose each subject of order-service's topics is, for the subjects published before the platform's event counters
-- recorded it (platform V3): followers ask order-service how far an order or a customer has gone, for a merchant.
UPDATE platform.event_sequence s SET merchant_id = o.merchant_id
FROM orders o WHERE s.merchant_id IS NULL AND s.topic = 'billstream.orders' AND s.subject = o.id::text;
UPDATE platform.event_sequence s SET merchant_id = c.merchant_id
FROM customer c WHERE s.merchant_id IS NULL AND s.topic = 'billstream.customers' AND s.subject = c.id::text;
UPDATE platform.event_sequence s SET merchant_id = m.id
FROM merchant m WHERE s.merchant_id IS NULL AND s.topic = 'billstream.merchants' AND s.subject = m.id::text;
