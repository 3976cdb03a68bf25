package io.firebell.broadcast.delivery;

import io.firebell.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reading deliveries with their attempts, and replaying dead or failed ones. */
@ApplicationScoped
public class DeliveryLog {

  public static final List<String> STATUSES = List.of("pending", "failed", "succeeded", "dead");

  private static final String COLUMNS =
      """
      d.id, d.seq, d.message_kind, d.message_id, d.incident_id, d.endpoint_id, e.name, e.kind,
      d.audience, d.status, d.attempts, d.last_http_status, d.last_error,
      case when d.status in ('pending', 'failed')
           then greatest(d.next_attempt_at, e.circuit_open_until) end as next_attempt_at,
      d.created_at, d.updated_at, d.delivered_at
      """;

  private final Pool pool;
  private final DeliveryDispatcher dispatcher;

  public DeliveryLog(Pool pool, DeliveryDispatcher dispatcher) {
    this.pool = pool;
    this.dispatcher = dispatcher;
  }

  /** One delivery: where it stands. */
  public record Summary(
      UUID id,
      long seq,
      String messageKind,
      UUID messageId,
      UUID incidentId,
      UUID endpointId,
      String endpointName,
      String channel,
      String audience,
      String status,
      int attempts,
      Integer lastHttpStatus,
      String lastError,
      Instant nextAttemptAt,
      Instant createdAt,
      Instant updatedAt,
      Instant deliveredAt) {}

  /** One attempt. */
  public record Attempt(
      int attempt, Instant startedAt, int durationMs, Integer httpStatus, String error) {}

  public record Filter(
      String status, UUID endpointId, UUID incidentId, UUID messageId, Long beforeSeq, int limit) {}

  /** Newest first (queue order descending). */
  public Uni<List<Summary>> list(Filter f) {
    StringBuilder sql =
        new StringBuilder("select ")
            .append(COLUMNS)
            .append(" from delivery d join endpoint e on e.id = d.endpoint_id where true");
    List<Object> args = new ArrayList<>();
    if (f.status() != null) {
      args.add(f.status());
      sql.append(" and d.status = $").append(args.size());
    }
    if (f.endpointId() != null) {
      args.add(f.endpointId());
      sql.append(" and d.endpoint_id = $").append(args.size());
    }
    if (f.incidentId() != null) {
      args.add(f.incidentId());
      sql.append(" and d.incident_id = $").append(args.size());
    }
    if (f.messageId() != null) {
      args.add(f.messageId());
      sql.append(" and d.message_id = $").append(args.size());
    }
    if (f.beforeSeq() != null) {
      args.add(f.beforeSeq());
      sql.append(" and d.seq < $").append(args.size());
    }
    args.add(f.limit());
    sql.append(" order by d.seq desc limit $").append(args.size());
    return pool.preparedQuery(sql.toString())
        .execute(Tuple.from(args))
        .map(
            rows -> {
              List<Summary> list = new ArrayList<>();
              for (Row r : rows) {
                list.add(summary(r));
              }
              return list;
            });
  }

  public Uni<Summary> get(UUID id) {
    return pool.preparedQuery(
            "select "
                + COLUMNS
                + " from delivery d join endpoint e on e.id = d.endpoint_id"
                + " where d.id = $1")
        .execute(Tuple.of(id))
        .map(
            rows -> {
              if (rows.size() == 0) {
                throw ProblemException.notFound("delivery", id);
              }
              return summary(rows.iterator().next());
            });
  }

  public Uni<List<Attempt>> attempts(UUID id) {
    return pool.preparedQuery(
            "select attempt, started_at, duration_ms, http_status, error from delivery_attempt"
                + " where delivery_id = $1 order by attempt")
        .execute(Tuple.of(id))
        .map(
            rows -> {
              List<Attempt> list = new ArrayList<>();
              for (Row r : rows) {
                list.add(
                    new Attempt(
                        r.getInteger("attempt"),
                        instant(r, "started_at"),
                        r.getInteger("duration_ms"),
                        r.getInteger("http_status"),
                        r.getString("error")));
              }
              return list;
            });
  }

  /**
   * Queues a dead or failed delivery again, due now, with a fresh retry schedule and the same
   * webhook-id. 409 if it is pending, succeeded, being sent, or its endpoint is disabled.
   */
  public Uni<Summary> replay(UUID id) {
    return pool.withTransaction(
            connection ->
                connection
                    .preparedQuery(
                        """
                        update delivery d
                           set status = 'pending', attempt_base = d.attempts,
                               next_attempt_at = now(), lease_token = null, updated_at = now()
                          from endpoint e
                         where d.id = $1 and e.id = d.endpoint_id and e.enabled
                           and d.status in ('dead', 'failed')
                           and (d.lease_until is null or d.lease_until < now())
                        returning d.id
                        """)
                    .execute(Tuple.of(id))
                    .chain(
                        updated -> {
                          if (updated.size() == 1) {
                            return connection
                                .query(
                                    "select cast(pg_notify('"
                                        + DeliveryQueue.CHANNEL
                                        + "', '') as text)")
                                .execute()
                                .replaceWith(true);
                          }
                          return Uni.createFrom().item(false);
                        }))
        .chain(
            replayed -> {
              if (replayed) {
                dispatcher.wake();
                return get(id);
              }
              return why(id);
            });
  }

  private Uni<Summary> why(UUID id) {
    return pool.preparedQuery(
            "select d.status, e.enabled, d.lease_until > now() as leased from delivery d join"
                + " endpoint e on e.id = d.endpoint_id where d.id = $1")
        .execute(Tuple.of(id))
        .map(
            rows -> {
              if (rows.size() == 0) {
                throw ProblemException.notFound("delivery", id);
              }
              Row r = rows.iterator().next();
              String status = r.getString("status");
              if (!r.getBoolean("enabled")) {
                throw ProblemException.conflict(
                    "delivery " + id + "'s endpoint is disabled; enable it first");
              }
              if (Boolean.TRUE.equals(r.getBoolean("leased"))) {
                throw ProblemException.conflict("delivery " + id + " is being sent right now");
              }
              throw ProblemException.conflict(
                  "delivery "
                      + id
                      + " is "
                      + status
                      + "; only dead or failed deliveries can be replayed");
            });
  }

  private static Summary summary(Row r) {
    return new Summary(
        r.getUUID("id"),
        r.getLong("seq"),
        r.getString("message_kind"),
        r.getUUID("message_id"),
        r.getUUID("incident_id"),
        r.getUUID("endpoint_id"),
        r.getString("name"),
        r.getString("kind"),
        r.getString("audience"),
        r.getString("status"),
        r.getInteger("attempts"),
        r.getInteger("last_http_status"),
        r.getString("last_error"),
        instant(r, "next_attempt_at"),
        instant(r, "created_at"),
        instant(r, "updated_at"),
        instant(r, "delivered_at"));
  }

  private static Instant instant(Row r, String column) {
    OffsetDateTime t = r.getOffsetDateTime(column);
    return t == null ? null : t.toInstant();
  }
}
