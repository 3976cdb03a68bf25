-- broadcast-service's side of communication: what it knows of incidents (from incident-service's
-- events), who it talks to (audiences, subscriptions of endpoints), the glossary of system terms,
-- and what it said (announcements, stakeholder updates, report shares).
-- Endpoints and deliveries are V1 (delivery engine).

-- Read model of incidents, built from firebell.incidents.v1.
create table incident (
    id                  uuid primary key,
    reference           text        not null,
    title               text        not null,
    severity            text        not null,
    status              text        not null,
    services            text[]      not null default '{}',
    domains             text[]      not null default '{}',
    impact_scope        text,
    war_room_url        text,
    occurred_at         timestamptz,
    declared_at         timestamptz not null,
    resolved_at         timestamptz,
    closed_at           timestamptz,
    commander           text,
    recovery_lead       text,
    communications_lead text,
    updated_at          timestamptz not null
);

create index incident_declared_at on incident (declared_at desc);

-- Who is told: internal audiences hear the fire alarm; external ones only structured updates.
create table audience (
    key         text primary key check (key ~ '^[a-z][a-z0-9_]{1,62}$'),
    name        text        not null,
    scope       text        not null check (scope in ('internal', 'external')),
    register    text        not null check (register in ('engineering', 'service')),
    description text,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);

insert into audience (key, name, scope, register, description) values
    ('dev_org',           'Development organisation', 'internal', 'engineering', 'Developers, SRE and infrastructure: the war room''s people'),
    ('cs',                'Customer support',         'internal', 'service',     'The CS desk that answers customers, store owners and riders'),
    ('communications',    'Communications',           'internal', 'service',     'External communications and PR'),
    ('business',          'Business teams',           'internal', 'service',     'Planners, sales and operations'),
    ('leadership',        'Leadership',               'internal', 'service',     'Decision makers'),
    ('store_owners',      'Store owners',             'external', 'service',     'Stores selling through the platform'),
    ('riders',            'Riders',                   'external', 'service',     'Delivery riders'),
    ('customers',         'Customers',                'external', 'service',     'People who order'),
    ('pos_vendors',       'POS vendors',              'external', 'service',     'Point-of-sale system vendors integrated with the platform'),
    ('delivery_agencies', 'Delivery agencies',        'external', 'service',     'Agencies that employ riders'),
    ('franchises',        'Franchises',               'external', 'service',     'Franchise headquarters and their systems'),
    ('payment_gateways',  'Payment gateways',         'external', 'service',     'Payment and card processing partners');

-- An endpoint (V1) listens to an audience, optionally only for some domains, services or severities.
create table subscription (
    id           uuid primary key,
    audience_key text        not null references audience (key) on delete cascade,
    endpoint_id  uuid        not null references endpoint (id) on delete cascade,
    domains      text[]      not null default '{}',
    services     text[]      not null default '{}',
    min_severity text check (min_severity ~ '^SEV[1-9]$'),
    created_at   timestamptz not null,
    unique (audience_key, endpoint_id)
);

create index subscription_endpoint on subscription (endpoint_id);

-- System terms that service-register texts should not use, and what to say instead.
create table glossary_term (
    term       text primary key check (length(term) between 1 and 100),
    suggestion text        not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

insert into glossary_term (term, suggestion) values
    ('latency',    'slow responses ("the app is slow")'),
    ('scale out',  'adding capacity'),
    ('5xx',        'errors ("some pages fail to open")'),
    ('pod',        'part of the service'),
    ('node',       'part of the service'),
    ('DB',         'our systems'),
    ('database',   'our systems'),
    ('deploy',     'a change we made'),
    ('rollback',   'undoing a recent change'),
    ('timeout',    'requests taking too long and failing'),
    ('API',        'the service'),
    ('cache',      'stored data'),
    ('server',     'our systems'),
    ('error rate', 'how often something fails'),
    ('CPU',        'capacity'),
    ('hotfix',     'a fix'),
    ('failover',   'switching to a backup'),
    ('Kafka',      'our systems');

-- The fire alarm as sent: one announcement per incident declaration.
create table announcement (
    id          uuid primary key,
    incident_id uuid        not null references incident (id),
    audiences   text[]      not null,
    recipients  integer     not null,
    texts       jsonb       not null,
    sent_at     timestamptz not null
);

create index announcement_incident on announcement (incident_id, sent_at);

-- Structured stakeholder updates; texts holds the rendered text per audience key.
create table stakeholder_update (
    id                   uuid primary key,
    incident_id          uuid        not null references incident (id),
    status               text        not null check (status in ('investigating', 'identified', 'monitoring', 'resolved')),
    impact               text        not null,
    expected_recovery_at timestamptz,
    next_update_at       timestamptz,
    follow_up_actions    text[]      not null,
    audiences            text[]      not null,
    external             boolean     not null,
    author               text        not null,
    recipients           integer     not null,
    texts                jsonb       not null,
    published_at         timestamptz not null
);

create index stakeholder_update_incident on stakeholder_update (incident_id, published_at);
create index stakeholder_update_external on stakeholder_update (published_at desc) where external;

-- Published review reports shared with the development organisation.
create table report_share (
    id           uuid primary key,
    incident_id  uuid        not null,
    version      integer     not null,
    title        text        not null,
    url          text,
    recipients   integer     not null,
    shared_at    timestamptz not null,
    unique (incident_id, version)
);
