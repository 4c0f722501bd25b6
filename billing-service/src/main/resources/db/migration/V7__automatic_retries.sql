-- Each merchant's automatic retry policy, from its settings: whether soft declines are retried, and how many hours
-- after the soft decline each retry is made.
ALTER TABLE merchant_copy ADD COLUMN retry_enabled BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE merchant_copy ADD COLUMN retry_after_hours INTEGER[] NOT NULL DEFAULT '{24,72,168,336,672}';

-- When the billing run retries a soft-declined event next; absent when no automatic retry is planned.
ALTER TABLE billing_event ADD COLUMN next_retry_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX ix_billing_event_retry ON billing_event (next_retry_at)
    WHERE status = 'SOFT_DECLINED' AND in_flight IS NULL AND next_retry_at IS NOT NULL;

-- When a soft-declined event ran out of retries (15, or 30 days after the soft decline) and was published as
-- PaymentRetriesExhausted: once.
ALTER TABLE billing_event ADD COLUMN exhausted_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX ix_billing_event_retry_window ON billing_event (retry_window_from)
    WHERE status = 'SOFT_DECLINED' AND exhausted_at IS NULL;
