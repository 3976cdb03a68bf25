package io.firebell.detection.messaging;

import io.firebell.contracts.EventTypes;
import io.firebell.contracts.detection.AlertReceived;
import io.firebell.detection.service.GroupingService;
import io.firebell.platform.events.EventCodec;
import io.firebell.platform.events.IncomingEvent;
import io.firebell.platform.events.MalformedEventException;
import io.firebell.platform.inbox.Inbox;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Groups the alerts of {@code firebell.alerts.v1}, a poll's batch at a time. Records are keyed by
 * route key, so all alerts of a group are on one partition and one instance of the consumer group
 * handles them, in order (ADR 0101).
 *
 * <p>Idempotence is the platform inbox's, in bulk: the batch's CloudEvent ids are inserted into
 * {@code inbox_event} (consumer {@code detection.grouping}) in the same transaction as the
 * grouping, and only the ids that were new are applied. A storm of re-sends costs one transaction
 * per poll instead of one per alert. A failed batch rolls back as a whole and is retried.
 */
@ApplicationScoped
public class AlertsConsumer {

  static final String CONSUMER = "detection.grouping";
  private static final Logger LOG = Logger.getLogger(AlertsConsumer.class);

  private final Inbox inbox;
  private final EventCodec codec;
  private final GroupingService grouping;
  private final MeterRegistry registry;

  public AlertsConsumer(
      Inbox inbox, EventCodec codec, GroupingService grouping, MeterRegistry registry) {
    this.inbox = inbox;
    this.codec = codec;
    this.grouping = grouping;
    this.registry = registry;
  }

  private record Decoded(IncomingEvent event, AlertReceived alert) {}

  /**
   * One alert per transaction through the platform inbox. ({@link #onAlerts} is the batch form:
   * enable it with {@code mp.messaging.incoming.alerts.batch=true}; see docs/detection.md.)
   */
  @Incoming("alerts")
  @ActivateRequestContext
  public Uni<Void> onAlert(ConsumerRecord<String, byte[]> record) {
    return inbox
        .consume(
            CONSUMER,
            record,
            event -> {
              if (EventTypes.ALERT_RECEIVED.name().equals(event.type())) {
                return grouping.apply(codec.data(event, EventTypes.ALERT_RECEIVED));
              }
              return null;
            })
        .replaceWithVoid();
  }

  Uni<Void> onAlerts(ConsumerRecords<String, byte[]> records) {
    List<Decoded> decoded = new ArrayList<>(records.count());
    for (ConsumerRecord<String, byte[]> record : records) {
      try {
        IncomingEvent event = codec.read(record);
        if (!EventTypes.ALERT_RECEIVED.name().equals(event.type())) {
          continue;
        }
        decoded.add(new Decoded(event, codec.data(event, EventTypes.ALERT_RECEIVED)));
      } catch (MalformedEventException e) {
        registry.counter("firebell.inbox.malformed", "consumer", CONSUMER).increment();
        LOG.errorf(
            "%s: skipping malformed record %s-%d@%d: %s",
            CONSUMER, record.topic(), record.partition(), record.offset(), e.getMessage());
      }
    }
    if (decoded.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return Panache.withTransaction(() -> apply(decoded))
        .onFailure()
        .invoke(
            e ->
                LOG.warnf(
                    "%s: batch of %d failed, retrying: %s", CONSUMER, decoded.size(), e.toString()))
        .onFailure()
        .retry()
        .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10))
        .indefinitely();
  }

  private Uni<Void> apply(List<Decoded> decoded) {
    return recordNew(decoded)
        .chain(
            fresh -> {
              Map<String, List<AlertReceived>> byRouteKey = new LinkedHashMap<>();
              for (Decoded d : decoded) {
                if (fresh.remove(d.event().id())) {
                  byRouteKey
                      .computeIfAbsent(d.alert().routeKey(), k -> new ArrayList<>())
                      .add(d.alert());
                }
              }
              int duplicates =
                  decoded.size() - byRouteKey.values().stream().mapToInt(List::size).sum();
              if (duplicates > 0) {
                registry
                    .counter("firebell.inbox.duplicates", "consumer", CONSUMER)
                    .increment(duplicates);
              }
              Uni<Void> chain = Uni.createFrom().voidItem();
              for (Map.Entry<String, List<AlertReceived>> e : byRouteKey.entrySet()) {
                chain = chain.chain(() -> grouping.applyAll(e.getKey(), e.getValue()));
              }
              return chain;
            });
  }

  /** Inserts the batch's event ids into the inbox; returns those that were not there yet. */
  private Uni<Set<UUID>> recordNew(List<Decoded> decoded) {
    StringBuilder sql =
        new StringBuilder(
            "insert into inbox_event (consumer, event_id, event_type, processed_at) values ");
    for (int i = 0; i < decoded.size(); i++) {
      sql.append(i == 0 ? "" : ", ")
          .append("(?1, ?")
          .append(i + 2)
          .append(", ?")
          .append(decoded.size() + 2)
          .append(", now())");
    }
    sql.append(" on conflict do nothing returning cast(event_id as text)");
    return Panache.getSession()
        .chain(
            session -> {
              var query = session.createNativeQuery(sql.toString(), String.class);
              query.setParameter(1, CONSUMER);
              for (int i = 0; i < decoded.size(); i++) {
                query.setParameter(i + 2, decoded.get(i).event().id());
              }
              query.setParameter(decoded.size() + 2, EventTypes.ALERT_RECEIVED.name());
              return query.getResultList();
            })
        .map(
            ids -> {
              Set<UUID> fresh = new HashSet<>();
              ids.forEach(id -> fresh.add(UUID.fromString(id)));
              registry
                  .counter(
                      "firebell.inbox.processed",
                      "consumer",
                      CONSUMER,
                      "type",
                      EventTypes.ALERT_RECEIVED.name())
                  .increment(fresh.size());
              return fresh;
            });
  }
}
