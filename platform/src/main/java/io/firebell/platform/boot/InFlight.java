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
  private static volatile boolean stopping;

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

  /**
   * Runs a record's work unless the service is stopping: then the returned Uni never ends, so the
   * record is never acknowledged, its offset never committed, and the next consumer of its
   * partition (this service restarted, or another replica) applies it. Work admitted before the
   * stop is counted as by {@link #track}.
   */
  public static <T> Uni<T> admit(Supplier<Uni<T>> work) {
    return Uni.createFrom().deferred(() -> stopping ? Uni.createFrom().<T>nothing() : track(work));
  }

  /** From now on {@link #admit} takes no new work (the service is stopping). */
  public static void stop() {
    stopping = true;
  }

  /** Takes work again: a service (re)started in this JVM, as tests restart one. */
  public static void start() {
    stopping = false;
  }

  /** The work in flight now. */
  public static int count() {
    return COUNT.get();
  }
}
