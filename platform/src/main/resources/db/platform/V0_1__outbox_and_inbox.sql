-- The lossless event backbone every Firebell service shares (platform module).

-- Events waiting to be published, written in the same transaction as the change that caused them.
create table outbox_message (
    id          uuid primary key,
    seq         bigint generated always as identity unique,
    topic       text        not null,
    record_key  text        not null,
    event_type  text        not null,
    source      text        not null,
    occurred_at timestamptz not null,
    payload     text        not null,
    traceparent text,
    sent_at     timestamptz
);

create index outbox_message_unsent on outbox_message (seq) where sent_at is null;
create index outbox_message_sent_at on outbox_message (sent_at) where sent_at is not null;

-- Wake the relay when rows commit (NOTIFY is delivered at commit, once per transaction).
create function firebell_outbox_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('firebell_outbox', '');
    return null;
end;
$$;

create trigger outbox_message_notify
    after insert on outbox_message
    for each statement execute function firebell_outbox_notify();

-- Event ids each consumer has processed, recorded in the transaction of the effect.
create table inbox_event (
    consumer     text        not null,
    event_id     uuid        not null,
    event_type   text        not null,
    processed_at timestamptz not null,
    primary key (consumer, event_id)
);
