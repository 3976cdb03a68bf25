package io.firebell.platform.inbox;

import io.firebell.platform.config.InboxConfig;
import io.firebell.platform.events.CloudEventHeaders;
import io.firebell.platform.events.IncomingEvent;
import io.firebell.platform.events.MalformedEventException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

/**
 * What a consumer does with a record whose effect fails: retries it a bounded number of times with
 * backoff ({@code firebell.inbox.max-attempts}), then parks it in {@code parked_event} and moves
 * on, so that one record cannot stall its partition. A malformed record is parked at once: retrying
 * cannot fix it. A failure while the database does not answer is not counted (an outage is waited
 * out, not parked), and parking itself is retried until the database takes it: nothing is skipped
 * without a trace.
 */
@ApplicationScoped
public class Parking {

  private static final Logger LOG = Logger.getLogger(Parking.class);
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

  private final InboxConfig config;
  private final ParkedEventStore store;
  private final Pool pool;
  private final Clock clock;

  public Parking(InboxConfig config, ParkedEventStore store, Pool pool, Clock clock) {
    this.config = config;
    this.store = store;
    this.pool = pool;
    this.clock = clock;
  }

  /**
   * Runs {@code effect} until it succeeds, or parks the record once it has failed {@code
   * max-attempts} times (at once if it is malformed).
   *
   * @param event the record's CloudEvent, or null when it could not be read
   * @param effect a new attempt each time it is called (e.g. a new transaction)
   * @param whenParked the result when the record was parked instead
   */
  public <T> Uni<T> attempt(
      String consumer,
      ConsumerRecord<String, byte[]> record,
      IncomingEvent event,
      Supplier<Uni<T>> effect,
      T whenParked) {
    Run<T> run = new Run<>(consumer, record, event, effect, whenParked, Vertx.currentContext());
    return attempt(run, 0, null);
  }

  /** Parks a record that cannot be read, without an attempt at its effect. */
  public Uni<Void> parkMalformed(
      String consumer,
      ConsumerRecord<String, byte[]> record,
      IncomingEvent event,
      MalformedEventException e) {
    Instant now = Instant.now(clock);
    Run<Void> run = new Run<>(consumer, record, event, null, null, Vertx.currentContext());
    return park(run, 1, now, e);
  }

  /**
   * Runs {@code work} up to {@code attempts} times with backoff, each attempt on the caller's
   * Vert.x context (Hibernate Reactive needs it), and fails as its last attempt failed.
   */
  public <T> Uni<T> retry(Supplier<Uni<T>> work, int attempts) {
    Context context = Vertx.currentContext();
    return retry(work, attempts, 1, context);
  }

  private <T> Uni<T> retry(Supplier<Uni<T>> work, int attempts, int attempt, Context context) {
    return Uni.createFrom()
        .deferred(() -> work.get())
        .onFailure(e -> attempt < attempts)
        .recoverWithUni(
            e ->
                pause(backoff(attempt), context)
                    .chain(() -> retry(work, attempts, attempt + 1, context)));
  }

  private <T> Uni<T> attempt(Run<T> run, int failures, Instant firstFailure) {
    return Uni.createFrom()
        .deferred(() -> run.effect().get())
        .onFailure()
        .recoverWithUni(
            e ->
                failed(run, failures, firstFailure == null ? Instant.now(clock) : firstFailure, e));
  }

  private <T> Uni<T> failed(Run<T> run, int failures, Instant firstFailure, Throwable e) {
    Throwable cause = unwrap(e);
    if (cause instanceof MalformedEventException) {
      return park(run, failures + 1, firstFailure, cause);
    }
    return databaseAnswers()
        .chain(
            answers -> {
              if (!answers) {
                LOG.warnf(
                    "%s: event %s at %s failed while the database does not answer; waiting: %s",
                    run.consumer(), eventId(run), position(run.record()), describe(cause));
                return pause(config.maxBackoff(), run.context())
                    .chain(() -> attempt(run, failures, firstFailure));
              }
              int counted = failures + 1;
              if (counted >= config.maxAttempts()) {
                return park(run, counted, firstFailure, cause);
              }
              LOG.warnf(
                  "%s: event %s at %s failed (attempt %d of %d), retrying: %s",
                  run.consumer(),
                  eventId(run),
                  position(run.record()),
                  counted,
                  config.maxAttempts(),
                  describe(cause));
              return pause(backoff(counted), run.context())
                  .chain(() -> attempt(run, counted, firstFailure));
            });
  }

