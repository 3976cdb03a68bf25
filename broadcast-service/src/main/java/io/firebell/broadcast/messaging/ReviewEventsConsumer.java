package io.firebell.broadcast.messaging;

import io.firebell.broadcast.service.ReportSharing;
import io.firebell.contracts.EventTypes;
import io.firebell.platform.events.EventCodec;
import io.firebell.platform.events.IncomingEvent;
import io.firebell.platform.inbox.Inbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Shares published review reports ({@code report.published}) with the development organisation. */
@ApplicationScoped
public class ReviewEventsConsumer {

  static final String CONSUMER = "broadcast.report-shares";

  private final Inbox inbox;
  private final EventCodec codec;
  private final ReportSharing sharing;

  public ReviewEventsConsumer(Inbox inbox, EventCodec codec, ReportSharing sharing) {
    this.inbox = inbox;
    this.codec = codec;
    this.sharing = sharing;
  }

  @Incoming("reviews")
  @ActivateRequestContext
  public Uni<Void> onReviewEvent(ConsumerRecord<String, byte[]> record) {
    return inbox.consume(CONSUMER, record, this::apply).replaceWithVoid();
  }

  private Uni<Void> apply(IncomingEvent e) {
    if (e.type().equals(EventTypes.REPORT_PUBLISHED.name())) {
      return sharing.published(codec.data(e, EventTypes.REPORT_PUBLISHED));
    }
    return null;
  }
}
