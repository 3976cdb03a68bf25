package io.firebell.platform.integration;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Recently authenticated integration tokens, by hash, so that ingest (the Authorization header and
 * PagerDuty's routing_key alike) does not read the database on every request. Entries live {@code
 * firebell.integration.token-cache-ttl} (30 s by default; 0 turns the cache off) and at most 10,000
 * are kept.
 *
 * <p>Revoking an integration evicts it on the revoking instance once the deletion committed, and on
 * every other instance when PostgreSQL's notification of the deletion arrives
 * (IntegrationRevocations). The TTL bounds what a missed notification can cost. A lookup that read
 * the database before an eviction does not put its (stale) answer back: {@link #put} takes the
 * generation seen before the read and drops the entry when an eviction happened since.
 */
@ApplicationScoped
public class IntegrationTokenCache {

  static final int MAX_ENTRIES = 10_000;

  /** What an identity is built from. */
  public record Entry(UUID id, String name, IntegrationKind kind) {}

  private record Timed(Entry entry, long expiresAtNanos) {}

  private final long ttlNanos;
  private final Map<String, Timed> byHash =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Timed> eldest) {
          return size() > MAX_ENTRIES;
        }
      };
  private long generation;

  public IntegrationTokenCache(
      @ConfigProperty(name = "firebell.integration.token-cache-ttl", defaultValue = "PT30S")
          Duration ttl) {
    this.ttlNanos = ttl.toNanos();
  }

  /** The integration of this token hash, or null when unknown here or expired. */
  public synchronized Entry get(String hash) {
    Timed timed = byHash.get(hash);
    if (timed == null) {
      return null;
    }
    if (System.nanoTime() - timed.expiresAtNanos() > 0) {
      byHash.remove(hash);
      return null;
    }
    return timed.entry();
  }

  /** To pass to {@link #put} after reading the database. */
  public synchronized long generation() {
    return generation;
  }

  /** Remembers an entry read from the database, unless an eviction happened since {@code seen}. */
  public synchronized void put(String hash, Entry entry, long seen) {
    if (ttlNanos > 0 && seen == generation) {
      byHash.put(hash, new Timed(entry, System.nanoTime() + ttlNanos));
    }
  }

  /** Forgets every token of the integration (it was revoked). */
  public synchronized void invalidate(UUID integrationId) {
    generation++;
    byHash.values().removeIf(t -> t.entry().id().equals(integrationId));
  }

  /** Forgets everything (revocations may have been missed). */
  public synchronized void clear() {
    generation++;
    byHash.clear();
  }
}
