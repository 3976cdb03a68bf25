package io.firebell.platform.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebell.platform.boot.InFlight;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code parked_event} table, and the {@code firebell_events_parked} gauge (records parked now,
 * by consumer) that it keeps: refreshed after every change on this instance and every minute for
 * the changes of other instances.
 */
@ApplicationScoped
public class ParkedEventStore {

  private static final int MAX_ERROR = 4_000;

  // A record redelivered after it was parked (offset not committed yet) is parked once; its
  // attempts add up.
  private static final String PARK =
      """
      insert into parked_event (id, consumer, topic, kafka_partition, kafka_offset, record_key,
                                headers, value, event_id, event_type, error_class, error_message,
                                attempts, first_failed_at, last_failed_at, parked_at)
      values ($1, $2, $3, $4, $5, $6, cast(cast($7 as text) as jsonb), $8, $9, $10, $11, $12, $13, $14, $15, $15)
      on conflict (consumer, topic, kafka_partition, kafka_offset) do update
         set error_class = excluded.error_class,
             error_message = excluded.error_message,
             attempts = parked_event.attempts + excluded.attempts,
             last_failed_at = excluded.last_failed_at
      """;

  private static final String COLUMNS =
      "id, consumer, topic, kafka_partition, kafka_offset, record_key, headers::text as headers,"
          + " value, event_id, event_type, error_class, error_message, attempts, first_failed_at,"
          + " last_failed_at, parked_at";

  private final Pool pool;
  private final ObjectMapper mapper;
  private final MeterRegistry registry;
  private final Map<String, AtomicLong> parkedNow = new ConcurrentHashMap<>();

  public ParkedEventStore(Pool pool, ObjectMapper mapper, MeterRegistry registry) {
    this.pool = pool;
    this.mapper = mapper;
    this.registry = registry;
  }

  /** Parks a record (or adds to the attempts of one parked already), then refreshes the gauge. */
  public Uni<Void> park(ParkedEvent p) {
    track(p.consumer());
    return pool.preparedQuery(PARK)
        .execute(
            Tuple.from(
                new Object[] {
                  p.id(),
                  p.consumer(),
                  p.topic(),
                  p.partition(),
                  p.offset(),
                  storable(p.key()),
                  headersJson(p.headers()),
                  p.value() == null ? null : io.vertx.core.buffer.Buffer.buffer(p.value()),
                  p.eventId(),
                  storable(p.eventType()),
                  p.errorClass(),
                  error(p.errorMessage()),
                  p.attempts(),
                  utc(p.firstFailedAt()),
                  utc(p.lastFailedAt())
                }))
        .chain(this::refreshCounts);
  }

  /** A page in parking order, after the (parked_at, id) position; {@code limit} rows at most. */
  public Uni<List<ParkedEvent>> page(Instant afterAt, UUID afterId, String consumer, int limit) {
    return pool.preparedQuery(
            "select "
                + COLUMNS
                + " from parked_event"
                + " where ($1::timestamptz is null or (parked_at, id) > ($1, $2))"
                + " and ($3::text is null or consumer = $3)"
                + " order by parked_at, id limit $4")
        .execute(Tuple.of(utc(afterAt), afterId, consumer, limit))
        .map(
            rows -> {
              List<ParkedEvent> page = new ArrayList<>();
              rows.forEach(r -> page.add(toParked(r)));
              return page;
            });
  }

  /** The parked record, or null. */
  public Uni<ParkedEvent> find(UUID id) {
    return pool.preparedQuery("select " + COLUMNS + " from parked_event where id = $1")
        .execute(Tuple.of(id))
        .map(rows -> rows.iterator().hasNext() ? toParked(rows.iterator().next()) : null);
  }

  /** Removes a parked record; false when there was none. */
  public Uni<Boolean> delete(UUID id) {
    return pool.preparedQuery("delete from parked_event where id = $1")
        .execute(Tuple.of(id))
        .map(rows -> rows.rowCount() > 0)
        .call(this::refreshCounts);
  }

  /** Records that a replay failed as well: the new error, one more attempt. */
  public Uni<Void> failedAgain(UUID id, String errorClass, String errorMessage, Instant at) {
    return pool.preparedQuery(
            "update parked_event set error_class = $2, error_message = $3,"
                + " attempts = attempts + 1, last_failed_at = $4 where id = $1")
        .execute(Tuple.of(id, errorClass, error(errorMessage), utc(at)))
        .replaceWithVoid();
  }

  /** Gives a consumer its gauge, at 0 until it parks something. */
  public void track(String consumer) {
    parkedNow.computeIfAbsent(
        consumer,
        c -> {
          AtomicLong n = new AtomicLong();
          Gauge.builder("firebell.events.parked", n, AtomicLong::get)
              .tag("consumer", c)
              .description("Records this consumer could not apply, parked and waiting for an admin")
              .register(registry);
          return n;
        });
  }

  /** Reads how many records each consumer has parked into the gauge. */
  @Scheduled(every = "60s", delayed = "10s")
  public Uni<Void> refreshCounts() {
    return InFlight.track(
            () ->
                pool.query("select consumer, count(*) from parked_event group by consumer")
                    .execute())
        .invoke(
            rows -> {
              Map<String, Long> counts = new HashMap<>();
              rows.forEach(r -> counts.put(r.getString(0), r.getLong(1)));
              counts.keySet().forEach(this::track);
              parkedNow.forEach((c, n) -> n.set(counts.getOrDefault(c, 0L)));
            })
        .replaceWithVoid();
  }

  private ParkedEvent toParked(Row r) {
    io.vertx.mutiny.core.buffer.Buffer value = r.getBuffer("value");
    return new ParkedEvent(
        r.getUUID("id"),
        r.getString("consumer"),
        r.getString("topic"),
        r.getInteger("kafka_partition"),
        r.getLong("kafka_offset"),
        r.getString("record_key"),
        headers(r.getString("headers")),
        value == null ? null : value.getBytes(),
        r.getUUID("event_id"),
        r.getString("event_type"),
        r.getString("error_class"),
        r.getString("error_message"),
        r.getInteger("attempts"),
        r.getOffsetDateTime("first_failed_at").toInstant(),
        r.getOffsetDateTime("last_failed_at").toInstant(),
        r.getOffsetDateTime("parked_at").toInstant());
  }

  private String headersJson(List<ParkedEvent.Header> headers) {
    try {
      return mapper.writeValueAsString(headers);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode record headers", e);
    }
  }

  private List<ParkedEvent.Header> headers(String json) {
    try {
      return mapper.readValue(json, new TypeReference<List<ParkedEvent.Header>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot decode stored record headers", e);
    }
  }

  private static String error(String message) {
    String text = storable(message == null ? "(no message)" : message);
    return text.length() > MAX_ERROR ? text.substring(0, MAX_ERROR) + "…" : text;
  }

  /** PostgreSQL text cannot hold NUL: U+FFFD stands in (the raw value and headers stay exact). */
  private static String storable(String text) {
    return text == null ? null : text.replace('\u0000', '\uFFFD');
  }

  private static OffsetDateTime utc(Instant at) {
    return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
  }
}
