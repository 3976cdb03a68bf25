-- broadcast-service: where messages go (endpoints) and every attempt to get them there (deliveries).

-- A Slack incoming webhook, a Teams Workflows webhook or a generic (Standard Webhooks) receiver.
create table endpoint (
    id                        uuid primary key,
    name                      text        not null,
    kind                      text        not null check (kind in ('slack', 'teams', 'webhook')),
    url                       text        not null,
    enabled                   boolean     not null default true,
    disabled_reason           text,
    -- Standard Webhooks secret (whsec_…) of a webhook endpoint; the previous one stays valid (and
    -- is signed with too) until previous_secret_expires_at after a rotation.
    secret                    text,
    previous_secret           text,
    previous_secret_expires_at timestamptz,
    -- Circuit breaker, shared by every instance: consecutive failed attempts, and while open the
    -- time until which due deliveries are postponed (then one half-open probe goes out).
    consecutive_failures      integer     not null default 0,
    circuit_open_until        timestamptz,
    created_at                timestamptz not null,
    updated_at                timestamptz not null,
    version                   bigint      not null default 0
);

create index endpoint_created on endpoint (created_at, id);

-- Request bodies, stored once and shared by every delivery of the same rendering.
create table delivery_body (
    id           uuid primary key,
    content_type text not null,
    body         text not null
);

-- One message to one endpoint, over all its attempts. Persisted before the first attempt.
--   pending   queued, not attempted yet (or re-queued by a replay)
--   failed    the last attempt failed and a retry is scheduled at next_attempt_at
--   succeeded the endpoint answered 2xx
--   dead      dead-lettered: schedule exhausted, a non-retryable answer (3xx, 4xx, 410) or a
--             refused address; waits for a replay
create table delivery (
    id              uuid primary key,
    -- queue order within an endpoint
    seq             bigint generated always as identity unique,
    message_kind    text        not null,
    message_id      uuid        not null,
    incident_id     uuid        not null,
    endpoint_id     uuid        not null references endpoint (id) on delete cascade,
    audience        text        not null,
    body_id         uuid        not null references delivery_body (id),
    status          text        not null check (status in ('pending', 'failed', 'succeeded', 'dead')),
    attempts        integer     not null default 0,
    -- attempts made before the last replay: the retry schedule starts again from here
    attempt_base    integer     not null default 0,
    next_attempt_at timestamptz not null,
    -- set while an instance is sending it; an expired lease (crashed instance) makes it due again
    lease_until     timestamptz,
    last_http_status integer,
    last_error      text,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    delivered_at    timestamptz,
    unique (message_id, endpoint_id)
);

-- The head of each endpoint's queue: its oldest delivery still to be sent.
create index delivery_queue on delivery (endpoint_id, seq) where status in ('pending', 'failed');
-- for the cascade when an endpoint is deleted, and the endpointId filter
create index delivery_endpoint on delivery (endpoint_id, seq);
create index delivery_created on delivery (created_at, id);
create index delivery_incident on delivery (incident_id);
create index delivery_message on delivery (message_id);
create index delivery_body_ref on delivery (body_id);

create table delivery_attempt (
    delivery_id uuid        not null references delivery (id) on delete cascade,
    attempt     integer     not null,
    started_at  timestamptz not null,
    duration_ms integer     not null,
    http_status integer,
    error       text,
    primary key (delivery_id, attempt)
);
