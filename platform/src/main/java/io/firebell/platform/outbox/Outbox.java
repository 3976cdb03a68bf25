package io.firebell.platform.outbox;

import io.firebell.contracts.EventType;
import io.firebell.contracts.EventTypes;
import io.firebell.contracts.FirebellEvent;
import io.firebell.platform.events.EventCodec;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Appends events to the outbox inside the caller's transaction. Call it from within {@code
 * Panache.withTransaction} (or a {@code @WithTransaction} method) together with the state change:
 * both commit or neither does. Never send to Kafka directly from a use case.
 */
@ApplicationScoped
public class Outbox {

  private final EventCodec codec;
  private final String source;

  public Outbox(
      EventCodec codec, @ConfigProperty(name = "quarkus.application.name") String application) {
    this.codec = codec;
    this.source = "/firebell/" + application;
  }

  public Uni<Void> append(FirebellEvent event) {
    EventType<?> type = EventTypes.of(event.getClass());
    OutboxMessage message =
        new OutboxMessage(
            UUID.randomUUID(),
            type.topic(),
            event.aggregateId(),
            type.name(),
            source,
            Instant.now(),
            codec.toJson(event),
            traceparent());
    return Panache.getSession().chain(session -> session.persist(message));
  }

  public Uni<Void> appendAll(List<? extends FirebellEvent> events) {
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (FirebellEvent event : events) {
      chain = chain.chain(() -> append(event));
    }
    return chain;
  }

  /** W3C trace context of the current span, so a trace continues across Kafka. */
  private static String traceparent() {
    SpanContext context = Span.current().getSpanContext();
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
}
