package io.firebell.detection.messaging;

import io.firebell.contracts.EventTypes;
import io.firebell.detection.service.TriageService;
import io.firebell.platform.events.EventCodec;
import io.firebell.platform.inbox.Inbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Links an alert group to the incident declared from it ({@code incident.declared}). */
@ApplicationScoped
public class IncidentEventsConsumer {

  static final String CONSUMER = "detection.incident-links";

  private final Inbox inbox;
  private final EventCodec codec;
  private final TriageService triage;

  public IncidentEventsConsumer(Inbox inbox, EventCodec codec, TriageService triage) {
    this.inbox = inbox;
    this.codec = codec;
    this.triage = triage;
  }

  @Incoming("incidents")
  @ActivateRequestContext
  public Uni<Void> onIncidentEvent(ConsumerRecord<String, byte[]> record) {
    return inbox
        .consume(
            CONSUMER,
            record,
            event -> {
              if (EventTypes.INCIDENT_DECLARED.name().equals(event.type())) {
                var declared = codec.data(event, EventTypes.INCIDENT_DECLARED);
                if (declared.alertGroupId() == null) {
                  return null; // declared by hand, not from a group
                }
                return triage.linkIncident(declared.alertGroupId(), declared.incidentId());
              }
              return null;
            })
        .replaceWithVoid();
  }
}
