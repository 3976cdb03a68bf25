package io.firebell.incident.messaging;

import io.firebell.contracts.EventTypes;
import io.firebell.incident.service.IncidentService;
import io.firebell.platform.events.EventHandlers;
import io.firebell.platform.inbox.Inbox;
import io.firebell.platform.inbox.InboxConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Opens an incident for every {@code declaration-requested} on {@code firebell.detection.v1}: once
 * per event (inbox) and once per alert group (unique {@code alert_group_id}). Alert-group and page
 * events are detection's own business.
 */
@ApplicationScoped
public class DetectionEventsConsumer extends InboxConsumer {

  static final String CONSUMER = "incident.declarations";

  public DetectionEventsConsumer(Inbox inbox, IncidentService incidents) {
    super(
        inbox,
        CONSUMER,
        EventHandlers.on(EventTypes.DECLARATION_REQUESTED, incidents::declareFromDetection)
            .build());
  }

  @Incoming("detection")
  @ActivateRequestContext
  public Uni<Void> onDetectionEvent(ConsumerRecord<String, byte[]> record) {
    return consume(record);
  }
}
