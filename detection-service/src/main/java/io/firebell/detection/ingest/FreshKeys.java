package io.firebell.detection.ingest;

import io.firebell.detection.config.DetectionConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Which lane a record of ingest takes (ADR 0107): the fast lane for a route key this instance has
 * not accepted alerts of for {@code fresh-lane.quiet} — a new problem, or one that is back — and
 * the bulk topic for keys it keeps seeing. Memory is bounded ({@code max-keys}, least recently seen
 * forgotten first) and so is the fast lane's traffic ({@code max-records-per-second}): past it a
 * fresh key takes the bulk topic and is tried again on its next record.
 *
 * <p>Each instance decides alone. A key new to this instance but flooding another one takes the
 * fast lane once per quiet period; the grouping rules keep the result right whatever order the two
 * lanes apply a key's records in (an older copy of an alert changes nothing but its count).
 */
@ApplicationScoped
public class FreshKeys {

  private static final long SECOND = 1_000_000_000L;

  private final boolean enabled;
  private final long quietNanos;
  private final int maxPerSecond;
  private final LongSupplier nanoTime;
  private final Map<String, Long> lastSeen;
  private long windowStart;
  private int sentInWindow;

  @Inject
  public FreshKeys(DetectionConfig config) {
    this(
        config.ingest().freshLane().enabled(),
        config.ingest().freshLane().quiet(),
        config.ingest().freshLane().maxKeys(),
        config.ingest().freshLane().maxRecordsPerSecond(),
        System::nanoTime);
  }

  /** With its settings and clock given (tests). */
  public FreshKeys(
      boolean enabled, Duration quiet, int maxKeys, int maxPerSecond, LongSupplier nanoTime) {
    this.enabled = enabled;
    this.quietNanos = quiet.toNanos();
    this.maxPerSecond = maxPerSecond;
    this.nanoTime = nanoTime;
    this.windowStart = nanoTime.getAsLong();
    this.lastSeen =
        new LinkedHashMap<>(1024, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > maxKeys;
          }
        };
  }

  /**
   * Whether a record of {@code routeKey} accepted now takes the fast lane. A key sent there, or
   * seen within the quiet period, is remembered as seen now; a fresh key that the rate bound sends
   * to the bulk topic is not, so its next record is news again.
   */
  public boolean takeFastLane(String routeKey) {
    if (!enabled) {
      return false;
    }
    long now = nanoTime.getAsLong();
    synchronized (this) {
      Long seen = lastSeen.get(routeKey);
      if (seen != null && now - seen < quietNanos) {
        lastSeen.put(routeKey, now);
        return false;
      }
      if (now - windowStart >= SECOND) {
        windowStart = now;
        sentInWindow = 0;
      }
      if (sentInWindow >= maxPerSecond) {
        return false;
      }
      sentInWindow++;
      lastSeen.put(routeKey, now);
      return true;
    }
  }

  /** Forgets a key whose fast-lane record was not accepted, so that its retry is news again. */
  public void forget(String routeKey) {
    synchronized (this) {
      lastSeen.remove(routeKey);
    }
  }
}
