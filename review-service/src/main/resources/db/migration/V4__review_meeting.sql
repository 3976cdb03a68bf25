-- Review meetings, scheduled by severity policy.
create table review_meeting (
    id               uuid primary key,
    incident_id      uuid        not null,
    kind             text        not null,
    starts_at        timestamptz not null,
    duration_minutes int         not null,
    time_zone        text        not null,
    location         text        not null,
    attendees        text[]      not null,
    status           text        not null,
    sequence         int         not null,
    due_by           timestamptz not null,
    minutes_url      text,
    scheduled_by     text        not null,
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    row_version      bigint      not null
);
create index review_meeting_room on review_meeting (location, starts_at) where status <> 'cancelled';
create index review_meeting_incident on review_meeting (incident_id);
