-- Tables the platform keeps in every service database, in a schema of their own so that they never clash with the
-- service's tables or migrations.

-- Gap-free sequence of each subject's events on each topic (CloudEvents 'sequence').
CREATE TABLE event_sequence (
    topic      VARCHAR(255) NOT NULL,
    subject    VARCHAR(255) NOT NULL,
    last_value BIGINT       NOT NULL,
    PRIMARY KEY (topic, subject)
);

-- Events a consumer has applied; a redelivered id is skipped.
CREATE TABLE inbox (
    consumer     VARCHAR(255)             NOT NULL,
    event_id     UUID                     NOT NULL,
    event_type   VARCHAR(255)             NOT NULL,
    processed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (consumer, event_id)
);

-- namastack-outbox 1.6.0 tables (schema/postgres/outbox-tables.sql of the library), created here because the
-- library's own initialiser cannot place them in this schema.
CREATE TABLE outbox_record (
    id             VARCHAR(255)             NOT NULL,
    status         VARCHAR(20)              NOT NULL,
    record_key     VARCHAR(255)             NOT NULL,
    record_type    VARCHAR(255)             NOT NULL,
    payload        TEXT                     NOT NULL,
    context        TEXT,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    completed_at   TIMESTAMP WITH TIME ZONE,
    failure_count  INT                      NOT NULL,
    failure_reason VARCHAR(1000),
    next_retry_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    partition_no   INTEGER                  NOT NULL,
    handler_id     VARCHAR(1000)            NOT NULL,
    PRIMARY KEY (id)
);

CREATE TABLE outbox_instance (
    instance_id    VARCHAR(255) PRIMARY KEY,
    hostname       VARCHAR(255)             NOT NULL,
    port           INTEGER                  NOT NULL,
    status         VARCHAR(50)              NOT NULL,
    started_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    last_heartbeat TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE outbox_partition (
    partition_number INTEGER PRIMARY KEY,
    instance_id      VARCHAR(255),
    version          BIGINT                   NOT NULL DEFAULT 0,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX idx_outbox_record_record_key_created ON outbox_record (record_key, created_at);
CREATE INDEX idx_outbox_record_partition_status_retry ON outbox_record (partition_no, status, next_retry_at);
CREATE INDEX idx_outbox_record_status_retry ON outbox_record (status, next_retry_at);
CREATE INDEX idx_outbox_record_status ON outbox_record (status);
CREATE INDEX idx_outbox_record_record_key_completed_created ON outbox_record (record_key, completed_at, created_at);
CREATE INDEX idx_outbox_instance_status_heartbeat ON outbox_instance (status, last_heartbeat);
CREATE INDEX idx_outbox_instance_last_heartbeat ON outbox_instance (last_heartbeat);
CREATE INDEX idx_outbox_instance_status ON outbox_instance (status);
CREATE INDEX idx_outbox_partition_instance_id ON outbox_partition (instance_id);
