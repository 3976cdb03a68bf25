-- Incidents, declared with the confirmed minimum; everything else is filled in later.
create sequence incident_reference_seq start with 1000;

create table incident (
    id               uuid primary key,
    reference        text        not null unique,
    title            text        not null,
    summary          text,
    severity         text        not null,
    status           text        not null,
    services         text[]      not null,
    domains          text[]      not null,
    impact_scope     text,
    war_room_url     text,
    detection_method text        not null,
    occurred_at      timestamptz,
    detected_at      timestamptz,
    declared_at      timestamptz not null,
    declared_by      text        not null,
    alert_group_id   uuid unique,
    version          bigint      not null
);

create index incident_declared_at on incident (declared_at desc, id);
