package io.firebell.broadcast.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebell.platform.tracing.Tracing;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Queues a message's deliveries in the caller's transaction, so the announcement or update and its
 * deliveries commit together or not at all. The dispatcher is woken when the transaction commits
 * ({@code NOTIFY firebell_delivery}).
 */
@ApplicationScoped
public class DeliveryQueue {

  /** The PostgreSQL NOTIFY channel that wakes every instance's dispatcher. */
  public static final String CHANNEL = "firebell_delivery";

  private final ObjectMapper mapper;

  public DeliveryQueue(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * Persists one delivery per recipient (once per (messageId, endpointId): enqueuing the same
   * message again adds nothing) and wakes the dispatchers at commit. Disabled endpoints get no
   * delivery. MUST be called inside {@code Panache.withTransaction}: it joins that transaction.
   * Bulk SQL (each distinct body stored once), fast for tens of thousands of recipients.
   */
  public Uni<Void> enqueue(OutgoingMessage message) {
    if (message.recipients() == null || message.recipients().isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    Map<BodyKey, UUID> bodies = new LinkedHashMap<>();
    List<Map<String, Object>> rows = new ArrayList<>(message.recipients().size());
    for (OutgoingMessage.Recipient r : message.recipients()) {
      UUID bodyId =
          bodies.computeIfAbsent(new BodyKey(r.contentType(), r.body()), key -> UUID.randomUUID());
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("endpoint_id", r.endpointId());
      row.put("audience", r.audience());
      row.put("body_id", bodyId);
      row.put("n", rows.size()); // queue order = the recipients' order
      rows.add(row);
    }
    List<Map<String, Object>> bodyRows = new ArrayList<>(bodies.size());
    bodies.forEach(
        (key, id) -> {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("id", id);
          row.put("content_type", key.contentType());
          row.put("body", key.body());
          bodyRows.add(row);
        });
    String bodiesJson = json(bodyRows);
    // The trace the message is part of: its deliveries' HTTP calls continue it (ADR 0140).
    String traceparent = Tracing.currentTraceparent();
    String rowsJson = json(rows);
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "insert into delivery_body (id, content_type, body)"
                            + " select x.id, x.content_type, x.body from jsonb_to_recordset(cast(cast(?1"
                            + " as text) as jsonb)) as x(id uuid, content_type text, body text)")
                    .setParameter(1, bodiesJson)
                    .executeUpdate()
                    .chain(
                        () ->
                            session
                                .createNativeQuery(
                                    "insert into delivery (id, message_kind, message_id,"
                                        + " incident_id, endpoint_id, audience, body_id, status,"
                                        + " attempts, next_attempt_at, created_at, updated_at,"
                                        + " traceparent)"
                                        + " select gen_random_uuid(), ?2, ?3, ?4, x.endpoint_id,"
                                        + " x.audience, x.body_id, 'pending', 0, now(), now(),"
                                        + " now(), cast(?5 as text) from jsonb_to_recordset(cast(cast(?1 as text) as jsonb)) as"
                                        + " x(endpoint_id uuid, audience text,"
                                        + " body_id uuid, n bigint) join endpoint e on e.id ="
                                        + " x.endpoint_id and e.enabled order by x.n"
                                        + " on conflict (message_id, endpoint_id) do nothing")
                                .setParameter(1, rowsJson)
                                .setParameter(2, message.messageKind())
                                .setParameter(3, message.messageId())
                                .setParameter(4, message.incidentId())
                                .setParameter(5, traceparent)
                                .executeUpdate())
                    // Bodies no delivery took (disabled endpoints, a repeated enqueue) go again.
                    .chain(
                        () ->
                            session
                                .createNativeQuery(
                                    "delete from delivery_body b where b.id in (select x.id from"
                                        + " jsonb_to_recordset(cast(cast(?1 as text) as jsonb)) as x(id uuid))"
                                        + " and not exists (select 1 from delivery d where"
                                        + " d.body_id = b.id)")
                                .setParameter(1, bodiesJson)
                                .executeUpdate())
                    .chain(() -> notifyDispatchers(session)))
        .replaceWithVoid();
  }

  static Uni<Void> notifyDispatchers(org.hibernate.reactive.mutiny.Mutiny.Session session) {
    return session
        .createNativeQuery("select cast(pg_notify('" + CHANNEL + "', '') as text)")
        .getSingleResultOrNull()
        .replaceWithVoid();
  }

  private String json(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode deliveries", e);
    }
  }

  private record BodyKey(String contentType, String body) {}
}
