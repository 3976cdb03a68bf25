package io.firebell.broadcast.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebell.contracts.FirebellEvent;
import io.firebell.platform.outbox.Outbox;
import io.firebell.platform.secrets.SecretBox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The dispatcher's SQL: claiming due deliveries (the head of each endpoint's queue, {@code FOR
 * UPDATE SKIP LOCKED}, under a lease) and recording a batch of results, with their events, in one
 * transaction. Bulk statements over JSON record sets, because a fan-out is thousands of rows.
 */
@ApplicationScoped
public class DeliveryStore {

  private static final Logger LOG = Logger.getLogger(DeliveryStore.class);

  // The head of each endpoint's queue is its oldest unfinished delivery; only heads are sent, so
  // an endpoint gets its messages in order and one at a time (also across instances: a leased
  // head blocks its queue). Conditions on d are repeated in the locking query so that a row another
  // instance claimed meanwhile is re-checked on its new version and skipped.
  static final String CLAIM =
      """
      with heads as (
          select distinct on (d.endpoint_id) d.id, d.endpoint_id, d.next_attempt_at, d.lease_until
          from delivery d
          where d.status in ('pending', 'failed')
          order by d.endpoint_id, d.seq
      ), picked as (
          select d.id from delivery d
          where d.id in (
                  select h.id from heads h join endpoint e on e.id = h.endpoint_id
                  where h.next_attempt_at <= now()
                    and (h.lease_until is null or h.lease_until < now())
                    and e.enabled
                    and (e.circuit_open_until is null or e.circuit_open_until <= now())
                  order by h.next_attempt_at
                  limit %d)
            and d.status in ('pending', 'failed')
            and d.next_attempt_at <= now()
            and (d.lease_until is null or d.lease_until < now())
          for update of d skip locked
      )
      update delivery d
         set lease_until = now() + %d * interval '1 millisecond',
             lease_token = gen_random_uuid()
        from picked p, endpoint e, delivery_body b
       where d.id = p.id and e.id = d.endpoint_id and b.id = d.body_id
      returning d.id, d.message_kind, d.message_id, d.incident_id, d.endpoint_id, d.audience,
                d.attempts, d.attempt_base, d.lease_token, d.traceparent, e.name, e.kind, e.url, e.secret, e.previous_secret,
                coalesce(e.previous_secret_expires_at > now(), false) as previous_valid,
                b.content_type, b.body
      """;

  // Only under the lease token of the claim that made the attempt: a late result of an attempt
  // whose
  // lease ran out (the delivery claimed again, or replayed) does not overwrite the newer state.
  private static final String UPDATE_DELIVERIES =
      """
      update delivery d
         set status = x.status,
             attempts = x.attempt,
             next_attempt_at = coalesce(x.next_attempt_at, d.next_attempt_at),
             lease_until = null,
             lease_token = null,
             last_http_status = x.http_status,
             last_error = x.error,
             delivered_at = case when x.status = 'succeeded' then x.finished_at else d.delivered_at end,
             updated_at = now()
        from jsonb_to_recordset(cast(cast(?1 as text) as jsonb)) as x(id uuid, lease_token uuid,
             status text, attempt int, next_attempt_at timestamptz, http_status int, error text,
             finished_at timestamptz)
       where d.id = x.id and d.lease_token = x.lease_token
      returning cast(x.lease_token as text)
      """;

  private static final String INSERT_ATTEMPTS =
      """
      insert into delivery_attempt (delivery_id, attempt, started_at, duration_ms, http_status, error)
      select x.id, x.attempt, x.started_at, x.duration_ms, x.http_status, x.error
        from jsonb_to_recordset(cast(cast(?1 as text) as jsonb)) as x(id uuid, attempt int,
             started_at timestamptz, duration_ms int, http_status int, error text)
       where exists (select 1 from delivery d where d.id = x.id)
      on conflict do nothing
      """;

