package io.firebell.detection.messaging;

import io.firebell.contracts.EventTypes;
import io.firebell.detection.service.TriageService;
import io.firebell.platform.events.EventHandlers;
import io.firebell.platform.inbox.Inbox;
import io.firebell.platform.inbox.InboxConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Links an alert group to the incident declared from it ({@code incident.declared}). */
@ApplicationScoped
public class IncidentEventsConsumer extends InboxConsumer {

  static final String CONSUMER = "detection.incident-links";

  public IncidentEventsConsumer(Inbox inbox, TriageService triage) {
    super(
        inbox,
        CONSUMER,
        EventHandlers.on(
                EventTypes.INCIDENT_DECLARED,
                declared ->
                    declared.alertGroupId() == null
                        ? Uni.createFrom().voidItem() // declared by hand, not from a group
                        : triage.linkIncident(declared.alertGroupId(), declared.incidentId()))
            .build());
  }

  @Incoming("incidents")
  @ActivateRequestContext
  public Uni<Void> onIncidentEvent(ConsumerRecord<String, byte[]> record) {
    return consume(record);
  }
}
