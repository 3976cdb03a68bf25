package io.firebell.platform.boot;

import io.smallrye.mutiny.Uni;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * How many records and scheduled jobs a service is running right now, so that stopping ({@link
 * Quiesce}) can wait for the transactions that are open instead of guessing how long they take: a
 * transaction still running when the pool closes fails to roll back, and a job's next step that
 * begins after it closed fails to start; both log an error.
 */
public final class InFlight {

  private static final AtomicInteger COUNT = new AtomicInteger();

  private InFlight() {}

  /** Runs the work and counts it as in flight from its subscription until it ended in any way. */
  public static <T> Uni<T> track(Supplier<Uni<T>> work) {
    return Uni.createFrom()
        .deferred(
            () -> {
              COUNT.incrementAndGet();
              Uni<T> uni;
              try {
                uni = work.get();
              } catch (RuntimeException e) {
                uni = Uni.createFrom().failure(e);
              }
              return uni.onTermination().invoke(COUNT::decrementAndGet);
            });
  }

  /**
   * Runs blocking work (a scheduled job on a worker thread), counted as in flight while it runs.
   */
  public static void run(Runnable work) {
    COUNT.incrementAndGet();
    try {
      work.run();
    } finally {
      COUNT.decrementAndGet();
    }
  }

  /** The work in flight now. */
  public static int count() {
    return COUNT.get();
  }
}
