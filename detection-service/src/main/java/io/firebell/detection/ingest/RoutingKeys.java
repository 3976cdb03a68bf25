package io.firebell.detection.ingest;

import io.firebell.platform.integration.IntegrationKind;
import io.firebell.platform.security.IntegrationTokens;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Iterator;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authenticates PagerDuty {@code routing_key}s (integration tokens in the body). Known keys are
 * remembered for a minute so that a stream of single events does not cost a database read each;
 * unknown keys are always looked up (a new integration works at once).
 */
@ApplicationScoped
public class RoutingKeys {

  private static final long TTL_NANOS = 60_000_000_000L;
  private static final int MAX_ENTRIES = 10_000;

  public record Caller(UUID id, String name, IntegrationKind kind) {}

  private record Entry(Caller caller, long expiresAt) {}

  private final Pool pool;
  private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();

  public RoutingKeys(Pool pool) {
    this.pool = pool;
  }

  /** The integration of the key, or null when no integration has it. */
  public Uni<Caller> authenticate(String routingKey) {
    if (routingKey == null || !routingKey.startsWith(IntegrationTokens.PREFIX)) {
      return Uni.createFrom().nullItem();
    }
    String hash = IntegrationTokens.hash(routingKey);
    Entry entry = cache.get(hash);
    long now = System.nanoTime();
    if (entry != null && entry.expiresAt() - now > 0) {
      return Uni.createFrom().item(entry.caller());
    }
    return pool.preparedQuery("select id, name, kind from integration where token_hash = $1")
        .execute(Tuple.of(hash))
        .map(
            rows -> {
              Iterator<Row> it = rows.iterator();
              if (!it.hasNext()) {
                cache.remove(hash);
                return null;
              }
              Row row = it.next();
              Caller caller =
                  new Caller(
                      row.getUUID("id"),
                      row.getString("name"),
                      IntegrationKind.fromWire(row.getString("kind")));
              if (cache.size() >= MAX_ENTRIES) {
                cache.clear();
              }
              cache.put(hash, new Entry(caller, System.nanoTime() + TTL_NANOS));
              return caller;
            });
  }
}
