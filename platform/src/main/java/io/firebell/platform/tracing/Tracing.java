package io.firebell.platform.tracing;

import io.firebell.platform.events.CloudEventHeaders;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one trace of an incident across Kafka (ADR 0140): W3C {@code traceparent} in, out and stored
 * with outbox rows and deliveries, and the spans Quarkus does not make by itself (produce, outbox
 * append, relay publish, consume, delivery call). With the SDK disabled (the default) every method
 * is a cheap no-op: {@link #enabled()} is false, nothing is parsed or started.
 */
@ApplicationScoped
public class Tracing {

  /** The instrumentation scope of Firebell's own spans. */
  public static final String SCOPE = "io.firebell";

  private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

  private final Tracer tracer;
  private final boolean enabled;

  public Tracing(
      OpenTelemetry openTelemetry,
      @ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "false")
          boolean sdkDisabled) {
    this.enabled = !sdkDisabled;
    this.tracer = openTelemetry.getTracer(SCOPE);
  }

  /** Whether spans are made at all (the OpenTelemetry SDK is on). */
  public boolean enabled() {
    return enabled;
  }

  /** A span builder of Firebell's tracer (only when {@link #enabled()}). */
  public SpanBuilder span(String name, SpanKind kind) {
    return tracer.spanBuilder(name).setSpanKind(kind);
  }

  /**
   * Starts a span under {@code parent} when tracing is on and the parent is sampled (or, without a
   * parent, when the sampler keeps a new trace); otherwise returns the invalid span, which costs
   * nothing to end.
   */
  public Span start(String name, SpanKind kind, Context parent) {
    if (!enabled) {
      return Span.getInvalid();
    }
    SpanBuilder builder = tracer.spanBuilder(name).setSpanKind(kind);
    builder = parent == null ? builder.setNoParent() : builder.setParent(parent);
    return builder.startSpan();
  }

  /**
   * A {@code process <topic>} span (CONSUMER) for a consumed record that carries a sampled {@code
   * traceparent}, its child; the invalid span for any other record.
   *
   * @param consumer the consumer's stable name (attribute {@code firebell.consumer})
   * @param eventType the CloudEvent type, or null
   */
  public Span process(
      ConsumerRecord<?, ?> record, String consumer, String eventId, String eventType) {
    Context parent = extract(record.headers());
    if (parent == null || !Span.fromContext(parent).getSpanContext().isSampled()) {
      return Span.getInvalid();
    }
    SpanBuilder builder =
        tracer
            .spanBuilder("process " + record.topic())
            .setSpanKind(SpanKind.CONSUMER)
            .setParent(parent)
            .setAttribute("messaging.system", "kafka")
            .setAttribute("messaging.operation.type", "process")
            .setAttribute("messaging.destination.name", record.topic())
            .setAttribute("firebell.consumer", consumer)
            .setAttribute("messaging.message.id", eventId);
    if (eventType != null) {
      builder.setAttribute("cloudevents.event_type", eventType);
    }
    return builder.startSpan();
  }

  /** The context a {@code traceparent} value names, or null when it is absent or unreadable. */
  public Context extract(String traceparent) {
    if (!enabled || traceparent == null) {
      return null;
    }
    Context context = W3C.extract(Context.root(), traceparent, TRACEPARENT_GETTER);
    return Span.fromContext(context).getSpanContext().isValid() ? context : null;
  }

  /** The context of a Kafka record's {@code traceparent} header, or null. */
  public Context extract(Headers headers) {
    return enabled ? extract(traceparent(headers)) : null;
  }

  /** The {@code traceparent} header of a Kafka record, or null. */
  public static String traceparent(Headers headers) {
    Header header = headers.lastHeader(CloudEventHeaders.TRACEPARENT);
    return header == null || header.value() == null
        ? null
        : new String(header.value(), StandardCharsets.UTF_8);
  }

  /** The W3C {@code traceparent} of a span, or null when it is invalid (no trace). */
  public static String traceparent(Span span) {
    return traceparent(span.getSpanContext());
  }

  /** The W3C {@code traceparent} of a span context, or null when it is invalid. */
  public static String traceparent(SpanContext context) {
    if (!context.isValid()) {
      return null;
    }
    return "00-"
        + context.getTraceId()
        + "-"
        + context.getSpanId()
        + "-"
        + context.getTraceFlags().asHex();
  }

  /** The {@code traceparent} of the current span (null without one). */
  public static String currentTraceparent() {
    return traceparent(Span.current());
  }

  private static final TextMapGetter<String> TRACEPARENT_GETTER =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
          return List.of(CloudEventHeaders.TRACEPARENT);
        }

        @Override
        public String get(String carrier, String key) {
          return CloudEventHeaders.TRACEPARENT.equals(key) ? carrier : null;
        }
      };
}
