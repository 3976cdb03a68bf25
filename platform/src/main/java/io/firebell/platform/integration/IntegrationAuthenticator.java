package io.firebell.platform.integration;

import io.firebell.platform.security.IntegrationTokens;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Finds the integration a presented token belongs to: in the {@link IntegrationTokenCache} when it
 * was seen recently, else by its hash in this service's own database. Every way a token comes in
 * (the Authorization header, PagerDuty's routing_key) goes through here, so one eviction refuses it
 * everywhere.
 */
@ApplicationScoped
public class IntegrationAuthenticator {

  private final Pool pool;
  private final IntegrationTokenCache cache;

  public IntegrationAuthenticator(Pool pool, IntegrationTokenCache cache) {
    this.pool = pool;
    this.cache = cache;
  }

  /** The integration of {@code token}, or null when no integration has it. */
  public Uni<IntegrationTokenCache.Entry> find(String token) {
    if (token == null || !token.startsWith(IntegrationTokens.PREFIX)) {
      return Uni.createFrom().nullItem();
    }
    String hash = IntegrationTokens.hash(token);
    IntegrationTokenCache.Entry cached = cache.get(hash);
    if (cached != null) {
      return Uni.createFrom().item(cached);
    }
    long generation = cache.generation();
    return pool.preparedQuery("select id, name, kind from integration where token_hash = $1")
        .execute(Tuple.of(hash))
        .map(
            rows -> {
              RowIterator<Row> it = rows.iterator();
              if (!it.hasNext()) {
                return null;
              }
              Row row = it.next();
              IntegrationTokenCache.Entry entry =
                  new IntegrationTokenCache.Entry(
                      row.getUUID("id"),
                      row.getString("name"),
                      IntegrationKind.fromWire(row.getString("kind")));
              cache.put(hash, entry, generation);
              return entry;
            });
  }
}
