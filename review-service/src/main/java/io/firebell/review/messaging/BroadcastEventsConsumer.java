package io.firebell.review.messaging;

import io.firebell.contracts.EventTypes;
import io.firebell.platform.events.EventHandlers;
import io.firebell.platform.inbox.Inbox;
import io.firebell.platform.inbox.InboxConsumer;
import io.firebell.review.service.IncidentFactService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Adds what was told to whom (and what failed to arrive) to the incident timeline, and counts the
 * audiences reached as the report's affected stakeholders.
 */
@ApplicationScoped
public class BroadcastEventsConsumer extends InboxConsumer {

  static final String CONSUMER = "review.broadcast-timeline";

  public BroadcastEventsConsumer(Inbox inbox, IncidentFactService facts) {
    super(
        inbox,
        CONSUMER,
        EventHandlers.onEvent(
                EventTypes.UPDATE_PUBLISHED, (d, e) -> facts.updatePublished(e.id(), d))
            .on(EventTypes.DELIVERY_SUCCEEDED, facts::deliverySucceeded)
            .onEvent(EventTypes.DELIVERY_FAILED, (d, e) -> facts.deliveryFailed(e.id(), d))
            .onEvent(EventTypes.DELIVERY_EXHAUSTED, (d, e) -> facts.deliveryExhausted(e.id(), d))
            .build());
  }

  @Incoming("broadcasts")
  @ActivateRequestContext
  public Uni<Void> onBroadcastEvent(ConsumerRecord<String, byte[]> record) {
    return consume(record);
  }
}
