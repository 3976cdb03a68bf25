-- Monitoring tools, CI/CD and the CS desk authenticate with a token of their own; only its hash is kept.
create table integration (
    id         uuid primary key,
    name       text        not null unique,
    kind       text        not null,
    token_hash text        not null unique,
    created_at timestamptz not null,
    created_by text        not null
);
