-- Earlier incidents a new one repeats (same service, component or cause category).
create table recurrence_link (
    id                  uuid primary key,
    incident_id         uuid        not null,
    earlier_incident_id uuid        not null,
    matched_on          text[]      not null,
    found_at            timestamptz not null,
    unique (incident_id, earlier_incident_id)
);
create index recurrence_link_incident on recurrence_link (incident_id);
