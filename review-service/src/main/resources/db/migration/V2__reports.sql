-- What review-service learns beyond the declaration, to draft the report without asking anyone.
alter table incident_fact
    add column component        text,
    add column impact_scope     text,
    add column war_room_url     text,
    add column acknowledged_at  timestamptz,
    add column mitigated_at     timestamptz,
    add column resolved_at      timestamptz,
    add column closed_at        timestamptz,
    add column recovery_methods text[] not null default '{}',
    add column commander        text;

-- The merged timeline: incident lifecycle and broadcast events, one row per event.
create table timeline_entry (
    id          uuid primary key,
    incident_id uuid        not null,
    occurred_at timestamptz not null,
    source      text        not null,
    kind        text        not null,
    summary     text        not null,
    actor       text
);
create index timeline_entry_incident on timeline_entry (incident_id, occurred_at, id);

-- The incident report: drafted when the incident resolves, completed by people, published in versions.
create table report (
    incident_id           uuid primary key,
    status                text        not null,
    published_version     int         not null,
    cause                 text,
    cause_category        text,
    contributing_factors  text[]      not null default '{}',
    impact_summary        text,
    affected_stakeholders text[]      not null default '{}',
    impact_figures        text        not null default '{}',
    drafted_at            timestamptz not null,
    updated_at            timestamptz not null,
    updated_by            text,
    published_at          timestamptz,
    published_by          text,
    row_version           bigint      not null
);

-- Corrections of facts the events got wrong (e.g. the real occurrence time), with who and when.
create table report_correction (
    id          uuid primary key,
    incident_id uuid        not null references report (incident_id),
    field       text        not null,
    value       text,
    reason      text        not null,
    corrected_by text       not null,
    corrected_at timestamptz not null
);
create index report_correction_incident on report_correction (incident_id, corrected_at);

-- Frozen copies of each published version.
create table report_version (
    id           uuid primary key,
    incident_id  uuid        not null references report (incident_id),
    version      int         not null,
    snapshot     text        not null,
    published_at timestamptz not null,
    published_by text        not null,
    unique (incident_id, version)
);

-- The 5 Whys chain, in order; the first why is the customer-visible symptom.
create table why (
    id               uuid primary key,
    incident_id      uuid    not null references report (incident_id),
    position         int     not null,
    question         text    not null,
    answer           text    not null,
    evidence         text[]  not null,
    verified         boolean not null,
    customer_symptom boolean not null,
    unique (incident_id, position)
);

-- Prevention measures.
create table action_item (
    id                 uuid primary key,
    incident_id        uuid        not null references report (incident_id),
    title              text        not null,
    kind               text        not null,
    horizon            text        not null,
    owner              text        not null,
    due_at             timestamptz not null,
    status             text        not null,
    created_by         text        not null,
    created_at         timestamptz not null,
    updated_at         timestamptz not null,
    overdue_notified_at timestamptz,
    row_version        bigint      not null
);
create index action_item_due on action_item (due_at) where status not in ('done', 'cancelled');
create index action_item_owner on action_item (owner);
