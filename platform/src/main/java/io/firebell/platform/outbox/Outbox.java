package io.firebell.platform.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firebell.contracts.EventType;
import io.firebell.contracts.EventTypes;
import io.firebell.contracts.FirebellEvent;
import io.firebell.platform.db.JsonRow;
import io.firebell.platform.events.EventCodec;
import io.firebell.platform.tracing.Tracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Appends events to the outbox inside the caller's transaction. Call it from within {@code
 * Panache.withTransaction} (or a {@code @WithTransaction} method) together with the state change:
 * both commit or neither does. Never send to Kafka directly from a use case.
 *
 * <p>Before its rows are inserted, a transaction takes a lock per record key (a transaction-scoped
 * advisory lock, held until it commits or rolls back; ADR 0020). Two transactions appending events
 * of one key therefore take their {@code seq} in the order they commit, and the relay, which
 * publishes in {@code seq} order, puts them on Kafka in commit order. Keys are locked in sorted
 * order within a call; a transaction that appends for several keys in several calls should do so in
 * a stable order (or in one {@link #appendAll}).
 *
 * <p>Each row stores the W3C {@code traceparent} of an {@code outbox append} span, a child of the
 * current span (or of the context the caller names), so the relay continues the trace when it
 * publishes the row later (ADR 0140).
 */
@ApplicationScoped
public class Outbox {

  /**
   * The advisory-lock namespace of record keys: the two-int form of {@code pg_advisory_xact_lock},
   * whose key space is apart from the single-bigint locks of the relay and Flyway.
   */
  private static final int KEY_LOCKS = 0x6f757462; // "outb"

  private static final String LOCK_KEYS =
      "select count(pg_advisory_xact_lock("
          + KEY_LOCKS
          + ", hashtext(k))) from unnest(cast(?1 as text[])) with ordinality as u(k, n)";

  // One statement: the key's lock is taken before the row (and its seq) is made.
  private static final String INSERT =
      "insert into outbox_message (id, topic, record_key, event_type, source, occurred_at,"
          + " payload, traceparent)"
          + " select cast(?1 as uuid), cast(?2 as text), cast(?3 as text), cast(?4 as text),"
          + " cast(?5 as text), cast(?6 as timestamptz), cast(?7 as text), cast(?8 as text)"
          + " from (select pg_advisory_xact_lock("
          + KEY_LOCKS
          + ", hashtext(cast(?3 as text)))) as locked";

  /** The parameter of the first table's rows {@link #append(FirebellEvent, List)} inserts. */
  private static final int FIRST_ROW = 9;

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
  private final Tracing tracing;

  public Outbox(
      EventCodec codec,
      ObjectMapper mapper,
      Clock clock,
      Tracing tracing,
      @ConfigProperty(name = "quarkus.application.name") String application) {
    this.codec = codec;
    this.mapper = mapper;
    this.clock = clock;
    this.tracing = tracing;
    this.source = "/firebell/" + application;
  }

  public Uni<Void> append(FirebellEvent event) {
    return append(event, null, List.of());
  }

  /**
   * Appends the event as a step of the trace {@code trace} names (null: the current span's), for a
   * caller whose batch joins many traces, e.g. an alert group opened by one alert of a batch.
   */
  public Uni<Void> append(FirebellEvent event, Context trace) {
    return append(event, trace, List.of());
  }

  /**
   * Appends the event and inserts {@code rows} (the state the event reports, e.g. a timeline entry)
   * in the same statement: one round trip instead of one per row (ADR 0156). The rows of one table
   * go in in the order given (an identity column numbers them so); a foreign key between the rows
   * is checked when the statement ends, so a row may refer to another one of the call.
   */
  public Uni<Void> append(FirebellEvent event, List<JsonRow> rows) {
    return append(event, null, rows);
  }

  private Uni<Void> append(FirebellEvent event, Context trace, List<JsonRow> rows) {
    EventType<?> type = EventTypes.of(event.getClass());
    String payload = codec.toJson(event);
    Span span = appendSpan(trace, type.name(), 1);
    String traceparent =
        Tracing.traceparent(span.getSpanContext().isValid() ? span : current(trace));
    List<List<JsonRow>> byTable = byTable(rows);
    List<String> rowsJson = byTable.stream().map(table -> JsonRow.json(table, mapper)).toList();
    return Panache.getSession()
        .chain(
            session -> {
              var query =
                  session
                      .createNativeQuery(withRows(byTable))
                      .setParameter(1, UUID.randomUUID())
                      .setParameter(2, type.topic())
                      .setParameter(3, event.aggregateId())
                      .setParameter(4, type.name())
                      .setParameter(5, source)
                      .setParameter(6, OffsetDateTime.ofInstant(Instant.now(clock), ZoneOffset.UTC))
                      .setParameter(7, payload)
                      .setParameter(8, traceparent);
              for (int i = 0; i < rowsJson.size(); i++) {
                query.setParameter(FIRST_ROW + i, rowsJson.get(i));
              }
              return query.executeUpdate();
            })
        .onTermination()
        .invoke(span::end)
        .replaceWithVoid();
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
    Span span = appendSpan(null, EventTypes.of(events.get(0).getClass()).name(), events.size());
    String traceparent =
        Tracing.traceparent(span.getSpanContext().isValid() ? span : current(null));
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
    String[] keys =
        events.stream().map(FirebellEvent::aggregateId).distinct().sorted().toArray(String[]::new);
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(LOCK_KEYS)
                    .setParameter(1, keys)
                    .getSingleResult()
                    .chain(
                        locked ->
                            session
                                .createNativeQuery(BULK_INSERT)
                                .setParameter(1, json)
                                .executeUpdate()))
        .onTermination()
        .invoke(span::end)
        .replaceWithVoid();
  }

  /** The rows by table, the tables in the order they first appear. */
  private static List<List<JsonRow>> byTable(List<JsonRow> rows) {
    Map<String, List<JsonRow>> tables = new LinkedHashMap<>();
    for (JsonRow row : rows) {
      tables.computeIfAbsent(row.table(), t -> new ArrayList<>()).add(row);
    }
    return List.copyOf(tables.values());
  }

  /** The append statement, preceded by one data-modifying {@code WITH} query per table. */
  private static String withRows(List<List<JsonRow>> byTable) {
    if (byTable.isEmpty()) {
      return INSERT;
    }
    StringBuilder sql = new StringBuilder("with ");
    for (int i = 0; i < byTable.size(); i++) {
      sql.append(i == 0 ? "" : ", ")
          .append("rows")
          .append(i)
          .append(" as (")
          .append(JsonRow.insert(byTable.get(i), FIRST_ROW + i))
          .append(')');
    }
    return sql.append(' ').append(INSERT).toString();
  }

  private static Span current(Context trace) {
    return trace == null ? Span.current() : Span.fromContext(trace);
  }

  /**
   * The {@code outbox append} span under {@code trace} (or the current span), made only when that
   * trace is sampled: an unsampled one is passed on as it is, and without tracing nothing is made.
   */
  private Span appendSpan(Context trace, String eventType, int events) {
    if (!tracing.enabled() || !current(trace).getSpanContext().isSampled()) {
      return Span.getInvalid();
    }
    return tracing
        .span("outbox append", SpanKind.INTERNAL)
        .setParent(trace == null ? Context.current() : trace)
        .setAttribute("cloudevents.event_type", eventType)
        .setAttribute("firebell.outbox.events", events)
        .startSpan();
  }
}
