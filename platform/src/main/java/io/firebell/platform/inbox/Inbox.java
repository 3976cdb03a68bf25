package io.firebell.platform.inbox;

import io.firebell.platform.events.EventCodec;
import io.firebell.platform.events.IncomingEvent;
import io.firebell.platform.events.MalformedEventException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.function.Function;
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

  private final EventCodec codec;
  private final MeterRegistry registry;

  public Inbox(EventCodec codec, MeterRegistry registry) {
    this.codec = codec;
    this.registry = registry;
  }

  /**
   * Reads the record as a CloudEvent and runs {@code effect} once per event id for this consumer.
   * The effect runs inside the transaction (use {@code Panache.getSession()} or Panache entity
   * methods, not a new transaction). A malformed record is logged, counted and skipped: retrying
   * cannot fix it. Any other failure (database down…) is retried with backoff, without end, so that
   * nothing is skipped.
   *
   * @param consumer a stable name for this consumer, e.g. {@code review.incident-facts}
   * @param effect what the event does; return null for event types this consumer ignores
   * @return true when the effect ran, false for a duplicate or an ignored type
   */
  public Uni<Boolean> consume(
      String consumer,
      ConsumerRecord<String, byte[]> record,
      Function<IncomingEvent, Uni<?>> effect) {
    IncomingEvent event;
    try {
      event = codec.read(record);
    } catch (MalformedEventException e) {
      return skipMalformed(consumer, record, e);
    }
    return once(consumer, event, effect)
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

  /** Runs {@code effect} for the event unless this consumer has already processed its id. */
  public Uni<Boolean> once(
      String consumer, IncomingEvent event, Function<IncomingEvent, Uni<?>> effect) {
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
                      Uni<?> result = effect.apply(event);
                      if (result == null) {
                        return Uni.createFrom().item(false);
                      }
                      registry
                          .counter(
                              "firebell.inbox.processed",
                              "consumer",
                              consumer,
                              "type",
                              event.type())
                          .increment();
                      return result.replaceWith(true);
                    }));
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
