package io.firebell.platform.integration;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Recently authenticated integration tokens, by hash, so that ingest does not read the database on
 * every request. Entries live {@code firebell.integration.token-cache-ttl} (30 s by default; 0
 * turns the cache off) and at most 10,000 are kept. Revoking an integration evicts it here at once;
 * another replica keeps accepting the token until its entry expires (at most the TTL).
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

  public synchronized void put(String hash, Entry entry) {
    if (ttlNanos > 0) {
      byHash.put(hash, new Timed(entry, System.nanoTime() + ttlNanos));
    }
  }

  /** Forgets every token of the integration (it was revoked). */
  public synchronized void invalidate(UUID integrationId) {
    byHash.values().removeIf(t -> t.entry().id().equals(integrationId));
  }
}
