package io.firebell.console.live;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * What just happened in the suite, for open pages: every event on the services' topics, read by
 * this console instance from the end of each topic, becomes a {@link Change} (topic, type, subject)
 * that {@code /live} streams to browsers, which then re-read what they show. The console keeps no
 * copy of the data: the owning service stays the source.
 */
@ApplicationScoped
public class LiveEvents {

  /** One change: the topic's short name, the event type and the aggregate it concerns. */
  public record Change(String topic, String type, String subject) {}

  private final BroadcastProcessor<Change> changes = BroadcastProcessor.create();

  @Incoming("live")
  public void on(ConsumerRecord<String, byte[]> record) {
    changes.onNext(new Change(shortTopic(record.topic()), header(record, "ce_type"), record.key()));
  }

  public Multi<Change> changes() {
    return changes;
  }

  static String shortTopic(String topic) {
    // firebell.incidents.v1 -> incidents
    String[] parts = topic.split("\\.");
    return parts.length >= 2 ? parts[1] : topic;
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    Header h = record.headers().lastHeader(name);
    if (h == null) {
      return "";
    }
    String type = new String(h.value(), StandardCharsets.UTF_8);
    // io.firebell.incident.updated.v1 -> incident.updated
    return type.replaceFirst("^io\\.firebell\\.", "").replaceFirst("\\.v\\d+$", "");
  }
}
