package io.firebell.platform.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firebell.contracts.EventType;
import io.firebell.contracts.EventTypes;
import io.firebell.contracts.FirebellEvent;
import io.firebell.platform.events.EventCodec;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
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
  private static final String BULK_INSERT =
      """
      insert into outbox_message (id, topic, record_key, event_type, source, occurred_at, payload,
                                  traceparent)
      select x.id, x.topic, x.record_key, x.event_type, x.source, x.occurred_at, x.payload,
             x.traceparent
        from jsonb_to_recordset(cast(cast(?1 as text) as jsonb)) as x(n int, id uuid, topic text,
             record_key text, event_type text, source text, occurred_at timestamptz,
             payload text, traceparent text)
       order by x.n
      """;

  private final String source;
  private final ObjectMapper mapper;
  private final Clock clock;

  public Outbox(
      EventCodec codec,
      ObjectMapper mapper,
      Clock clock,
      @ConfigProperty(name = "quarkus.application.name") String application) {
    this.codec = codec;
    this.mapper = mapper;
    this.clock = clock;
    this.source = "/firebell/" + application;
  }

  public Uni<Void> append(FirebellEvent event) {
    OutboxMessage message = message(event, traceparent());
    return Panache.getSession().chain(session -> session.persist(message));
  }

  /**
   * Appends many events in one statement (in their order), for batches of hundreds or thousands:
   * persisting them one by one would build a Uni chain as deep as the batch and one INSERT each.
   */
  public Uni<Void> appendAll(List<? extends FirebellEvent> events) {
    if (events.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    if (events.size() == 1) {
      return append(events.get(0));
    }
    String traceparent = traceparent();
    ArrayNode rows = mapper.createArrayNode();
    for (FirebellEvent event : events) {
      EventType<?> type = EventTypes.of(event.getClass());
      ObjectNode row = rows.addObject();
      row.put("n", rows.size());
      row.put("id", UUID.randomUUID().toString());
      row.put("topic", type.topic());
      row.put("record_key", event.aggregateId());
      row.put("event_type", type.name());
      row.put("source", source);
      row.put("occurred_at", Instant.now(clock).toString());
      row.put("payload", codec.toJson(event));
      row.put("traceparent", traceparent);
    }
    String json = rows.toString();
    return Panache.getSession()
        .chain(
            session -> session.createNativeQuery(BULK_INSERT).setParameter(1, json).executeUpdate())
        .replaceWithVoid();
  }

  private OutboxMessage message(FirebellEvent event, String traceparent) {
    EventType<?> type = EventTypes.of(event.getClass());
    return new OutboxMessage(
        UUID.randomUUID(),
        type.topic(),
        event.aggregateId(),
        type.name(),
        source,
        Instant.now(clock),
        codec.toJson(event),
        traceparent);
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
