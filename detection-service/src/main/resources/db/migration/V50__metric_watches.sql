-- Business-metric watches (docs/detection.md "Business metrics", ADR 0120): a metric, where its
-- values come from (a Prometheus-compatible query API or samples pushed to Firebell), a seasonal
-- baseline and drop/spike rules, evaluated on a schedule that any number of instances share.
create table metric_watch (
    id                   uuid primary key,
    name                 text        not null unique,
    metric               text        not null,
    domain               text        not null references domain (name),
    service              text        not null,
    source               text        not null check (source in ('prometheus', 'pushed')),
    prometheus_url       text,
    query                text,
    interval_seconds     integer     not null check (interval_seconds > 0),
    baseline_weeks       integer     not null check (baseline_weeks between 1 and 12),
    min_history_weeks    integer     not null check (min_history_weeks between 1 and baseline_weeks),
    drop_below_percent   double precision,
    drop_consecutive     integer,
    spike_above_percent  double precision,
    spike_consecutive    integer,
    severity             text        not null,
    enabled              boolean     not null,
    -- Evaluation state: the rule whose alert fires (null, 'drop' or 'spike'), the breaching
    -- evaluations in a row per rule, and whether the watch's "blind" alert fires.
    firing               text check (firing in ('drop', 'spike')),
    drop_streak          integer     not null default 0,
    spike_streak         integer     not null default 0,
    blind                boolean     not null default false,
    blind_reason         text,
    -- The as-of instant of the first evaluation of the current breaching streak (occurrence time).
    breaching_since      timestamptz,
    -- When the scheduler evaluates it next (the database's clock, as page timers: ADR 0103).
    next_evaluation_at   timestamptz not null,
    last_evaluated_at    timestamptz,
    created_at           timestamptz not null,
    created_by           text        not null,
    updated_at           timestamptz not null,
    check (source <> 'prometheus' or (prometheus_url is not null and query is not null)),
    check (drop_below_percent is not null or spike_above_percent is not null)
);

create index metric_watch_due on metric_watch (next_evaluation_at) where enabled;
create index metric_watch_metric on metric_watch (metric);

-- Samples pushed to POST /v1/metrics/{name}/samples; a re-sent sample replaces the first.
create table metric_sample (
    metric text             not null,
    at     timestamptz      not null,
    value  double precision not null,
    primary key (metric, at)
);

-- What each evaluation saw and decided (GET /v1/metric-watches/{id}/evaluations).
create table metric_evaluation (
    id             uuid primary key,
    watch_id       uuid             not null references metric_watch (id) on delete cascade,
    as_of          timestamptz      not null,
    evaluated_at   timestamptz      not null,
    trigger        text             not null check (trigger in ('scheduled', 'manual')),
    outcome        text             not null,
    observed       double precision,
    baseline       double precision,
    history        text             not null,
    ratio_percent  double precision,
    drop_streak    integer          not null,
    spike_streak   integer          not null,
    changes        text             not null,
    error          text
);

create index metric_evaluation_watch on metric_evaluation (watch_id, as_of desc);
