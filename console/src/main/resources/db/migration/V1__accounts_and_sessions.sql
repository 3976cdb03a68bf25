-- The console's own data: local accounts and their sessions. No incident data lives here.
create table account (
  id              uuid primary key,
  username        text not null unique check (username ~ '^[a-z0-9][a-z0-9._-]{0,62}$'),
  display_name    text not null check (length(display_name) between 1 and 200),
  roles           text[] not null,
  password_hash   text not null,
  disabled        boolean not null default false,
  failed_attempts integer not null default 0,
  locked_until    timestamptz,
  created_at      timestamptz not null,
  updated_at      timestamptz not null
);

-- A session is found by the SHA-256 of its cookie value: a database read leaks no usable cookie.
create table session (
  id_hash       bytea primary key,
  account_id    uuid not null references account (id) on delete cascade,
  csrf_token    text not null,
  created_at    timestamptz not null,
  last_seen_at  timestamptz not null,
  expires_at    timestamptz not null
);
create index session_account on session (account_id);
create index session_expires on session (expires_at);

-- Who changed which account when (admin page), kept with the accounts.
create table account_audit (
  id          bigserial primary key,
  at          timestamptz not null,
  actor       text not null,
  username    text not null,
  action      text not null,
  detail      text
);
