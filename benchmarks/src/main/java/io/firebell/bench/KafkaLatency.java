package io.firebell.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The reference for time to announce: Kafka's own produce→consume latency on the same broker, one
 * record at a time ({@code acks=all}, idempotent producer, a consumer polling the topic), so the
 * results show how many "hops' worth" Firebell spends between a webhook and its fire alarm.
 */
final class KafkaLatency {

  record Figures(Histogram micros) {
    double p50Millis() {
      return micros.getValueAtPercentile(50) / 1000.0;
    }

    double p99Millis() {
      return micros.getValueAtPercentile(99) / 1000.0;
    }

    @Override
    public String toString() {
      return String.format("p50 %.1f / p99 %.1f ms", p50Millis(), p99Millis());
    }
  }

  private KafkaLatency() {}

  static Figures measure(String bootstrap, int records) throws Exception {
    String topic = "firebell.bench.latency-" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, Object> common = Map.of("bootstrap.servers", bootstrap);
    try (Admin admin = Admin.create(common)) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    }
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    Properties c = new Properties();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    c.put(ConsumerConfig.GROUP_ID_CONFIG, topic);
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    Histogram histogram = new Histogram(60_000_000L, 3);
    try (KafkaProducer<String, byte[]> producer =
            new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        KafkaConsumer<String, byte[]> consumer =
            new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition tp = new TopicPartition(topic, 0);
      consumer.assign(List.of(tp));
      consumer.seekToEnd(List.of(tp));
      consumer.position(tp);
      byte[] value = new byte[700];
      for (int i = -20; i < records; i++) { // 20 not measured: connections, metadata
        long sent = System.nanoTime();
        producer.send(new ProducerRecord<>(topic, "k", value)).get();
        boolean received = false;
        while (!received) {
          for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
            received = true;
          }
        }
        if (i >= 0) {
          histogram.recordValue((System.nanoTime() - sent) / 1000);
        }
      }
    } finally {
      try (Admin admin = Admin.create(common)) {
        admin.deleteTopics(List.of(topic)).all().get();
      }
    }
    return new Figures(histogram);
  }
}
