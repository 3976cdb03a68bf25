package io.firebell.detection;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firebell.contracts.EventTypes;
import io.firebell.contracts.Topics;
import io.firebell.platform.events.CloudEventHeaders;
import io.firebell.platform.testing.TestTokens;
import io.firebell.platform.testing.TopicReader;
import io.firebell.platform.testing.Traced;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * One trace per incident (ADR 0140), across the real alerts topic: the webhook's trace goes through
 * ingest's produce span, grouping's process span of the alert's record, the outbox row of the
 * declaration the new group's route asks for, and the relay's publish span, whose context the
 * declaration.requested record carries to incident-service.
 */
@QuarkusTest
@TestProfile(Traced.class)
class TraceTest {

  private static final AttributeKey<String> MESSAGE_ID =
      AttributeKey.stringKey("messaging.message.id");

  @Inject InMemorySpanExporter exporter;

  @Test
  void anAutoDeclaredGroupContinuesTheTraceOfTheWebhookThatOpenedIt() {
    String run = "trace" + UUID.randomUUID().toString().substring(0, 8);
    String admin = TestTokens.bearer("ada", "admin");
    given()
        .header("Authorization", admin)
        .contentType(ContentType.JSON)
        .body("{\"description\":\"trace test\"}")
        .put("/v1/domains/" + run)
        .then()
        .statusCode(201);
    given()
        .header("Authorization", admin)
        .contentType(ContentType.JSON)
        .body(
            "{\"name\":\"%s\",\"position\":1,\"matchers\":[\"run=\\\"%s\\\"\"],\"domain\":\"%s\",\"groupBy\":[\"alertname\"],\"autoDeclare\":true,\"page\":false}"
                .formatted(run, run, run))
        .post("/v1/routes")
        .then()
        .statusCode(201);
    String token = Fixtures.integration("alertmanager");
    String alert =
        """
        {"status":"firing","labels":{"alertname":"Traced%s","run":"%s","severity":"critical"},
         "annotations":{"summary":"checkout latency"},"startsAt":"2026-03-12T10:00:00Z",
         "endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prometheus/x","fingerprint":"%s"}"""
            .formatted(run, run, run);
    String caller = Traced.newTraceparent();
    String trace = Traced.traceId(caller);

    try (TopicReader detection = new TopicReader(Topics.DETECTION)) {
      given()
          .header("Authorization", "Bearer " + token)
          .header("traceparent", caller)
          .contentType(ContentType.JSON)
          .body(Fixtures.amPayload("firing", 0, alert))
          .post("/v1/ingest/alertmanager")
          .then()
          .statusCode(202);
      List<ConsumerRecord<String, byte[]>> declared =
          detection.await(
              r ->
                  TopicReader.ofType(EventTypes.DECLARATION_REQUESTED.name()).test(r)
                      && new String(r.value()).contains("Traced" + run),
              1,
              Duration.ofSeconds(30));
      assertThat(declared).hasSize(1);
      String eventId = TopicReader.header(declared.get(0), CloudEventHeaders.ID);

      await().atMost(Duration.ofSeconds(20)).until(() -> publishOf(spans(trace), eventId) != null);
      Map<String, SpanData> spans = spans(trace);
      SpanData server = only(spans, s -> s.getKind() == SpanKind.SERVER);
      assertThat(server.getParentSpanId()).isEqualTo(Traced.spanId(caller));
      SpanData produce = only(spans, s -> s.getName().equals("publish " + Topics.ALERTS));
      assertThat(produce.getKind()).isEqualTo(SpanKind.PRODUCER);
      assertThat(ancestors(spans, produce)).contains(server.getSpanId());
      // A new route key's first record takes the fast lane (ADR 0107).
      SpanData process = only(spans, s -> s.getName().equals("process " + Topics.ALERTS_FRESH));
      assertThat(process.getKind()).isEqualTo(SpanKind.CONSUMER);
      assertThat(spans.values())
          .as("the connector makes no receive span of its own beside the consumer's")
          .noneMatch(s -> s.getName().endsWith(" receive"));
      assertThat(process.getParentSpanId()).isEqualTo(produce.getSpanId());
      SpanData publish = publishOf(spans, eventId);
      SpanData append = spans.get(publish.getParentSpanId());
      assertThat(append.getName()).isEqualTo("outbox append");
      assertThat(append.getParentSpanId()).isEqualTo(process.getSpanId());
      assertThat(TopicReader.header(declared.get(0), CloudEventHeaders.TRACEPARENT))
          .isEqualTo("00-" + trace + "-" + publish.getSpanId() + "-01");
    }
  }

  private Map<String, SpanData> spans(String trace) {
    return exporter.getFinishedSpanItems().stream()
        .filter(s -> s.getTraceId().equals(trace))
        .collect(Collectors.toMap(SpanData::getSpanId, Function.identity(), (a, b) -> a));
  }

  /** The relay's publish span of the outbox event {@code eventId}, or null. */
  private static SpanData publishOf(Map<String, SpanData> spans, String eventId) {
    return spans.values().stream()
        .filter(s -> s.getName().equals("publish " + Topics.DETECTION))
        .filter(s -> eventId.equals(s.getAttributes().get(MESSAGE_ID)))
        .findFirst()
        .orElse(null);
  }

  private static SpanData only(
      Map<String, SpanData> spans, java.util.function.Predicate<SpanData> match) {
    List<SpanData> found = spans.values().stream().filter(match).toList();
    assertThat(found)
        .as(
            "spans: %s",
            spans.values().stream()
                .map(s -> s.getName() + "(" + s.getSpanId() + "<-" + s.getParentSpanId() + ")")
                .toList())
        .hasSize(1);
    return found.get(0);
  }

  private static List<String> ancestors(Map<String, SpanData> spans, SpanData span) {
    List<String> up = new ArrayList<>();
    String parent = span.getParentSpanId();
    while (SpanId.isValid(parent)) {
      up.add(parent);
      SpanData at = spans.get(parent);
      parent = at == null ? null : at.getParentSpanId();
    }
    return up;
  }
}
