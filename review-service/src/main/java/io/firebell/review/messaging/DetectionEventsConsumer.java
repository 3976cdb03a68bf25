package io.firebell.review.messaging;

import io.firebell.contracts.EventTypes;
import io.firebell.contracts.detection.DeclarationRequested;
import io.firebell.platform.events.EventHandlers;
import io.firebell.platform.inbox.Inbox;
import io.firebell.platform.inbox.InboxConsumer;
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
public class DetectionEventsConsumer extends InboxConsumer {

  static final String CONSUMER = "review.detection-signals";

  public DetectionEventsConsumer(Inbox inbox, DetectionSignalRepository signals) {
    super(
        inbox,
        CONSUMER,
        EventHandlers.on(EventTypes.DECLARATION_REQUESTED, d -> remember(signals, d)).build());
  }

  @Incoming("detections")
  @ActivateRequestContext
  public Uni<Void> onDetectionEvent(ConsumerRecord<String, byte[]> record) {
    return consume(record);
  }

  private static Uni<Void> remember(DetectionSignalRepository signals, DeclarationRequested d) {
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
