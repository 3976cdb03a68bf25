package io.firebell.detection;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebell.contracts.Topics;
import io.firebell.platform.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Issue 19, item 4: a webhook request's work is bounded before its alerts are expanded. Common
 * annotations are copied into every alert, so a request within the body limit can become hundreds
 * of megabytes; it is refused with 413 and nothing reaches the topic. Too many alerts or labels and
 * too long keys or values are 422 naming the limit. The largest batch ingest accepts — a record
 * several times Kafka's default 1 MB — is produced and acknowledged.
 */
@QuarkusTest
class IngestLimitsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void anAmplifyingRequestIsRefusedBeforeExpansionAndNothingIsProduced() throws Exception {
    String token = Fixtures.integration("alertmanager");
    String name = "Amplified" + UUID.randomUUID().toString().substring(0, 8);
    // ~0.45 MB: 1,000 alerts of 27 labels and one 30,000-character common annotation, which
    // expanded would be ~90 MB of records.
    String body = payload(name, 1000, "x".repeat(30_000), 25);
    assertThat(body.length()).isBetween(300_000, 512 * 1024);
    try (TopicReader alerts = new TopicReader(Topics.ALERTS, Topics.ALERTS_FRESH)) {
      post(token, body)
          .statusCode(413)
          .contentType("application/problem+json")
          .body("status", equalTo(413))
          .body("detail", containsString("max-expanded-bytes"));
      // Again, warm (token cached, code compiled): the figure is the refusal itself.
      long start = System.nanoTime();
      post(token, body).statusCode(413);
      long tookMs = (System.nanoTime() - start) / 1_000_000;
      assertThat(alerts.drain(Duration.ofSeconds(2)))
          .filteredOn(r -> new String(r.value()).contains(name))
          .isEmpty();
      System.out.printf(
          "FIGURE amplification: a %,d-byte request that would expand to ~90 MB refused (413) in"
              + " %d ms (second try)%n",
          body.length(), tookMs);
    }
  }

  @Test
  void tooManyOrTooLongIsA422NamingTheLimit() throws Exception {
    String token = Fixtures.integration("alertmanager");
    String name = "Limits" + UUID.randomUUID().toString().substring(0, 8);
    try (TopicReader alerts = new TopicReader(Topics.ALERTS, Topics.ALERTS_FRESH)) {
      post(token, payload(name, 1001, "", 0))
          .statusCode(422)
          .contentType("application/problem+json")
          .body("errors.field", hasItem("alerts"))
          .body("detail", containsString("max-alerts-per-request"));
      post(token, withLabel(name, "team", "t".repeat(4097)))
          .statusCode(422)
          .body("errors.field", hasItem("alerts[0].labels.team"))
          .body("detail", containsString("max-label-value-length"));
      post(token, withLabel(name, "k".repeat(257), "v"))
          .statusCode(422)
          .body("errors.field", hasItem("alerts[0].labels"))
          .body("detail", containsString("max-key-length"));
      post(token, payload(name, 1, "", 129))
          .statusCode(422)
          .body("errors.field", hasItem("alerts[0].labels"))
          .body("detail", containsString("max-labels"));
      assertThat(alerts.drain(Duration.ofSeconds(2)))
          .filteredOn(r -> new String(r.value()).contains(name))
          .isEmpty();
    }
  }

  @Test
  void theLargestAcceptedBatchIsProducedInOneRecord() throws Exception {
    String token = Fixtures.integration("alertmanager");
    String name = "Largest" + UUID.randomUUID().toString().substring(0, 8);
    // 1,000 alerts of one route key, each carrying a 2,000-character common annotation: one record
    // of ~3 MB, above Kafka's default max.request.size and max.message.bytes (1 MB).
    String body = payload(name, 1000, "d".repeat(2_000), 0);
    try (TopicReader alerts = new TopicReader(Topics.ALERTS, Topics.ALERTS_FRESH)) {
      post(token, body).statusCode(202).body("alerts", equalTo(1000));
      List<ConsumerRecord<String, byte[]>> records =
          alerts.await(r -> new String(r.value()).contains(name), 1, Duration.ofSeconds(30));
      assertThat(records).hasSize(1);
      assertThat(records.get(0).value().length).isGreaterThan(2 * 1024 * 1024);
      JsonNode batch = JSON.readTree(records.get(0).value());
      assertThat(batch.path("alerts")).hasSize(1000);
      System.out.printf(
          "FIGURE largest accepted batch: %,d-byte request, one record of %,d bytes produced%n",
          body.length(), records.get(0).value().length);
    }
  }

  private static ValidatableResponse post(String token, String body) {
    return given()
        .header("Authorization", "Bearer " + token)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/v1/ingest/alertmanager")
        .then();
  }

  /**
   * An Alertmanager payload of {@code alerts} alerts named {@code name} with a common annotation
   * {@code description} and {@code extraLabels} more labels on each alert.
   */
  private static String payload(String name, int alerts, String description, int extraLabels) {
    String labels =
        IntStream.range(0, extraLabels)
            .mapToObj(i -> ",\"l" + i + "\":\"v\"")
            .collect(Collectors.joining());
    List<String> list = new ArrayList<>(alerts);
    for (int i = 0; i < alerts; i++) {
      list.add(
          """
          {"status":"firing","labels":{"alertname":"%s","i":"%d"%s},"startsAt":"2026-03-12T10:00:00Z","fingerprint":"%s-%d"}"""
              .formatted(name, i, labels, name, i));
    }
    return """
        {"version":"4","status":"firing","receiver":"firebell","groupKey":"{}:{}",
         "commonAnnotations":{"description":"%s"},"alerts":[%s]}"""
        .formatted(description, String.join(",", list));
  }

  private static String withLabel(String name, String key, String value) {
    return """
        {"version":"4","status":"firing","alerts":[{"status":"firing",
         "labels":{"alertname":"%s","%s":"%s"},"startsAt":"2026-03-12T10:00:00Z"}]}"""
        .formatted(name, key, value);
  }
}
