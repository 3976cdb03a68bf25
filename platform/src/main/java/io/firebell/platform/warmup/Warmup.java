package io.firebell.platform.warmup;

import io.firebell.platform.events.KafkaRecords;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.interceptor.Interceptor;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs the service's alarm path a few times before it reports ready (ADR 0141), so that the first
 * incident after a start does not pay for loading, linking and initialising the classes of every
 * layer it crosses, Hibernate's first query plans and the pool's first prepared statements: on the
 * two-core machine the first fire alarm after {@code ./firebell up} took 2.3–2.9 s, the next ones
 * 0.2–0.6 s.
 *
 * <p>Each {@link WarmupStep} runs {@code firebell.warmup.rounds} times, each time in its own
 * transaction that is rolled back, on a thread of its own while the service starts; readiness is
 * DOWN until every step has run ({@link WarmupReadiness}). A step that fails is logged and given
 * up: warming never keeps a service from serving. Code that must behave differently for a warm-up
 * (e.g. not take a number from a sequence, which no rollback returns) asks {@link #active()}.
 */
@ApplicationScoped
public class Warmup {

  private static final Logger LOG = Logger.getLogger(Warmup.class);
  private static final String ACTIVE = "firebell.warmup";

  private final Instance<WarmupStep> steps;
  private final int rounds;
  private volatile boolean done;
  private volatile boolean stopping;

  public Warmup(
      @Any Instance<WarmupStep> steps,
      @ConfigProperty(name = "firebell.warmup.rounds", defaultValue = "5") int rounds) {
    this.steps = steps;
    this.rounds = rounds;
  }

  // After the services' own start-up observers (e.g. detection's routing table, which ingest's
  // step reads): the steps run what a request would, on a service that has started.
  void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER) StartupEvent event) {
    if (rounds <= 0 || steps.isUnsatisfied()) {
      done = true;
      return;
    }
    Thread thread =
        new Thread(
            () -> {
              try {
                warmNow(rounds);
              } finally {
                done = true;
              }
            },
            "firebell-warmup");
    thread.setDaemon(true);
    thread.start();
  }

  void onStop(@Observes ShutdownEvent event) {
    stopping = true;
  }

  /**
   * Runs every step {@code times} times, each in a transaction that is rolled back, on this thread;
   * returns the names of the steps that ran every round (a failing step is logged and given up).
   */
  public List<String> warmNow(int times) {
    long start = System.nanoTime();
    List<String> warmed = new ArrayList<>();
    for (WarmupStep step : steps) {
      if (!step.enabled()) {
        continue;
      }
      int round = 0;
      for (; round < times && !stopping; round++) {
        try {
          VertxContextSupport.subscribeAndAwait(() -> once(step));
        } catch (Throwable e) {
          if (!stopping) {
            LOG.warnf("warm-up of %s failed, not retried: %s", step.name(), e.toString());
          }
          break;
        }
      }
      if (round == times) {
        warmed.add(step.name());
      }
    }
    LOG.infof(
        "warmed up %s in %d ms (%d rounds each, rolled back)",
        warmed, (System.nanoTime() - start) / 1_000_000, times);
    return warmed;
  }

  private static Uni<Object> once(WarmupStep step) {
    ContextLocals.put(ACTIVE, Boolean.TRUE);
    return Panache.withTransaction(
        () ->
            Uni.createFrom()
                .deferred(step::run)
                .map(Object.class::cast)
                .call(() -> Panache.currentTransaction().invoke(tx -> tx.markForRollback())));
  }

  /** Whether the current Vert.x context runs a warm-up round (whose transaction rolls back). */
  public static boolean active() {
    try {
      return ContextLocals.get(ACTIVE, Boolean.FALSE);
    } catch (IllegalStateException | UnsupportedOperationException e) {
      return false; // not on a duplicated context: not a warm-up
    }
  }

  /** Whether every step has run (or given up). */
  public boolean done() {
    return done;
  }

  /**
   * A record as a consumer receives it: a binary-mode CloudEvent with a fresh id, its JSON data and
   * no trace context (a warm-up is never traced).
   */
  public static ConsumerRecord<String, byte[]> record(
      String topic, String key, String type, String json) {
    ProducerRecord<String, byte[]> p =
        KafkaRecords.cloudEvent(
            topic,
            key,
            UUID.randomUUID(),
            "/firebell/warmup",
            type,
            Instant.now(),
            json.getBytes(StandardCharsets.UTF_8),
            null);
    ConsumerRecord<String, byte[]> c = new ConsumerRecord<>(topic, 0, 0L, key, p.value());
    p.headers().forEach(h -> c.headers().add(h));
    return c;
  }
}
