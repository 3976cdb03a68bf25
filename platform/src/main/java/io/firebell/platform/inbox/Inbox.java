package io.firebell.platform.inbox;

import io.firebell.platform.events.EventCodec;
import io.firebell.platform.events.EventHandlers;
import io.firebell.platform.events.IncomingEvent;
import io.firebell.platform.events.MalformedEventException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
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

  public Inbox(EventCodec codec, MeterRegistry registry) {
    this.codec = codec;
    this.registry = registry;
  }

  /**
   * Reads the record as a CloudEvent and runs the handler of its type once per event id for this
   * consumer. A type without a handler is skipped before any transaction opens (no inbox row). The
   * handler runs inside the transaction (use {@code Panache.getSession()} or Panache entity
   * methods, not a new transaction). A malformed record is logged, counted and skipped: retrying
   * cannot fix it. Any other failure (database down…) is retried with backoff, without end, so that
   * nothing is skipped.
   *
   * @param consumer a stable name for this consumer, e.g. {@code review.incident-facts}
   * @param handlers what each event type this consumer handles does
   * @return true when a handler ran, false for a duplicate, an ignored type or a malformed record
   */
  public Uni<Boolean> consume(
      String consumer,
      ConsumerRecord<String, byte[]> record,
      EventHandlers<? extends Uni<?>> handlers) {
    IncomingEvent event;
    try {
      event = codec.read(record);
    } catch (MalformedEventException e) {
      return skipMalformed(consumer, record, e);
    }
    if (!handlers.handles(event.type())) {
      return ignore(consumer, event);
    }
    return once(consumer, event, handlers)
        .onFailure(MalformedEventException.class)
        .recoverWithUni(e -> skipMalformed(consumer, record, (MalformedEventException) e))
        .onFailure()
        .invoke(
            e ->
                LOG.warnf(
                    "%s: event %s failed, retrying: %s", consumer, event.id(), e.getMessage()))
        .onFailure()
        .retry()
        .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10))
        .indefinitely();
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

  /** Runs the event's handler unless this consumer has already processed its id. */
  private Uni<Boolean> once(
      String consumer, IncomingEvent event, EventHandlers<? extends Uni<?>> handlers) {
    return Panache.withTransaction(
        () ->
            Panache.getSession()
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
                        registry
                            .counter("firebell.inbox.duplicates", "consumer", consumer)
                            .increment();
                        return Uni.createFrom().item(false);
                      }
                      Uni<?> effect = handlers.handle(event, codec);
                      registry
                          .counter(
                              "firebell.inbox.processed",
                              "consumer",
                              consumer,
                              "type",
                              event.type())
                          .increment();
                      return effect.replaceWith(true);
                    }));
  }

  private Uni<Boolean> ignore(String consumer, IncomingEvent event) {
    registry
        .counter("firebell.inbox.ignored", "consumer", consumer, "type", event.type())
        .increment();
    LOG.debugf("%s: ignoring event %s of type %s", consumer, event.id(), event.type());
    return Uni.createFrom().item(false);
  }

  private Uni<Boolean> skipMalformed(
      String consumer, ConsumerRecord<String, byte[]> record, MalformedEventException e) {
    registry.counter("firebell.inbox.malformed", "consumer", consumer).increment();
    LOG.errorf(
        "%s: skipping malformed record %s-%d@%d: %s",
        consumer, record.topic(), record.partition(), record.offset(), e.getMessage());
    return Uni.createFrom().item(false);
  }
}
