package io.firebell.broadcast.messaging;

import io.firebell.broadcast.service.IncidentProjection;
import io.firebell.contracts.EventTypes;
import io.firebell.platform.events.EventHandlers;
import io.firebell.platform.inbox.Inbox;
import io.firebell.platform.inbox.InboxConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps the incident read model from {@code firebell.incidents.v1} and rings the fire alarm on
 * {@code incident.declared}, in the transaction that records the event as processed.
 */
@ApplicationScoped
public class IncidentEventsConsumer extends InboxConsumer {

  static final String CONSUMER = "broadcast.incidents";

  public IncidentEventsConsumer(Inbox inbox, IncidentProjection incidents) {
    super(
        inbox,
        CONSUMER,
        EventHandlers.on(EventTypes.INCIDENT_DECLARED, incidents::declared)
            .on(EventTypes.INCIDENT_UPDATED, incidents::updated)
            .on(EventTypes.INCIDENT_STATUS_CHANGED, incidents::statusChanged)
            .on(EventTypes.INCIDENT_ROLE_ASSIGNED, incidents::roleAssigned)
            .on(EventTypes.INCIDENT_RESOLVED, incidents::resolved)
            .on(EventTypes.INCIDENT_CLOSED, incidents::closed)
            .build());
  }

  @Incoming("incidents")
  @ActivateRequestContext
  public Uni<Void> onIncidentEvent(ConsumerRecord<String, byte[]> record) {
    return consume(record);
  }
}
