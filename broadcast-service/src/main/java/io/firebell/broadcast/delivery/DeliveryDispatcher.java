package io.firebell.broadcast.delivery;

import io.firebell.contracts.FirebellEvent;
import io.firebell.contracts.broadcast.DeliveryExhausted;
import io.firebell.contracts.broadcast.DeliveryFailed;
import io.firebell.contracts.broadcast.DeliverySucceeded;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Sends queued deliveries. Claims the due head of every endpoint's queue (woken by {@code NOTIFY
 * firebell_delivery} when deliveries commit, by its own recorded results, and by a poll for due
 * retries), sends each claim at once without waiting for the others — so a hanging endpoint holds
 * only its own queue and one slot of the in-flight limit — and records the results in batches, one
 * transaction per batch, with their events.
 *
 * <p>Delivery is at-least-once: a result is recorded after the answer, so if the instance dies in
 * between, the lease runs out and the delivery goes again with the same {@code webhook-id}.
 */
@ApplicationScoped
public class DeliveryDispatcher {

  private static final Logger LOG = Logger.getLogger(DeliveryDispatcher.class);
  static final int SLICE = 16;

  private final DeliveryConfig config;
  private final DeliveryStore store;
  private final DeliverySender sender;
  private final RetryPolicy retryPolicy;
  private final Vertx vertx;
  private final io.vertx.mutiny.core.Vertx mutinyVertx;
  private final String datasourceUrl;
  private final String datasourceUser;
  private final String datasourcePassword;
  private final long leaseMs;

  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicBoolean claiming = new AtomicBoolean();
  private final AtomicBoolean wakeRequested = new AtomicBoolean();
  private final AtomicBoolean flushing = new AtomicBoolean();
  private final AtomicBoolean flushScheduled = new AtomicBoolean();
  private final LinkedBlockingDeque<RecordedAttempt> results = new LinkedBlockingDeque<>();
  private final Counter succeeded;
  private final Counter failed;
  private final Counter exhausted;
  private final Clock clock;

  private volatile boolean running;
  private Context rootContext;
  private long pollTimer = -1;
  private PgSubscriber subscriber;

  public DeliveryDispatcher(
      DeliveryConfig config,
      DeliveryStore store,
      DeliverySender sender,
      RetryPolicy retryPolicy,
      Vertx vertx,
      io.vertx.mutiny.core.Vertx mutinyVertx,
      MeterRegistry registry,
      @ConfigProperty(name = "quarkus.datasource.reactive.url") String datasourceUrl,
      @ConfigProperty(name = "quarkus.datasource.username") String datasourceUser,
      @ConfigProperty(name = "quarkus.datasource.password") String datasourcePassword,
      Clock clock) {
    this.config = config;
    this.store = store;
    this.sender = sender;
    this.retryPolicy = retryPolicy;
    this.vertx = vertx;
    this.mutinyVertx = mutinyVertx;
    this.datasourceUrl = datasourceUrl;
    this.datasourceUser = datasourceUser;
    this.datasourcePassword = datasourcePassword;
    this.leaseMs = config.timeout().toMillis() + config.leaseMargin().toMillis();
    this.succeeded = counter(registry, "succeeded");
    this.failed = counter(registry, "failed");
    this.exhausted = counter(registry, "exhausted");
    this.clock = clock;
    Gauge.builder("firebell.delivery.in_flight", inFlight, AtomicInteger::get)
        .description("Delivery attempts in flight on this instance")
        .register(registry);
  }

  private static Counter counter(MeterRegistry registry, String outcome) {
    return Counter.builder("firebell.delivery.attempts")
        .tag("outcome", outcome)
        .description("Delivery attempts by outcome (failed: a retry follows)")
        .register(registry);
  }

  void start(@Observes StartupEvent event) {
    if (!config.enabled()) {
      LOG.info("delivery dispatcher disabled on this instance");
      return;
    }
    rootContext = vertx.getOrCreateContext();
    running = true;
    listen();
    pollTimer = vertx.setPeriodic(config.pollInterval().toMillis(), id -> wake());
    wake();
  }

