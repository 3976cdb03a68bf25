package io.firebell.detection.messaging;

import io.firebell.contracts.EventTypes;
import io.firebell.detection.service.GroupingService;
import io.firebell.platform.events.EventCodec;
import io.firebell.platform.inbox.Inbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Groups the alerts of {@code firebell.alerts.v1}. Records are keyed by route key, so all alerts of
 * a group are on one partition and one instance of the consumer group handles them, in order (ADR
 * 0101). Each alert is applied once, in one transaction with its inbox record.
 */
@ApplicationScoped
public class AlertsConsumer {

  static final String CONSUMER = "detection.grouping";

  private final Inbox inbox;
  private final EventCodec codec;
  private final GroupingService grouping;

  public AlertsConsumer(Inbox inbox, EventCodec codec, GroupingService grouping) {
    this.inbox = inbox;
    this.codec = codec;
    this.grouping = grouping;
  }

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
}
