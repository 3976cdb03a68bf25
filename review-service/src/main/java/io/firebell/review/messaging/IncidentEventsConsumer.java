package io.firebell.review.messaging;

import io.firebell.contracts.EventTypes;
import io.firebell.platform.events.EventCodec;
import io.firebell.platform.inbox.Inbox;
import io.firebell.review.service.IncidentFactService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Builds the incident-facts read model from {@code firebell.incidents.v1}, once per event. */
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
    return inbox
        .consume(
            CONSUMER,
            record,
            event -> {
              if (EventTypes.INCIDENT_DECLARED.name().equals(event.type())) {
                return facts.recordDeclared(codec.data(event, EventTypes.INCIDENT_DECLARED));
              }
              return null; // other lifecycle events arrive with the review-service issue
            })
        .replaceWithVoid();
  }
}
