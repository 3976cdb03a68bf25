-- What kind of signal opened an alert group, and the partner for external-integration signals,
-- from detection-service's alert-group.declaration-requested. Incidents declared from a group
-- (incident_fact.alert_group_id) are grouped by them in the metrics (groupBy=kind|partner).
create table detection_signal (
    alert_group_id uuid primary key,
    kind           text        not null,
    partner        text,
    domain         text,
    service        text,
    requested_at   timestamptz not null
);
