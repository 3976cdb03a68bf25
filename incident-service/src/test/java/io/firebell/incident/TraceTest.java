package io.firebell.incident;

import static io.firebell.incident.Api.RESPONDER;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firebell.contracts.EventTypes;
import io.firebell.contracts.Fixtures;
import io.firebell.contracts.Topics;
import io.firebell.platform.events.CloudEventHeaders;
import io.firebell.platform.testing.TestEventProducer;
import io.firebell.platform.testing.TopicReader;
import io.firebell.platform.testing.Traced;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * One trace per incident (ADR 0140), through a real Kafka hop: the request's (or the consumed
 * record's) trace continues into the outbox row, the relay's publish span and the traceparent
 * header of the record on Kafka.
 */
@QuarkusTest
@TestProfile(Traced.class)
class TraceTest {

  @Inject InMemorySpanExporter exporter;
  @Inject ObjectMapper mapper;

  @Test
  void aDeclarationByAPersonIsOneTraceFromTheRequestToTheRecordOnKafka() {
    String caller = Traced.newTraceparent();
    String trace = Traced.traceId(caller);
    try (TopicReader incidents = new TopicReader(Topics.INCIDENTS)) {
      String id =
          given()
              .header("Authorization", RESPONDER)
              .header("traceparent", caller)
              .contentType(ContentType.JSON)
              .body("{\"title\":\"Checkout fails\",\"service\":\"order-api\"}")
              .when()
              .post("/v1/incidents")
              .then()
              .statusCode(201)
              .extract()
              .path("id");
      ConsumerRecord<String, byte[]> declared = declaredRecord(incidents, id);

      Map<String, SpanData> spans = awaitSpans(trace, "publish " + Topics.INCIDENTS);
      SpanData server = only(spans, s -> s.getKind() == SpanKind.SERVER);
      assertThat(server.getParentSpanId()).isEqualTo(Traced.spanId(caller));
      SpanData append = named(spans, "outbox append");
      SpanData publish = named(spans, "publish " + Topics.INCIDENTS);
      assertThat(publish.getKind()).isEqualTo(SpanKind.PRODUCER);
      assertThat(publish.getParentSpanId()).isEqualTo(append.getSpanId());
      assertThat(ancestors(spans, append)).contains(server.getSpanId());
      // The consumer's parent: the record names the publish span of the same trace.
      String header = TopicReader.header(declared, CloudEventHeaders.TRACEPARENT);
      assertThat(header).isEqualTo("00-" + trace + "-" + publish.getSpanId() + "-01");
    }
  }

  @Test
  void anAutoDeclarationContinuesTheTraceOfTheConsumedRequest() throws Exception {
    String upstream = Traced.newTraceparent();
    String trace = Traced.traceId(upstream);
    UUID group = UUID.randomUUID();
    ObjectNode request =
        (ObjectNode) mapper.readTree(Fixtures.json(EventTypes.DECLARATION_REQUESTED));
    request.put("alertGroupId", group.toString());
    try (TopicReader incidents = new TopicReader(Topics.INCIDENTS);
        TestEventProducer producer = new TestEventProducer()) {
      producer.send(
          EventTypes.DECLARATION_REQUESTED,
          UUID.randomUUID(),
          group.toString(),
          mapper.writeValueAsString(request),
          upstream);
      List<ConsumerRecord<String, byte[]>> declared =
          incidents.await(
              r ->
                  TopicReader.ofType(EventTypes.INCIDENT_DECLARED.name()).test(r)
                      && new String(r.value()).contains(group.toString()),
              1,
              Duration.ofSeconds(30));
      assertThat(declared).hasSize(1);

      Map<String, SpanData> spans = awaitSpans(trace, "publish " + Topics.INCIDENTS);
      SpanData process = named(spans, "process " + Topics.DETECTION);
      assertThat(process.getKind()).isEqualTo(SpanKind.CONSUMER);
      assertThat(process.getParentSpanId()).isEqualTo(Traced.spanId(upstream));
      SpanData publish = named(spans, "publish " + Topics.INCIDENTS);
      assertThat(ancestors(spans, publish)).contains(process.getSpanId());
      assertThat(TopicReader.header(declared.get(0), CloudEventHeaders.TRACEPARENT))
          .isEqualTo("00-" + trace + "-" + publish.getSpanId() + "-01");
    }
  }

  private static ConsumerRecord<String, byte[]> declaredRecord(TopicReader reader, String id) {
    List<ConsumerRecord<String, byte[]>> found =
        reader.await(
            r ->
                id.equals(r.key())
                    && TopicReader.ofType(EventTypes.INCIDENT_DECLARED.name()).test(r),
            1,
            Duration.ofSeconds(30));
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  /** The ended spans of the trace by span id, once one named {@code last} is among them. */
  private Map<String, SpanData> awaitSpans(String trace, String last) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                exporter.getFinishedSpanItems().stream()
                    .anyMatch(s -> s.getTraceId().equals(trace) && s.getName().equals(last)));
    return exporter.getFinishedSpanItems().stream()
        .filter(s -> s.getTraceId().equals(trace))
        .collect(Collectors.toMap(SpanData::getSpanId, Function.identity(), (a, b) -> a));
  }

  private static SpanData named(Map<String, SpanData> spans, String name) {
    return only(spans, s -> s.getName().equals(name));
  }

  private static SpanData only(
      Map<String, SpanData> spans, java.util.function.Predicate<SpanData> match) {
    List<SpanData> found = spans.values().stream().filter(match).toList();
    assertThat(found).as("spans: %s", names(spans)).hasSize(1);
    return found.get(0);
  }

  /** The span ids above {@code span} in its trace, nearest first. */
  static List<String> ancestors(Map<String, SpanData> spans, SpanData span) {
    List<String> up = new java.util.ArrayList<>();
    String parent = span.getParentSpanId();
    while (io.opentelemetry.api.trace.SpanId.isValid(parent)) {
      up.add(parent);
      SpanData at = spans.get(parent);
      parent = at == null ? null : at.getParentSpanId();
    }
    return up;
  }

  private static List<String> names(Map<String, SpanData> spans) {
    return spans.values().stream()
        .map(s -> s.getName() + "(" + s.getSpanId() + "<-" + s.getParentSpanId() + ")")
        .toList();
  }
}
