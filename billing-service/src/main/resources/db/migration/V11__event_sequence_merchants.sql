-- Whose each subject of billing-service's topics is, for the subjects published before the platform's event counters
-- recorded it (platform V3).
UPDATE platform.event_sequence s SET merchant_id = o.merchant_id
FROM order_copy o WHERE s.merchant_id IS NULL AND s.topic = 'billstream.billing' AND s.subject = o.id::text;
UPDATE platform.event_sequence s SET merchant_id = c.merchant_id
FROM (SELECT DISTINCT customer_id, merchant_id FROM card) c
WHERE s.merchant_id IS NULL AND s.topic = 'billstream.payment-methods' AND s.subject = c.customer_id::text;
