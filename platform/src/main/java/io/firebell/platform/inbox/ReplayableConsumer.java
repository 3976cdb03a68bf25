package io.firebell.platform.inbox;

import io.smallrye.mutiny.Uni;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A consumer whose parked records an admin can replay ({@code POST
 * /v1/admin/parked-events/{id}/replay}): every {@link InboxConsumer}, and consumers with a path of
 * their own such as detection's batched grouping.
 */
public interface ReplayableConsumer {

  /** The consumer's stable name: its key in {@code inbox_event} and {@code parked_event}. */
  String consumerName();

  /**
   * Applies the record's event once (recording its id in the inbox) inside the caller's
   * transaction, and fails as the consumer's effect fails.
   *
   * @return true when the effect ran, false when the event was processed already or is of a type
   *     this consumer does not handle
   */
  Uni<Boolean> applyOnce(ConsumerRecord<String, byte[]> record);
}
