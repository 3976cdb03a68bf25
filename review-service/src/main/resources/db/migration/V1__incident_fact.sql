-- review-service's own read model of incidents, built from incident-service's events.
create table incident_fact (
    incident_id      uuid primary key,
    reference        text        not null,
    title            text        not null,
    summary          text,
    severity         text        not null,
    status           text        not null,
    services         text[]      not null,
    domains          text[]      not null,
    detection_method text        not null,
    occurred_at      timestamptz,
    detected_at      timestamptz,
    declared_at      timestamptz not null,
    declared_by      text        not null,
    alert_group_id   uuid,
    recorded_at      timestamptz not null,
    updated_at       timestamptz not null
);

create index incident_fact_declared_at on incident_fact (declared_at desc, incident_id);
