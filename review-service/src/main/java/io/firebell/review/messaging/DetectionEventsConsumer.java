package io.firebell.review.messaging;

import io.firebell.contracts.EventTypes;
import io.firebell.contracts.detection.DeclarationRequested;
import io.firebell.platform.events.EventHandlers;
import io.firebell.platform.inbox.Inbox;
import io.firebell.review.model.DetectionSignal;
import io.firebell.review.repository.DetectionSignalRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps the kind of signal (and the partner) of every alert group that asked for an incident, so
 * the metrics can group incidents by them. Other detection events are not review-service's concern.
 */
@ApplicationScoped
public class DetectionEventsConsumer {

  static final String CONSUMER = "review.detection-signals";

  private final Inbox inbox;
  private final DetectionSignalRepository signals;
  private final EventHandlers<Uni<Void>> handlers;

  public DetectionEventsConsumer(Inbox inbox, DetectionSignalRepository signals) {
    this.inbox = inbox;
    this.signals = signals;
    this.handlers = EventHandlers.on(EventTypes.DECLARATION_REQUESTED, this::remember).build();
  }

  @Incoming("detections")
  @ActivateRequestContext
  public Uni<Void> onDetectionEvent(ConsumerRecord<String, byte[]> record) {
    return inbox.consume(CONSUMER, record, handlers).replaceWithVoid();
  }

  private Uni<Void> remember(DeclarationRequested d) {
    return signals
        .findById(d.alertGroupId())
        .chain(
            known ->
                known != null
                    ? Uni.createFrom().voidItem()
                    : signals
                        .persist(
                            new DetectionSignal(
                                d.alertGroupId(),
                                d.kind(),
                                d.partner(),
                                d.domain(),
                                d.service(),
                                d.requestedAt()))
                        .replaceWithVoid());
  }
}
