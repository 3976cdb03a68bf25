package io.firebell.review.messaging;

import io.firebell.contracts.EventTypes;
import io.firebell.platform.events.EventCodec;
import io.firebell.platform.events.IncomingEvent;
import io.firebell.platform.inbox.Inbox;
import io.firebell.review.service.IncidentFactService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Builds the incident facts, the timeline and the report drafts from {@code firebell.incidents.v1}.
 */
@ApplicationScoped
public class IncidentEventsConsumer {

  static final String CONSUMER = "review.incident-facts";

  private final Inbox inbox;
  private final EventCodec codec;
  private final IncidentFactService facts;

  public IncidentEventsConsumer(Inbox inbox, EventCodec codec, IncidentFactService facts) {
    this.inbox = inbox;
    this.codec = codec;
    this.facts = facts;
  }

  @Incoming("incidents")
  @ActivateRequestContext
  public Uni<Void> onIncidentEvent(ConsumerRecord<String, byte[]> record) {
    return inbox.consume(CONSUMER, record, this::apply).replaceWithVoid();
  }

  private Uni<Void> apply(IncomingEvent e) {
    String type = e.type();
    if (type.equals(EventTypes.INCIDENT_DECLARED.name())) {
      return facts.declared(e.id(), codec.data(e, EventTypes.INCIDENT_DECLARED));
    } else if (type.equals(EventTypes.INCIDENT_UPDATED.name())) {
      return facts.updated(e.id(), codec.data(e, EventTypes.INCIDENT_UPDATED));
    } else if (type.equals(EventTypes.INCIDENT_STATUS_CHANGED.name())) {
      return facts.statusChanged(e.id(), codec.data(e, EventTypes.INCIDENT_STATUS_CHANGED));
    } else if (type.equals(EventTypes.INCIDENT_ROLE_ASSIGNED.name())) {
      return facts.roleAssigned(e.id(), codec.data(e, EventTypes.INCIDENT_ROLE_ASSIGNED));
    } else if (type.equals(EventTypes.INCIDENT_PARTICIPANT_JOINED.name())) {
      return facts.participantJoined(e.id(), codec.data(e, EventTypes.INCIDENT_PARTICIPANT_JOINED));
    } else if (type.equals(EventTypes.INCIDENT_ACTION_RECORDED.name())) {
      return facts.actionRecorded(e.id(), codec.data(e, EventTypes.INCIDENT_ACTION_RECORDED));
    } else if (type.equals(EventTypes.INCIDENT_RESOLVED.name())) {
      return facts.resolved(e.id(), codec.data(e, EventTypes.INCIDENT_RESOLVED));
    } else if (type.equals(EventTypes.INCIDENT_CLOSED.name())) {
      return facts.closed(e.id(), codec.data(e, EventTypes.INCIDENT_CLOSED));
    }
    return null;
  }
}
