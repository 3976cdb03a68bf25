package io.firebell.incident.messaging;

import io.firebell.contracts.EventTypes;
import io.firebell.incident.service.IncidentService;
import io.firebell.platform.events.EventCodec;
import io.firebell.platform.inbox.Inbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Opens an incident for every {@code declaration-requested} on {@code firebell.detection.v1}: once
 * per event (inbox) and once per alert group (unique {@code alert_group_id}).
 */
@ApplicationScoped
public class DetectionEventsConsumer {

  static final String CONSUMER = "incident.declarations";

  private final Inbox inbox;
  private final EventCodec codec;
  private final IncidentService incidents;

  public DetectionEventsConsumer(Inbox inbox, EventCodec codec, IncidentService incidents) {
    this.inbox = inbox;
    this.codec = codec;
    this.incidents = incidents;
  }

  @Incoming("detection")
  @ActivateRequestContext
  public Uni<Void> onDetectionEvent(ConsumerRecord<String, byte[]> record) {
    return inbox
        .consume(
            CONSUMER,
            record,
            event -> {
              if (EventTypes.DECLARATION_REQUESTED.name().equals(event.type())) {
                return incidents.declareFromDetection(
                    codec.data(event, EventTypes.DECLARATION_REQUESTED));
              }
              return null; // alert-group and page events are detection's own business
            })
        .replaceWithVoid();
  }
}
