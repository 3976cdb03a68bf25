package io.firebell.platform.testing;

import io.firebell.platform.events.CloudEventHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Reads a topic from its current end, for asserting what a service published. Open it before the
 * action under test.
 */
public final class TopicReader implements AutoCloseable {

  private final KafkaConsumer<String, byte[]> consumer;
  private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

  /** Reads {@code topics} together (e.g. detection's two alert lanes, ADR 0107). */
  public TopicReader(String... topics) {
    Properties props = new Properties();
    props.put(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
        ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : topics) {
      consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition()))
          .forEach(partitions::add);
    }
    consumer.assign(partitions);
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
    ends.forEach(consumer::seek);
  }

  /** Waits until a record matching {@code match} arrives; returns every match seen so far. */
  public List<ConsumerRecord<String, byte[]>> await(
      Predicate<ConsumerRecord<String, byte[]>> match, int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<ConsumerRecord<String, byte[]>> matches = seen.stream().filter(match).toList();
      if (matches.size() >= count || System.nanoTime() > deadline) {
        return matches;
      }
      consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
    }
  }

  /** Everything read so far plus whatever arrives within {@code quiet}. */
  public List<ConsumerRecord<String, byte[]>> drain(Duration quiet) {
    long deadline = System.nanoTime() + quiet.toNanos();
    while (System.nanoTime() < deadline) {
      consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
    }
    return List.copyOf(seen);
  }

  public static String header(ConsumerRecord<String, byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  public static Predicate<ConsumerRecord<String, byte[]>> ofType(String type) {
    return r -> type.equals(header(r, CloudEventHeaders.TYPE));
  }

  @Override
  public void close() {
    consumer.close();
  }
}
