package io.firebell.platform.inbox;

import io.firebell.platform.events.EventHandlers;
import io.smallrye.mutiny.Uni;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What every event consumer is: a stable name (the inbox's key for the events it has applied) and
 * the handlers of the event types it applies. A subclass declares both in its constructor and
 * passes each record of its {@code @Incoming} channel to {@link #consume}:
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class ReviewEventsConsumer extends InboxConsumer {
 *   public ReviewEventsConsumer(Inbox inbox, ReportSharing sharing) {
 *     super(inbox, "broadcast.report-shares",
 *         EventHandlers.on(EventTypes.REPORT_PUBLISHED, sharing::published).build());
 *   }
 *
 *   @Incoming("reviews")
 *   @ActivateRequestContext
 *   public Uni<Void> onReviewEvent(ConsumerRecord<String, byte[]> record) {
 *     return consume(record);
 *   }
 * }
 * }</pre>
 */
public abstract class InboxConsumer implements ReplayableConsumer {

  private final Inbox inbox;
  private final String name;
  private final EventHandlers<? extends Uni<?>> handlers;

  /**
   * For the CDI container only: an {@code @ApplicationScoped} consumer's client proxy needs a
   * no-args constructor in every class of its hierarchy; the proxy delegates every call to the real
   * instance and never uses these fields.
   */
  protected InboxConsumer() {
    this(null, null, null);
  }

  protected InboxConsumer(Inbox inbox, String name, EventHandlers<? extends Uni<?>> handlers) {
    this.inbox = inbox;
    this.name = name;
    this.handlers = handlers;
  }

  /**
   * Applies the record's event once, in the inbox's transaction, if its type has a handler (see
   * {@link Inbox#consume}).
   */
  protected Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
    return inbox.consume(name, record, handlers).replaceWithVoid();
  }

  @Override
  public String consumerName() {
    return name;
  }

  @Override
  public Uni<Boolean> applyOnce(ConsumerRecord<String, byte[]> record) {
    return inbox.applyOnce(name, record, handlers);
  }
}