  private <T> Uni<T> park(Run<T> run, int attempts, Instant firstFailure, Throwable cause) {
    ParkedEvent parked = parked(run, attempts, firstFailure, cause);
    return forever(() -> store.park(parked), run)
        .invoke(
            () ->
                LOG.warnf(
                    "%s: parked %s (event %s, type %s) after %d attempt(s): %s",
                    run.consumer(),
                    parked.position(),
                    parked.eventId(),
                    parked.eventType(),
                    attempts,
                    describe(cause)))
        .replaceWith(run.whenParked());
  }

  /** Until it succeeds: a record is never skipped without being parked. */
  private Uni<Void> forever(Supplier<Uni<Void>> work, Run<?> run) {
    return Uni.createFrom()
        .deferred(() -> work.get())
        .onFailure()
        .recoverWithUni(
            e -> {
              LOG.errorf(
                  "%s: cannot park %s yet, retrying: %s",
                  run.consumer(), position(run.record()), describe(e));
              return pause(config.maxBackoff(), run.context()).chain(() -> forever(work, run));
            });
  }

  private ParkedEvent parked(Run<?> run, int attempts, Instant firstFailure, Throwable cause) {
    ConsumerRecord<String, byte[]> record = run.record();
    List<ParkedEvent.Header> headers = new ArrayList<>();
    for (Header h : record.headers()) {
      headers.add(new ParkedEvent.Header(h.key(), h.value()));
    }
    IncomingEvent event = run.event();
    return new ParkedEvent(
        UUID.randomUUID(),
        run.consumer(),
        record.topic(),
        record.partition(),
        record.offset(),
        record.key(),
        headers,
        record.value(),
        event != null ? event.id() : headerUuid(record, CloudEventHeaders.ID),
        event != null ? event.type() : header(record, CloudEventHeaders.TYPE),
        cause.getClass().getName(),
        messages(cause),
        attempts,
        firstFailure,
        Instant.now(clock),
        null);
  }

  private Uni<Boolean> databaseAnswers() {
    return pool.query("select 1")
        .execute()
        .replaceWith(true)
        .ifNoItem()
        .after(PROBE_TIMEOUT)
        .fail()
        .onFailure()
        .recoverWithItem(false);
  }

  private Duration backoff(int failures) {
    long ms = config.backoff().toMillis() << Math.min(failures - 1, 20);
    return Duration.ofMillis(Math.min(ms, config.maxBackoff().toMillis()));
  }

  /** Waits, then continues on {@code context} when there is one. */
  private static Uni<Void> pause(Duration duration, Context context) {
    Uni<Void> pause = Uni.createFrom().voidItem().onItem().delayIt().by(duration);
    return context == null ? pause : pause.emitOn(task -> context.runOnContext(v -> task.run()));
  }

  private static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof MalformedEventException) {
        return c;
      }
    }
    return t;
  }

  private static String describe(Throwable e) {
    return e.getClass().getName() + ": " + messages(e);
  }

  /**
   * The messages of the error and its causes, for an admin to read: a database's refusal is often
   * only in the innermost one.
   */
  static String messages(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
      String message = t.getMessage();
      if (message != null && text.indexOf(message) < 0) {
        text.append(text.length() == 0 ? "" : "; caused by: ").append(message);
      }
    }
    return text.length() == 0 ? e.getClass().getName() : text.toString();
  }

  private static String eventId(Run<?> run) {
    return run.event() == null ? "?" : run.event().id().toString();
  }

  private static String position(ConsumerRecord<?, ?> record) {
    return record.topic() + "-" + record.partition() + "@" + record.offset();
  }

  private static String header(ConsumerRecord<?, ?> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static UUID headerUuid(ConsumerRecord<?, ?> record, String name) {
    String value = header(record, name);
    try {
      return value == null ? null : UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private record Run<T>(
      String consumer,
      ConsumerRecord<String, byte[]> record,
      IncomingEvent event,
      Supplier<Uni<T>> effect,
      T whenParked,
      Context context) {}
}
