package io.firebell.platform.db;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A lane for bulk administrative work (removing an endpoint with thousands of deliveries, a
 * cascade): at most {@code firebell.bulk.lanes} units run at once, and the others wait in memory,
 * holding no database connection, so that however many such requests arrive, the pool keeps
 * connections for health checks, the dispatcher and the API (ADR 0042). A unit of work should
 * itself be a series of short transactions (batches), not one long one.
 *
 * <p>A waiting unit starts on the Vert.x context of the request that submitted it, the one its
 * Hibernate Reactive session belongs to, never on the thread of the unit that made room.
 */
@ApplicationScoped
public class BulkWork {

  private final int lanes;
  private final Deque<Runnable> waiting = new ArrayDeque<>();
  private int running;

  public BulkWork(@ConfigProperty(name = "firebell.bulk.lanes", defaultValue = "2") int lanes) {
    this.lanes = Math.max(1, lanes);
  }

  /** Runs {@code work} when a lane is free; its result or failure is the returned Uni's. */
  public <T> Uni<T> run(Supplier<Uni<T>> work) {
    return Uni.createFrom()
        .emitter(
            emitter -> {
              Context context = Vertx.currentContext();
              Runnable start =
                  () ->
                      onContext(
                          context,
                          () -> {
                            Uni<T> unit;
                            try {
                              unit = work.get();
                            } catch (RuntimeException e) {
                              release();
                              emitter.fail(e);
                              return;
                            }
                            unit.subscribe()
                                .with(
                                    item -> {
                                      release();
                                      emitter.complete(item);
                                    },
                                    failure -> {
                                      release();
                                      emitter.fail(failure);
                                    });
                          });
              synchronized (this) {
                if (running >= lanes) {
                  waiting.add(start);
                  return;
                }
                running++;
              }
              start.run();
            });
  }

  private void release() {
    Runnable next;
    synchronized (this) {
      next = waiting.poll();
      if (next == null) {
        running--;
      }
    }
    if (next != null) {
      next.run();
    }
  }

  private static void onContext(Context context, Runnable task) {
    if (context == null || context == Vertx.currentContext()) {
      task.run();
    } else {
      context.runOnContext(v -> task.run());
    }
  }
}
