-- Every instance of the service evicts a revoked integration's token from its cache when this
-- notification arrives, which PostgreSQL sends only once the deleting transaction commits
-- (IntegrationRevocations; ADR 0031).
create function firebell_integration_revoked() returns trigger language plpgsql as $$
begin
    perform pg_notify('firebell_integration_revoked', old.id::text);
    return old;
end;
$$;

create trigger integration_revoked
    after delete on integration
    for each row execute function firebell_integration_revoked();
