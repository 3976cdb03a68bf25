package io.firebell.broadcast.comms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firebell.client.Receiver;
import io.firebell.contracts.EventTypes;
import io.firebell.contracts.Topics;
import io.firebell.contracts.incident.IncidentDeclared;
import io.firebell.platform.testing.TestEventProducer;
import io.firebell.platform.testing.Traced;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The last hop of an incident's trace (ADR 0140): incident.declared consumed under a process span
 * that is the producer's child, the fire alarm's delivery queued with that trace, and the
 * dispatcher's HTTP call a client span of it, whose traceparent the receiver gets.
 */
@QuarkusTest
@TestProfile(Traced.class)
class TraceTest {

  @Inject InMemorySpanExporter exporter;

  @Test
  void theFireAlarmsDeliveryIsASpanOfTheDeclarationsTrace() throws Exception {
    String service = Comms.uniqueService();
    String upstream = Traced.newTraceparent();
    String trace = Traced.traceId(upstream);
    try (Receiver receiver = new Receiver();
        TestEventProducer producer = new TestEventProducer()) {
      Comms.subscribe("dev_org", Comms.endpoint("webhook", receiver.url("/hook")), service);
      UUID incidentId = UUID.randomUUID();
      IncidentDeclared declared = Comms.declared(incidentId, "Checkout fails", service);
      producer.send(
          EventTypes.INCIDENT_DECLARED,
          UUID.randomUUID(),
          incidentId.toString(),
          Comms.JSON.writeValueAsString(declared),
          upstream);
      Receiver.Message alarm =
          receiver.await(m -> true, 1, Duration.ofSeconds(60), "the fire alarm").get(0);

      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () -> spans(trace).values().stream().anyMatch(s -> s.getKind() == SpanKind.CLIENT));
      Map<String, SpanData> spans = spans(trace);
      SpanData process = only(spans, s -> s.getName().equals("process " + Topics.INCIDENTS));
      assertThat(process.getKind()).isEqualTo(SpanKind.CONSUMER);
      assertThat(process.getParentSpanId()).isEqualTo(Traced.spanId(upstream));
      SpanData call = only(spans, s -> s.getKind() == SpanKind.CLIENT);
      assertThat(call.getName()).isEqualTo("POST");
      assertThat(ancestors(spans, call)).contains(process.getSpanId());
      assertThat(call.getStartEpochNanos()).isGreaterThanOrEqualTo(process.getEndEpochNanos());
      assertThat(alarm.header("traceparent"))
          .isEqualTo("00-" + trace + "-" + call.getSpanId() + "-01");
    }
  }

  private Map<String, SpanData> spans(String trace) {
    return exporter.getFinishedSpanItems().stream()
        .filter(s -> s.getTraceId().equals(trace))
        .collect(Collectors.toMap(SpanData::getSpanId, Function.identity(), (a, b) -> a));
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
