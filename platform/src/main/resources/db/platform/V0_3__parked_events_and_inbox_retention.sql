-- Records a consumer could not apply, parked so that the partition keeps flowing (docs/events.md,
-- "Events that cannot be applied"). Everything needed to replay the record is kept as it came.
create table parked_event (
    id              uuid primary key,
    consumer        text        not null,
    topic           text        not null,
    kafka_partition integer     not null,
    kafka_offset    bigint      not null,
    record_key      text,
    -- [{"name": …, "value": <base64>}], in record order
    headers         jsonb       not null,
    value           bytea,
    -- when the CloudEvent envelope could be read
    event_id        uuid,
    event_type      text,
    error_class     text        not null,
    error_message   text        not null,
    attempts        integer     not null,
    first_failed_at timestamptz not null,
    last_failed_at  timestamptz not null,
    parked_at       timestamptz not null,
    -- a record redelivered before its offset was committed is parked once
    unique (consumer, topic, kafka_partition, kafka_offset)
);

create index parked_event_page on parked_event (parked_at, id);

-- The inbox is purged by age (InboxRetention): without this index every purge reads it all.
create index inbox_event_processed_at on inbox_event (processed_at);
