package io.firebell.broadcast.messaging;

import io.firebell.broadcast.service.ReportSharing;
import io.firebell.contracts.EventTypes;
import io.firebell.platform.events.EventHandlers;
import io.firebell.platform.inbox.Inbox;
import io.firebell.platform.inbox.InboxConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Shares published review reports ({@code report.published}) with the development organisation. */
@ApplicationScoped
public class ReviewEventsConsumer extends InboxConsumer {

  static final String CONSUMER = "broadcast.report-shares";

  public ReviewEventsConsumer(Inbox inbox, ReportSharing sharing) {
    super(
        inbox, CONSUMER, EventHandlers.on(EventTypes.REPORT_PUBLISHED, sharing::published).build());
  }

  @Incoming("reviews")
  @ActivateRequestContext
  public Uni<Void> onReviewEvent(ConsumerRecord<String, byte[]> record) {
    return consume(record);
  }
}