  // Circuit breaker: consecutive failures per endpoint; at the threshold the circuit opens for the
  // open duration, and a failed half-open probe (count still at or above it) opens it again.
  private static final String UPDATE_ENDPOINTS =
      """
      update endpoint e
         set consecutive_failures = case when x.success then 0 else e.consecutive_failures + 1 end,
             circuit_open_until = case
                 when x.success then null
                 when e.consecutive_failures + 1 >= ?2 then now() + ?3 * interval '1 millisecond'
                 else e.circuit_open_until end,
             enabled = case when x.gone then false else e.enabled end,
             disabled_reason = case when x.gone then x.reason else e.disabled_reason end,
             version = case when x.gone then e.version + 1 else e.version end,
             updated_at = case when x.gone then now() else e.updated_at end
        from jsonb_to_recordset(cast(cast(?1 as text) as jsonb)) as x(id uuid, success boolean, gone boolean,
             reason text)
       where e.id = x.id
      """;

  private final Pool pool;
  private final Outbox outbox;
  private final ObjectMapper mapper;
  private final DeliveryConfig config;
  private final SecretBox secretBox;

  public DeliveryStore(
      Pool pool, Outbox outbox, ObjectMapper mapper, DeliveryConfig config, SecretBox secretBox) {
    this.pool = pool;
    this.outbox = outbox;
    this.mapper = mapper;
    this.config = config;
    this.secretBox = secretBox;
  }

  /** The claim statement for these two numbers, written into it (see {@link #claim}). */
  static String claimSql(int limit, long leaseMs) {
    return CLAIM.formatted(limit, leaseMs);
  }

  /** Claims up to {@code limit} due queue heads for {@code leaseMs}. */
  Uni<List<ClaimedDelivery>> claim(int limit, long leaseMs) {
    // The simple protocol, not a prepared statement: PostgreSQL plans the claim anew each time,
    // for the queue as it is now. A prepared statement's generic plan, cached while the queue was
    // empty, joins by nested loops over sequential scans and took 10 s per claim once 10,000
    // deliveries were queued (ADR 0146). Both values are numbers from the configuration.
    return pool.query(claimSql(limit, leaseMs))
        .execute()
        .map(
            rows -> {
              List<ClaimedDelivery> claimed = new ArrayList<>();
              for (Row r : rows) {
                claimed.add(toClaimed(r));
              }
              return claimed;
            });
  }

  ClaimedDelivery toClaimed(Row r) {
    String kind = r.getString("kind");
    List<String> secrets = new ArrayList<>();
    // Sealed at rest (SecretBox); opened only here, for signing.
    if ("webhook".equals(kind) && r.getString("secret") != null) {
      secrets.add(secretBox.open(r.getString("secret")));
      if (r.getBoolean("previous_valid") && r.getString("previous_secret") != null) {
        secrets.add(secretBox.open(r.getString("previous_secret")));
      }
    }
    int attempts = r.getInteger("attempts");
    return new ClaimedDelivery(
        r.getUUID("id"),
        r.getString("message_kind"),
        r.getUUID("message_id"),
        r.getUUID("incident_id"),
        r.getUUID("endpoint_id"),
        r.getString("name"),
        kind,
        r.getString("audience"),
        r.getString("url"),
        List.copyOf(secrets),
        r.getString("content_type"),
        r.getString("body"),
        attempts + 1,
        r.getInteger("attempt_base"),
        r.getUUID("lease_token"),
        r.getString("traceparent"));
  }

