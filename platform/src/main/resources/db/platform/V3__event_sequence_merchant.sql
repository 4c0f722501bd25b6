-- The merchant each subject belongs to, so that a follower asking how far a subject's events have gone
-- (/internal/v1/event-versions) learns whose it is too: another merchant's id is as unknown as one that never existed.
-- Rows from before this column are filled in by the owning service's own migration, which knows its aggregates.
ALTER TABLE event_sequence ADD COLUMN merchant_id UUID;
