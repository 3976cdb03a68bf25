package io.firebell.broadcast.messaging;

import io.firebell.broadcast.service.IncidentProjection;
import io.firebell.contracts.EventTypes;
import io.firebell.platform.events.EventCodec;
import io.firebell.platform.events.IncomingEvent;
import io.firebell.platform.inbox.Inbox;
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
public class IncidentEventsConsumer {

  static final String CONSUMER = "broadcast.incidents";

  private final Inbox inbox;
  private final EventCodec codec;
  private final IncidentProjection incidents;

  public IncidentEventsConsumer(Inbox inbox, EventCodec codec, IncidentProjection incidents) {
    this.inbox = inbox;
    this.codec = codec;
    this.incidents = incidents;
  }

  @Incoming("incidents")
  @ActivateRequestContext
  public Uni<Void> onIncidentEvent(ConsumerRecord<String, byte[]> record) {
    return inbox.consume(CONSUMER, record, this::apply).replaceWithVoid();
  }

  private Uni<Void> apply(IncomingEvent e) {
    String type = e.type();
    if (type.equals(EventTypes.INCIDENT_DECLARED.name())) {
      return incidents.declared(codec.data(e, EventTypes.INCIDENT_DECLARED));
    } else if (type.equals(EventTypes.INCIDENT_UPDATED.name())) {
      return incidents.updated(codec.data(e, EventTypes.INCIDENT_UPDATED));
    } else if (type.equals(EventTypes.INCIDENT_STATUS_CHANGED.name())) {
      return incidents.statusChanged(codec.data(e, EventTypes.INCIDENT_STATUS_CHANGED));
    } else if (type.equals(EventTypes.INCIDENT_ROLE_ASSIGNED.name())) {
      return incidents.roleAssigned(codec.data(e, EventTypes.INCIDENT_ROLE_ASSIGNED));
    } else if (type.equals(EventTypes.INCIDENT_RESOLVED.name())) {
      return incidents.resolved(codec.data(e, EventTypes.INCIDENT_RESOLVED));
    } else if (type.equals(EventTypes.INCIDENT_CLOSED.name())) {
      return incidents.closed(codec.data(e, EventTypes.INCIDENT_CLOSED));
    }
    return null;
  }
}
