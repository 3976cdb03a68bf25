package io.firebell.detection.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many alerts ingest accepted in the last whole second, so that the grouping consumer can give
 * the cores back to ingest while tools are sending hard (ADR 0105).
 */
@ApplicationScoped
public class IngestLoad {

  private static final long SECOND = 1_000_000_000L;

  private final AtomicLong current = new AtomicLong();
  private volatile long windowStart = System.nanoTime();
  private volatile long lastWindow;

  /** Counts alerts just made durable. */
  public void accepted(int alerts) {
    roll(System.nanoTime());
    current.addAndGet(alerts);
  }

  /** Alerts accepted in the last whole second (0 once ingest has been idle for a second). */
  public long perSecond() {
    roll(System.nanoTime());
    return lastWindow;
  }

  private void roll(long now) {
    long start = windowStart;
    if (now - start >= SECOND) {
      synchronized (this) {
        if (windowStart == start) {
          lastWindow = now - start >= 2 * SECOND ? 0 : current.getAndSet(0);
          if (now - start >= 2 * SECOND) {
            current.set(0);
          }
          windowStart = now;
        }
      }
    }
  }
}
