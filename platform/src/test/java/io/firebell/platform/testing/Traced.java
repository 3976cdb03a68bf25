package io.firebell.platform.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * A test profile with OpenTelemetry on (ADR 0140): spans go, one by one as they end, to the {@code
 * SpanExporter} beans of the service's tests (an {@code InMemorySpanExporter} the test inspects),
 * never over OTLP. Every trace is sampled, so a test finds its spans by the trace id it started.
 */
public class Traced implements QuarkusTestProfile {

  /** A sampled W3C traceparent of a new trace: the trace id is characters 3 to 35. */
  public static String newTraceparent() {
    java.util.concurrent.ThreadLocalRandom random =
        java.util.concurrent.ThreadLocalRandom.current();
    return String.format(
        "00-%016x%016x-%016x-01", random.nextLong(), random.nextLong() | 1, random.nextLong() | 1);
  }

  /** The trace id of a traceparent. */
  public static String traceId(String traceparent) {
    return traceparent.substring(3, 35);
  }

  /** The span id of a traceparent. */
  public static String spanId(String traceparent) {
    return traceparent.substring(36, 52);
  }

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "quarkus.otel.sdk.disabled", "false",
        "quarkus.otel.simple", "true",
        "quarkus.otel.exporter.otlp.enabled", "false",
        "quarkus.otel.traces.sampler.arg", "1.0");
  }
}
