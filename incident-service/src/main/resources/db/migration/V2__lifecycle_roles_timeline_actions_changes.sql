-- The rest of an incident's life: lifecycle times, roles, participants, the append-only timeline,
-- recovery actions, and the change events and service catalog that rollback candidates come from.

alter table incident
    add column stakeholder_groups  text[] not null default '{}',
    add column customer_impact     text,
    add column location            text,
    add column acknowledged_at     timestamptz,
    add column mitigated_at        timestamptz,
    add column resolved_at         timestamptz,
    add column closed_at           timestamptz,
    add column recovery_method     text,
    add column commander           text,
    add column recovery_lead       text,
    add column communications_lead text,
    add column updated_at          timestamptz;

update incident set updated_at = declared_at where updated_at is null;
alter table incident alter column updated_at set not null;

create index incident_status on incident (status, declared_at desc);
create index incident_services on incident using gin (services);
create index incident_domains on incident using gin (domains);

-- Everything that happened to an incident, in order. Rows are only ever inserted.
create table incident_timeline (
    id          uuid primary key,
    seq         bigint generated always as identity unique,
    incident_id uuid        not null references incident (id),
    kind        text        not null,
    actor       text        not null,
    at          timestamptz not null,
    summary     text        not null,
    details     text
);

create index incident_timeline_incident on incident_timeline (incident_id, seq);

create function incident_timeline_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'incident_timeline is append-only';
end;
$$;

create trigger incident_timeline_no_update_or_delete
    before update or delete on incident_timeline
    for each row execute function incident_timeline_append_only();

-- People in the war room.
create table incident_participant (
    id          uuid primary key,
    incident_id uuid        not null references incident (id),
    person      text        not null,
    team        text,
    role        text,
    joined_at   timestamptz not null,
    unique (incident_id, person)
);

-- Change events from CI/CD, infrastructure and configuration tools, and from responders.
create table change_event (
    id           uuid primary key,
    kind         text        not null,
    service      text,
    summary      text        not null,
    version      text,
    from_version text,
    author       text,
    occurred_at  timestamptz not null,
    links        text[]      not null,
    source       text        not null,
    received_at  timestamptz not null
);

create index change_event_service_time on change_event (service, occurred_at desc);
create index change_event_time on change_event (occurred_at desc, id);

-- Recovery actions: the playbook as records.
create table recovery_action (
    id                  uuid primary key,
    incident_id         uuid        not null references incident (id),
    kind                text        not null,
    status              text        not null,
    summary             text        not null,
    service             text,
    change_id           uuid references change_event (id),
    target_version      text,
    instance            text,
    author              text        not null,
    pair_reviewer       text,
    pair_reviewed_at    timestamptz,
    beta_verified_by    text,
    beta_verified_at    timestamptz,
    beta_evidence_url   text,
    created_by          text        not null,
    created_at          timestamptz not null,
    updated_at          timestamptz not null,
    version             bigint      not null
);

create index recovery_action_incident on recovery_action (incident_id, created_at);

-- The service catalog: who owns a service and what it depends on.
create table catalog_service (
    name         text primary key,
    domain       text,
    owners       text[]      not null,
    dependencies text[]      not null,
    description  text,
    updated_at   timestamptz not null,
    updated_by   text        not null
);
