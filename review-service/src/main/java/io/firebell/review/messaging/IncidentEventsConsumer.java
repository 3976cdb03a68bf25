package io.firebell.review.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
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
 * Builds the incident facts, the timeline and the report drafts from {@code firebell.incidents.v1}.
 * The facts keep each event's id, so every handler also receives the envelope (and the raw data,
 * for fields newer than the contracts record).
 */
@ApplicationScoped
public class IncidentEventsConsumer extends InboxConsumer {

  static final String CONSUMER = "review.incident-facts";

  /**
   * The partner of a hand-declared partner report: an optional field incident-service adds to its
   * incident events; read when present, absent in older events.
   */
  static final String PARTNER = "partner";

  public IncidentEventsConsumer(Inbox inbox, IncidentFactService facts, ObjectMapper mapper) {
    super(
        inbox,
        CONSUMER,
        EventHandlers.onEvent(
                EventTypes.INCIDENT_DECLARED,
                (d, e) -> facts.declared(e.id(), d, OptionalFields.text(mapper, e, PARTNER)))
            .onEvent(
                EventTypes.INCIDENT_UPDATED,
                (d, e) -> facts.updated(e.id(), d, OptionalFields.text(mapper, e, PARTNER)))
            .onEvent(EventTypes.INCIDENT_STATUS_CHANGED, (d, e) -> facts.statusChanged(e.id(), d))
            .onEvent(EventTypes.INCIDENT_ROLE_ASSIGNED, (d, e) -> facts.roleAssigned(e.id(), d))
            .onEvent(
                EventTypes.INCIDENT_PARTICIPANT_JOINED,
                (d, e) -> facts.participantJoined(e.id(), d))
            .onEvent(EventTypes.INCIDENT_ACTION_RECORDED, (d, e) -> facts.actionRecorded(e.id(), d))
            .onEvent(
                EventTypes.INCIDENT_RESOLVED,
                (d, e) -> facts.resolved(e.id(), d, OptionalFields.text(mapper, e, PARTNER)))
            .onEvent(EventTypes.INCIDENT_CLOSED, (d, e) -> facts.closed(e.id(), d))
            .build());
  }

  @Incoming("incidents")
  @ActivateRequestContext
  public Uni<Void> onIncidentEvent(ConsumerRecord<String, byte[]> record) {
    return consume(record);
  }
}