  /**
   * Records a batch of attempt results, the endpoints' breaker and 410 state, and their events, in
   * one transaction. A result whose claim is no longer the delivery's (its lease ran out and the
   * delivery was claimed again or replayed) is late: the endpoint's state still counts it (it is
   * what the endpoint did), but the delivery, its attempt log and its events keep what the newer
   * claim writes. Must run on a Vert.x duplicated context (Hibernate Reactive).
   */
  Uni<Void> record(List<RecordedAttempt> batch) {
    List<Map<String, Object>> deliveries = new ArrayList<>(batch.size());
    List<Map<String, Object>> endpoints = new ArrayList<>(batch.size());
    for (RecordedAttempt a : batch) {
      AttemptResult r = a.result();
      Instant finishedAt = r.startedAt().plusMillis(r.durationMs());
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("id", a.delivery().id().toString());
      d.put("lease_token", a.delivery().leaseToken().toString());
      d.put("status", a.status());
      d.put("attempt", a.delivery().attempt());
      d.put("next_attempt_at", a.nextAttemptAt() == null ? null : a.nextAttemptAt().toString());
      d.put("http_status", r.httpStatus());
      d.put("error", r.error());
      d.put("finished_at", finishedAt.toString());
      deliveries.add(d);
      Map<String, Object> e = new LinkedHashMap<>();
      boolean gone = r.outcome() == AttemptResult.Outcome.GONE;
      e.put("id", a.delivery().endpointId().toString());
      e.put("success", r.outcome() == AttemptResult.Outcome.SUCCEEDED);
      e.put("gone", gone);
      e.put(
          "reason",
          gone
              ? "the receiver answered 410 Gone at " + finishedAt + "; re-enable to resume"
              : null);
      endpoints.add(e);
    }
    String deliveriesJson = json(deliveries);
    String endpointsJson = json(endpoints);
    // Endpoints first, then deliveries: the same lock order as deleting an endpoint (its row, then
    // its deliveries by cascade), so a delete during a fan-out waits instead of deadlocking.
    return Panache.withTransaction(
        () ->
            Panache.getSession()
                .chain(
                    session ->
                        session
                            .createNativeQuery(UPDATE_ENDPOINTS)
                            .setParameter(1, endpointsJson)
                            .setParameter(2, config.circuitBreaker().failureThreshold())
                            .setParameter(
                                3, (double) config.circuitBreaker().openDuration().toMillis())
                            .executeUpdate()
                            .chain(
                                () ->
                                    session
                                        .createNativeQuery(UPDATE_DELIVERIES, String.class)
                                        .setParameter(1, deliveriesJson)
                                        .getResultList())
                            .chain(
                                recordedTokens -> {
                                  List<RecordedAttempt> current = current(batch, recordedTokens);
                                  return session
                                      .createNativeQuery(INSERT_ATTEMPTS)
                                      .setParameter(1, json(attempts(current)))
                                      .executeUpdate()
                                      .chain(() -> outbox.appendAll(events(current)));
                                })));
  }

  /** The results whose claim the delivery still carried; the others are logged and dropped. */
  private static List<RecordedAttempt> current(
      List<RecordedAttempt> batch, List<String> recordedTokens) {
    Set<String> tokens = new HashSet<>(recordedTokens);
    List<RecordedAttempt> current = new ArrayList<>(tokens.size());
    for (RecordedAttempt a : batch) {
      if (tokens.contains(a.delivery().leaseToken().toString())) {
        current.add(a);
      } else {
        LOG.infof(
            "delivery %s: the result of attempt %d came after its lease ran out and the delivery"
                + " was claimed again or replayed; the newer state stays",
            a.delivery().id(), a.delivery().attempt());
      }
    }
    return current;
  }

  private static List<Map<String, Object>> attempts(List<RecordedAttempt> batch) {
    List<Map<String, Object>> attempts = new ArrayList<>(batch.size());
    for (RecordedAttempt a : batch) {
      AttemptResult r = a.result();
      Map<String, Object> at = new LinkedHashMap<>();
      at.put("id", a.delivery().id().toString());
      at.put("attempt", a.delivery().attempt());
      at.put("started_at", r.startedAt().toString());
      at.put("duration_ms", r.durationMs());
      at.put("http_status", r.httpStatus());
      at.put("error", r.error());
      attempts.add(at);
    }
    return attempts;
  }

  private static List<FirebellEvent> events(List<RecordedAttempt> batch) {
    List<FirebellEvent> events = new ArrayList<>(batch.size() * 2);
    batch.forEach(a -> events.addAll(a.events()));
    return events;
  }

  private String json(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode delivery results", e);
    }
  }
}
