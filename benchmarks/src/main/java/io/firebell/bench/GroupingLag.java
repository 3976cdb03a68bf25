package io.firebell.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Whether grouping keeps up with ingest (issue 20, target 6): the grouping consumers' lag on
 * detection's two alert topics, read from the broker (committed offsets of the consumer group
 * {@code detection-service} against the topics' end offsets), and the alerts the grouping instances
 * applied, read from their {@code firebell_detection_grouping_alerts_total} counters.
 */
final class GroupingLag implements AutoCloseable {

  static final List<String> TOPICS = List.of("firebell.alerts.v1", "firebell.alerts.fresh.v1");
  private static final String GROUP = "detection-service";

  /** The detection instances of the local suite: the API one and the grouping worker. */
  private static final List<String> METRICS =
      List.of("http://127.0.0.1:8081/q/metrics", "http://127.0.0.1:8085/q/metrics");

  private final Admin admin;
  private final HttpClient http = HttpClient.newHttpClient();

  GroupingLag(String bootstrap) {
    this.admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
  }

  /** Records on the alert topics not yet committed by the grouping consumers. */
  long lag() throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get();
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    admin
        .describeTopics(TOPICS)
        .allTopicNames()
        .get()
        .forEach(
            (name, d) ->
                d.partitions()
                    .forEach(
                        p ->
                            latest.put(
                                new TopicPartition(name, p.partition()), OffsetSpec.latest())));
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
        admin.listOffsets(latest).all().get();
    long lag = 0;
    for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e : ends.entrySet()) {
      OffsetAndMetadata c = committed.get(e.getKey());
      lag += Math.max(0, e.getValue().offset() - (c == null ? 0 : c.offset()));
    }
    return lag;
  }

  /**
   * Waits until the lag is 0 (or {@code limit}); returns how long that took, or null if it did not
   * happen within the limit.
   */
  Duration untilCaughtUp(Duration limit) throws Exception {
    long start = System.nanoTime();
    long deadline = start + limit.toNanos();
    while (lag() > 0) {
      if (System.nanoTime() > deadline) {
        return null;
      }
      Thread.sleep(200);
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /** Alerts applied to groups so far by every detection instance. */
  long alertsGrouped() throws Exception {
    long total = 0;
    for (String url : METRICS) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.ofString());
      total +=
          r.body()
              .lines()
              .filter(l -> l.startsWith("firebell_detection_grouping_alerts_total"))
              // "name value", and with tracing on an exemplar after it: "# {…} value time".
              .collect(Collectors.summingDouble(l -> Double.parseDouble(l.split("\\s+")[1])))
              .longValue();
    }
    return total;
  }

  @Override
  public void close() {
    admin.close();
  }
}
