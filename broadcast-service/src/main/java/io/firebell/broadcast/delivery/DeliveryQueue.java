package io.firebell.broadcast.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebell.platform.db.JsonRow;
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
    return enqueue(message, null);
  }

  /**
   * As {@link #enqueue(OutgoingMessage)}, and inserts the message's own row (e.g. the announcement)
   * in the same statement, alone when there is no recipient: one round trip fewer in the fire
   * alarm's transaction (ADR 0155).
   *
   * @param own the message's row, or null for none
   */
  public Uni<Void> enqueue(OutgoingMessage message, JsonRow own) {
    boolean noRecipient = message.recipients() == null || message.recipients().isEmpty();
    if (noRecipient) {
      return own == null
          ? Uni.createFrom().voidItem()
          : Panache.getSession()
              .chain(
                  session ->
                      session
                          .createNativeQuery(own.insert(1))
                          .setParameter(1, own.json(mapper))
                          .executeUpdate())
              .replaceWithVoid();
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
    // One statement, one round trip (it runs in the fire alarm's transaction): the deliveries,
    // then the bodies that a delivery took (a disabled endpoint or a repeated enqueue takes
    // none; the foreign key is checked at the end of the statement), the message's own row if
    // any, then the dispatchers' wake-up.
    return Panache.getSession()
        .chain(
            session -> {
              var query =
                  session
                      .createNativeQuery(
                          own == null
                              ? ENQUEUE_ALONE
                              : ENQUEUE + ", own as (" + own.insert(7) + ")" + NOTIFY)
                      .setParameter(1, rowsJson)
                      .setParameter(2, message.messageKind())
                      .setParameter(3, message.messageId())
                      .setParameter(4, message.incidentId())
                      .setParameter(5, traceparent)
                      .setParameter(6, bodiesJson);
              if (own != null) {
                query.setParameter(7, own.json(mapper));
              }
              return query.getSingleResultOrNull();
            })
        .replaceWithVoid();
  }

  private static final String ENQUEUE =
      "with taken as ("
          + " insert into delivery (id, message_kind, message_id, incident_id, endpoint_id,"
          + " audience, body_id, status, attempts, next_attempt_at, created_at, updated_at,"
          + " traceparent)"
          + " select gen_random_uuid(), ?2, ?3, ?4, x.endpoint_id, x.audience, x.body_id,"
          + " 'pending', 0, now(), now(), now(), cast(?5 as text)"
          + " from jsonb_to_recordset(cast(cast(?1 as text) as jsonb))"
          + " as x(endpoint_id uuid, audience text, body_id uuid, n bigint)"
          + " join endpoint e on e.id = x.endpoint_id and e.enabled order by x.n"
          + " on conflict (message_id, endpoint_id) do nothing returning body_id),"
          + " bodies as ("
          + " insert into delivery_body (id, content_type, body)"
          + " select y.id, y.content_type, y.body"
          + " from jsonb_to_recordset(cast(cast(?6 as text) as jsonb))"
          + " as y(id uuid, content_type text, body text)"
          + " where y.id in (select body_id from taken))";

  private static final String NOTIFY = " select cast(pg_notify('" + CHANNEL + "', '') as text)";

  private static final String ENQUEUE_ALONE = ENQUEUE + NOTIFY;

  private String json(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode deliveries", e);
    }
  }

  private record BodyKey(String contentType, String body) {}
}
