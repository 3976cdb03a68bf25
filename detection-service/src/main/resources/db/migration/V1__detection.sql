-- detection-service: routing, alert groups, on-call and paging, CS inquiries.
-- (The integration table comes from the platform migrations, db/platform.)

create table escalation_policy (
    id          uuid primary key,
    name        text not null unique,
    repeat_count integer not null default 0 check (repeat_count between 0 and 10),
    -- [{"level":1,"targetType":"schedule"|"person","target":"<schedule id or person id>","ackTimeoutSeconds":300}]
    levels      text not null,
    created_at  timestamptz not null,
    updated_at  timestamptz not null
);

create table domain (
    name                 text primary key,
    description          text,
    escalation_policy_id uuid references escalation_policy (id),
    created_at           timestamptz not null,
    updated_at           timestamptz not null
);

create table route (
    id                uuid primary key,
    position          integer not null,
    name              text not null unique,
    -- Alertmanager-style matchers: [{"label":"service","op":"=~","value":"order-.*"}]; empty = catch-all
    matchers          text not null,
    domain            text not null references domain (name),
    service           text,
    kind              text not null,
    severity          text,
    partner           text,
    group_by          text[] not null,
    auto_declare      boolean not null,
    page              boolean not null,
    page_min_severity text not null,
    catch_all         boolean not null default false,
    created_at        timestamptz not null,
    updated_at        timestamptz not null
);
create unique index route_one_catch_all on route (catch_all) where catch_all;

-- The catch-all route and its domain always exist: no alert is ever dropped for want of a route.
insert into domain (name, description, created_at, updated_at)
values ('unrouted', 'Alerts no routing rule claimed; give the catch-all route a real owner.', now(), now());
insert into route (id, position, name, matchers, domain, service, kind, severity, partner, group_by,
                   auto_declare, page, page_min_severity, catch_all, created_at, updated_at)
values ('00000000-0000-0000-0000-00000000ca11', 2147483647, 'catch-all', '[]', 'unrouted', null, 'system',
        null, null, '{alertname}', false, false, 'critical', true, now(), now());

create table alert_group (
    id              uuid primary key,
    route_key       text not null,
    route_id        uuid not null,
    domain          text not null,
    service         text,
    kind            text not null,
    severity        text not null,
    partner         text,
    summary         text,
    labels          jsonb not null,
    -- open, acknowledged, dismissed (triage), resolved (every alert resolved)
    status          text not null,
    alert_count     integer not null,
    firing_count    integer not null,
    flap_count      integer not null,
    occurred_at     timestamptz not null,
    detected_at     timestamptz not null,
    opened_at       timestamptz not null,
    last_alert_at   timestamptz not null,
    resolved_at     timestamptz,
    acknowledged_at timestamptz,
    acknowledged_by text,
    dismissed_at    timestamptz,
    dismissed_by    text,
    dismiss_reason  text,
    declared_at     timestamptz,
    declared_by     text,
    incident_id     uuid,
    paged_at        timestamptz,
    version         bigint not null default 0
);
-- One active (not yet resolved) group per route key, whatever instance or thread groups: the
-- database refuses a second one even if two consumers ever raced (acceptance 3).
create unique index alert_group_one_active_per_route_key on alert_group (route_key) where resolved_at is null;
create index alert_group_route_key_resolved on alert_group (route_key, resolved_at desc);
create index alert_group_list on alert_group (opened_at desc, id desc);

create table alert (
    id                uuid primary key,
    alert_group_id    uuid not null references alert_group (id),
    dedup_key         text not null,
    integration_id    uuid,
    source_kind       text not null,
    status            text not null,
    severity          text not null,
    summary           text,
    labels            jsonb not null,
    annotations       jsonb not null,
    links             jsonb not null,
    details           jsonb not null,
    generator_url     text,
    starts_at         timestamptz,
    ends_at           timestamptz,
    first_received_at timestamptz not null,
    last_received_at  timestamptz not null,
    receive_count     integer not null,
    -- The same alert re-sent (fingerprint, dedup_key, cycle key) is the same row.
    unique (alert_group_id, dedup_key)
);

create table person (
    id             text primary key,
    name           text,
    webhook_url    text,
    webhook_secret text,
    created_at     timestamptz not null,
    updated_at     timestamptz not null
);

create table schedule (
    id              uuid primary key,
    name            text not null unique,
    time_zone       text not null,
    members         text[] not null,
    rotation_length text not null,
    handoff_time    time not null,
    starts_on       date not null,
    created_at      timestamptz not null,
    updated_at      timestamptz not null
);

create table schedule_override (
    id          uuid primary key,
    schedule_id uuid not null references schedule (id) on delete cascade,
    person      text not null,
    starts_at   timestamptz not null,
    ends_at     timestamptz not null,
    created_by  text not null,
    created_at  timestamptz not null,
    check (ends_at > starts_at)
);
create index schedule_override_window on schedule_override (schedule_id, starts_at, ends_at);

-- A page is one notification of one person at one escalation level. Its timers live here, so a
-- restarted service (or another replica) picks up due deliveries and escalations.
create table page (
    id             uuid primary key,
    alert_group_id uuid not null references alert_group (id),
    domain         text not null,
    policy_id      uuid,
    level          integer not null,
    round          integer not null,
    person         text,
    schedule_id    uuid,
    severity       text not null,
    summary        text,
    -- pending (to deliver), sent, acknowledged, escalated, cancelled, failed
    status         text not null,
    deliver_at     timestamptz not null,
    attempts       integer not null default 0,
    last_error     text,
    sent_at        timestamptz,
    escalates_at   timestamptz,
    ack_timeout_seconds integer,
    acknowledged_at timestamptz,
    escalated_at   timestamptz,
    next_page_id   uuid,
    created_at     timestamptz not null,
    unique (alert_group_id, round, level)
);
create index page_due_delivery on page (deliver_at) where status = 'pending';
create index page_due_escalation on page (escalates_at) where status = 'sent';

create table inquiry (
    id           uuid primary key,
    channel      text not null,
    service      text not null,
    category     text not null,
    app_platform text,
    app_version  text,
    text         text not null,
    reported_by  text not null,
    received_at  timestamptz not null,
    cluster_id   uuid
);
create index inquiry_service_category on inquiry (service, category, received_at);
create index inquiry_platform_version on inquiry (app_platform, app_version, received_at);

create table inquiry_cluster (
    id           uuid primary key,
    match_key    text not null,
    matched_on   text not null,
    service      text not null,
    category     text,
    app_platform text,
    app_version  text,
    inquiry_count integer not null,
    opened_at    timestamptz not null,
    window_ends_at timestamptz not null
);
create index inquiry_cluster_key on inquiry_cluster (match_key, window_ends_at);
