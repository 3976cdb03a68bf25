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

/** Adds what was told to whom (and what failed to arrive) to the incident timeline. */
@ApplicationScoped
public class BroadcastEventsConsumer {

  static final String CONSUMER = "review.broadcast-timeline";

  private final Inbox inbox;
  private final EventCodec codec;
  private final IncidentFactService facts;

  public BroadcastEventsConsumer(Inbox inbox, EventCodec codec, IncidentFactService facts) {
    this.inbox = inbox;
    this.codec = codec;
    this.facts = facts;
  }

  @Incoming("broadcasts")
  @ActivateRequestContext
  public Uni<Void> onBroadcastEvent(ConsumerRecord<String, byte[]> record) {
    return inbox.consume(CONSUMER, record, this::apply).replaceWithVoid();
  }

  private Uni<Void> apply(IncomingEvent e) {
    String type = e.type();
    if (type.equals(EventTypes.UPDATE_PUBLISHED.name())) {
      return facts.updatePublished(e.id(), codec.data(e, EventTypes.UPDATE_PUBLISHED));
    } else if (type.equals(EventTypes.DELIVERY_FAILED.name())) {
      return facts.deliveryFailed(e.id(), codec.data(e, EventTypes.DELIVERY_FAILED));
    } else if (type.equals(EventTypes.DELIVERY_EXHAUSTED.name())) {
      return facts.deliveryExhausted(e.id(), codec.data(e, EventTypes.DELIVERY_EXHAUSTED));
    }
    return null;
  }
}
