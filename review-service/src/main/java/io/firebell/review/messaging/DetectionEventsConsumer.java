package io.firebell.review.messaging;

import io.firebell.contracts.EventTypes;
import io.firebell.contracts.detection.DeclarationRequested;
import io.firebell.platform.events.EventCodec;
import io.firebell.platform.events.IncomingEvent;
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
  private final EventCodec codec;
  private final DetectionSignalRepository signals;

  public DetectionEventsConsumer(Inbox inbox, EventCodec codec, DetectionSignalRepository signals) {
    this.inbox = inbox;
    this.codec = codec;
    this.signals = signals;
  }

  @Incoming("detections")
  @ActivateRequestContext
  public Uni<Void> onDetectionEvent(ConsumerRecord<String, byte[]> record) {
    return inbox.consume(CONSUMER, record, this::apply).replaceWithVoid();
  }

  private Uni<Void> apply(IncomingEvent e) {
    if (!e.type().equals(EventTypes.DECLARATION_REQUESTED.name())) {
      return null;
    }
    DeclarationRequested d = codec.data(e, EventTypes.DECLARATION_REQUESTED);
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