  void stop(@Observes ShutdownEvent event) {
    running = false;
    if (pollTimer >= 0) {
      vertx.cancelTimer(pollTimer);
    }
    if (subscriber != null) {
      subscriber.closeAndForget();
    }
    // Record what has been answered so far; what is still in flight goes again after its lease.
    long deadline = System.nanoTime() + 5_000_000_000L;
    while ((!results.isEmpty() || flushing.get()) && System.nanoTime() - deadline < 0) {
      flush();
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void listen() {
    PgConnectOptions options =
        PgConnectOptions.fromUri(datasourceUrl.replaceFirst("^vertx-reactive:", ""));
    options.setUser(datasourceUser).setPassword(datasourcePassword);
    subscriber = PgSubscriber.subscriber(mutinyVertx, options);
    subscriber.reconnectPolicy(retries -> 1_000L);
    subscriber.channel(DeliveryQueue.CHANNEL).handler(payload -> wake());
    subscriber.channel(DeliveryQueue.CHANNEL).subscribeHandler(this::wake);
    subscriber
        .connect()
        .subscribe()
        .with(
            ok -> LOG.debug("listening on " + DeliveryQueue.CHANNEL),
            failure -> LOG.warn("delivery LISTEN failed, polling: " + failure.getMessage()));
  }

  /** Looks for due deliveries now (claims run one at a time; a wake during one runs another). */
  public void wake() {
    if (!running) {
      return;
    }
    wakeRequested.set(true);
    if (!claiming.compareAndSet(false, true)) {
      return;
    }
    wakeRequested.set(false);
    int room = config.maxInFlight() - inFlight.get();
    if (room <= 0) {
      claiming.set(false);
      return;
    }
    int limit = Math.min(room, config.claimBatch());
    store
        .claim(limit, leaseMs)
        .subscribe()
        .with(
            claimed ->
                deliverInSlices(
                    claimed,
                    0,
                    () -> {
                      claiming.set(false);
                      if (claimed.size() == limit || wakeRequested.get()) {
                        wake();
                      }
                    }),
            failure -> {
              claiming.set(false);
              if (running) {
                LOG.warnf("delivery claim failed, next poll retries: %s", failure.getMessage());
              }
            });
  }

  /**
   * Starts the claimed deliveries {@value #SLICE} at a time, yielding the event loop between
   * slices: resolving, signing and opening a thousand requests in one go held it for seconds, and
   * with it every request it serves, readiness probes included (issue 19, item 13).
   */
  private void deliverInSlices(List<ClaimedDelivery> claimed, int from, Runnable then) {
    int to = Math.min(claimed.size(), from + SLICE);
    for (int i = from; i < to; i++) {
      deliver(claimed.get(i));
    }
    if (to < claimed.size()) {
      vertx.runOnContext(v -> deliverInSlices(claimed, to, then));
    } else {
      then.run();
    }
  }

  /** Sends one claimed delivery; its result is queued for the next recorded batch. */
  @WithSpan("DeliveryDispatcher.deliver")
  CompletionStage<AttemptResult> deliver(ClaimedDelivery delivery) {
    inFlight.incrementAndGet();
    return sender
        .send(delivery)
        .onComplete(
            ar -> {
              inFlight.decrementAndGet();
              resultArrived(delivery, ar.result());
            })
        .toCompletionStage();
  }

  private void resultArrived(ClaimedDelivery delivery, AttemptResult result) {
    results.add(decide(delivery, result, Instant.now(clock)));
    if (results.size() >= config.resultBatch()) {
      flush();
    } else {
      scheduleFlush(config.resultFlushDelay().toMillis());
    }
  }

  /** What an attempt's result means for the delivery, and the events it causes. */
  RecordedAttempt decide(ClaimedDelivery d, AttemptResult r, Instant now) {
    Instant at = r.startedAt().plusMillis(r.durationMs());
    if (r.outcome() == AttemptResult.Outcome.SUCCEEDED) {
      succeeded.increment();
      return new RecordedAttempt(
          d,
          r,
          "succeeded",
          null,
          List.of(
              new DeliverySucceeded(
                  d.id(),
                  d.messageKind(),
                  d.messageId(),
                  d.incidentId(),
                  d.endpointId(),
                  d.endpointName(),
                  d.channel(),
                  d.audience(),
                  d.attempt(),
                  r.httpStatus(),
                  at)));
    }
    Instant next = retryPolicy.nextAttempt(r, d.attemptInRun(), now);
    List<FirebellEvent> events = new ArrayList<>(2);
    events.add(
        new DeliveryFailed(
            d.id(),
            d.messageKind(),
            d.messageId(),
            d.incidentId(),
            d.endpointId(),
            d.endpointName(),
            d.channel(),
            d.audience(),
            d.attempt(),
            r.httpStatus(),
            r.error(),
            next,
            at));
    if (next != null) {
      failed.increment();
      return new RecordedAttempt(d, r, "failed", next, events);
    }
    exhausted.increment();
    events.add(
        new DeliveryExhausted(
            d.id(),
            d.messageKind(),
            d.messageId(),
            d.incidentId(),
            d.endpointId(),
            d.endpointName(),
            d.channel(),
            d.audience(),
            d.attempt(),
            r.httpStatus(),
            r.error(),
            at));
    return new RecordedAttempt(d, r, "dead", null, events);
  }

  private void scheduleFlush(long delayMs) {
    if (flushScheduled.compareAndSet(false, true)) {
      vertx.setTimer(
          Math.max(1, delayMs),
          id -> {
            flushScheduled.set(false);
            flush();
          });
    }
  }

  private void flush() {
    if (!flushing.compareAndSet(false, true)) {
      return; // the running flush looks at the queue again when it ends
    }
    List<RecordedAttempt> batch = new ArrayList<>();
    results.drainTo(batch, config.resultBatch());
    if (batch.isEmpty()) {
      flushing.set(false);
      return;
    }
    onNewContext(() -> store.record(batch))
        .subscribe()
        .with(
            ok -> {
              flushing.set(false);
              wake(); // the next delivery of each of those endpoints is now at the head
              afterFlush(0);
            },
            failure -> {
              LOG.warnf(
                  "recording %d delivery results failed, retrying: %s",
                  batch.size(), failure.getMessage());
              for (int i = batch.size() - 1; i >= 0; i--) {
                results.addFirst(batch.get(i));
              }
              flushing.set(false);
              afterFlush(500);
            });
  }

  private void afterFlush(long delayMs) {
    if (results.isEmpty()) {
      return;
    }
    if (delayMs == 0 && results.size() >= config.resultBatch()) {
      flush();
    } else {
      scheduleFlush(Math.max(delayMs, config.resultFlushDelay().toMillis()));
    }
  }

  /** Hibernate Reactive needs a (safe) duplicated context per unit of work. */
  private <T> Uni<T> onNewContext(Supplier<Uni<T>> work) {
    Context context = VertxContext.createNewDuplicatedContext(rootContext);
    VertxContextSafetyToggle.setContextSafe(context, true);
    return Uni.createFrom()
        .emitter(
            emitter ->
                context.runOnContext(
                    v -> {
                      try {
                        work.get().subscribe().with(emitter::complete, emitter::fail);
                      } catch (RuntimeException e) {
                        emitter.fail(e);
                      }
                    }));
  }

  /** Attempts in flight on this instance. */
  public int inFlight() {
    return inFlight.get();
  }
}
