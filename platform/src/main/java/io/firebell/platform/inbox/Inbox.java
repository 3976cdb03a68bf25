package io.firebell.platform.inbox;

import io.firebell.platform.boot.InFlight;
import io.firebell.platform.events.EventCodec;
import io.firebell.platform.events.EventHandlers;
import io.firebell.platform.events.IncomingEvent;
import io.firebell.platform.events.MalformedEventException;
import io.firebell.platform.tracing.Tracing;
import io.firebell.platform.warmup.Warmup;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * The idempotent side of every consumer: an event's effect and the record that it was processed
 * commit in one transaction, so a redelivered event (Kafka is at-least-once, and so is the outbox)
 * has no second effect.
 *
 * <p>A record that carries a sampled {@code traceparent} is applied under a {@code process <topic>}
 * span, a child of the producer's span, current while the handler runs: what the handler appends to
 * the outbox continues the same trace (ADR 0140).
 */
@ApplicationScoped
public class Inbox {

  private static final Logger LOG = Logger.getLogger(Inbox.class);
  private static final String RECORD =
      "insert into inbox_event (consumer, event_id, event_type, processed_at)"
          + " values (:consumer, :eventId, :eventType, now()) on conflict do nothing";
  private static final String RECORD_ALL =
      "insert into inbox_event (consumer, event_id, event_type, processed_at)"
          + " select ?1, cast(e.id as uuid), e.type, now()"
          + " from unnest(cast(?2 as text[]), cast(?3 as text[])) as e(id, type)"
          + " on conflict do nothing returning cast(event_id as text)";

  private final EventCodec codec;
  private final MeterRegistry registry;
  private final Parking parking;
  private final Tracing tracing;

  public Inbox(EventCodec codec, MeterRegistry registry, Parking parking, Tracing tracing) {
    this.codec = codec;
    this.registry = registry;
    this.parking = parking;
    this.tracing = tracing;
  }

  /**
   * Reads the record as a CloudEvent and runs the handler of its type once per event id for this
   * consumer. A type without a handler is skipped before any transaction opens (no inbox row). The
   * handler runs inside the transaction (use {@code Panache.getSession()} or Panache entity
   * methods, not a new transaction). A record whose effect keeps failing is parked after {@code
   * firebell.inbox.max-attempts} attempts, a malformed one at once ({@link Parking}), and the
   * consumer moves on to the next record.
   *
   * @param consumer a stable name for this consumer, e.g. {@code review.incident-facts}
   * @param handlers what each event type this consumer handles does
   * @return true when a handler ran, false for a duplicate, an ignored type or a parked record
   */
  public Uni<Boolean> consume(
      String consumer,
      ConsumerRecord<String, byte[]> record,
      EventHandlers<? extends Uni<?>> handlers) {
    // Counted, so that a stopping service waits for this transaction; once it stops, records
    // already polled wait for the next consumer instead of starting one (boot/Quiesce, ADR 0145).
    return InFlight.admit(() -> consumeNow(consumer, record, handlers));
  }

  private Uni<Boolean> consumeNow(
      String consumer,
      ConsumerRecord<String, byte[]> record,
      EventHandlers<? extends Uni<?>> handlers) {
    IncomingEvent event;
    try {
      event = codec.read(record);
    } catch (MalformedEventException e) {
      return malformed(consumer, record, e);
    }
    if (!handlers.handles(event.type())) {
      return ignore(consumer, event);
    }
    Span span = tracing.process(record, consumer, event.id().toString(), event.type());
    if (!span.getSpanContext().isValid()) {
      return parking.attempt(
          consumer,
          record,
          event,
          () -> Panache.withTransaction(() -> once(consumer, event, handlers)),
          false);
    }
    return Uni.createFrom()
        .deferred(
            () -> {
              Scope scope = span.makeCurrent();
              Uni<Boolean> work;
              try {
                work =
                    parking.attempt(
                        consumer,
                        record,
                        event,
                        () -> Panache.withTransaction(() -> once(consumer, event, handlers)),
                        false);
              } catch (RuntimeException e) {
                work = Uni.createFrom().failure(e);
              }
              return work.onTermination()
                  .invoke(
                      (applied, failure, cancelled) -> {
                        if (failure != null) {
                          span.setStatus(StatusCode.ERROR, failure.toString());
                        }
                        scope.close();
                        span.end();
                      });
            });
  }

  /**
   * Runs the record's handler once per event id inside the caller's transaction, and fails as it
   * fails (also when the record is malformed): what a replay of a parked record does.
   */
  public Uni<Boolean> applyOnce(
      String consumer,
      ConsumerRecord<String, byte[]> record,
      EventHandlers<? extends Uni<?>> handlers) {
    IncomingEvent event = codec.read(record);
    if (!handlers.handles(event.type())) {
      return ignore(consumer, event);
    }
    return once(consumer, event, handlers);
  }

  /**
   * Records the events as processed by {@code consumer}, in one statement inside the caller's
   * transaction, and returns the ids that were new: only those may take effect. The ids are
   * inserted in sorted order, so that two instances inserting overlapping batches take the index
   * entries in one order.
   */
  public Uni<Set<UUID>> recordAll(String consumer, Collection<IncomingEvent> events) {
    Map<UUID, String> typesById = new TreeMap<>();
    events.forEach(e -> typesById.put(e.id(), e.type()));
    String[] ids = new String[typesById.size()];
    String[] types = new String[typesById.size()];
    int i = 0;
    for (Map.Entry<UUID, String> e : typesById.entrySet()) {
      ids[i] = e.getKey().toString();
      types[i++] = e.getValue();
    }
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(RECORD_ALL, String.class)
                    .setParameter(1, consumer)
                    .setParameter(2, ids)
                    .setParameter(3, types)
                    .getResultList())
        .map(
            inserted -> {
              Set<UUID> fresh = new HashSet<>(inserted.size() * 2);
              inserted.forEach(id -> fresh.add(UUID.fromString(id)));
              return fresh;
            });
  }

  /**
   * Runs the event's handler unless this consumer has already processed its id, in the caller's
   * transaction.
   */
  private Uni<Boolean> once(
      String consumer, IncomingEvent event, EventHandlers<? extends Uni<?>> handlers) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(RECORD)
                    .setParameter("consumer", consumer)
                    .setParameter("eventId", event.id())
                    .setParameter("eventType", event.type())
                    .executeUpdate())
        .chain(
            inserted -> {
              if (inserted == 0) {
                registry.counter("firebell.inbox.duplicates", "consumer", consumer).increment();
                return Uni.createFrom().item(false);
              }
              Uni<?> effect = handlers.handle(event, codec);
              if (!Warmup.active()) { // a warm-up rolls back: it counts nothing (ADR 0141)
                registry
                    .counter("firebell.inbox.processed", "consumer", consumer, "type", event.type())
                    .increment();
              }
              return effect.replaceWith(true);
            });
  }

  private Uni<Boolean> ignore(String consumer, IncomingEvent event) {
    registry
        .counter("firebell.inbox.ignored", "consumer", consumer, "type", event.type())
        .increment();
    LOG.debugf("%s: ignoring event %s of type %s", consumer, event.id(), event.type());
    return Uni.createFrom().item(false);
  }

  private Uni<Boolean> malformed(
      String consumer, ConsumerRecord<String, byte[]> record, MalformedEventException e) {
    registry.counter("firebell.inbox.malformed", "consumer", consumer).increment();
    return parking.parkMalformed(consumer, record, null, e).replaceWith(false);
  }
}
