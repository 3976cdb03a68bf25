package io.firebell.detection.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebell.detection.model.AlertRow;
import io.firebell.detection.model.AlertStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The grouping consumer's bulk access to {@code alert}: one query reads the rows of a batch (no
 * JSON columns), one statement per 1,000 rows inserts the new ones, one per 1,000 rows updates the
 * changed ones. It runs in the caller's session and transaction; flush pending entity changes (the
 * new groups the rows refer to) before writing.
 */
@ApplicationScoped
public class AlertRowRepository {

  /** Rows per statement. */
  static final int CHUNK = 1000;

  // Times travel as epoch microseconds (PostgreSQL's precision): no driver-dependent mapping.
  private static final String SELECT_PAIRS =
      "select cast(a.id as text), cast(a.alert_group_id as text), a.dedup_key, a.source_kind,"
          + " a.status, a.severity, a.summary, "
          + micros("a.starts_at")
          + ", "
          + micros("a.ends_at")
          + ", "
          + micros("a.last_received_at")
          + ", a.receive_count,"
          + " a.content_hash"
          + " from unnest(cast(?1 as text[]), cast(?2 as text[])) as k (g, dk)"
          + " join alert a on a.alert_group_id = cast(k.g as uuid) and a.dedup_key = k.dk";

  private static String micros(String column) {
    return "cast(extract(epoch from " + column + ") * 1000000 as bigint)";
  }

  // Columns travel as text arrays: one short statement text whatever the number of rows, so
  // PostgreSQL parses and plans it once per statement, not once per row.
  private static final String INSERT =
      "insert into alert (id, alert_group_id, dedup_key, integration_id, source_kind, status,"
          + " severity, summary, labels, annotations, links, details, generator_url, starts_at,"
          + " ends_at, first_received_at, last_received_at, receive_count, content_hash)"
          + " select cast(id as uuid), cast(g as uuid), dk, cast(i as uuid), sk, st, sev, sm,"
          + " cast(l as jsonb), cast(an as jsonb), cast(li as jsonb), cast(de as jsonb), gu,"
          + " cast(sa as timestamptz), cast(ea as timestamptz), cast(fr as timestamptz),"
          + " cast(lr as timestamptz), cast(rc as integer), cast(h as bigint)"
          + " from unnest(cast(?1 as text[]), cast(?2 as text[]), cast(?3 as text[]),"
          + " cast(?4 as text[]), cast(?5 as text[]), cast(?6 as text[]), cast(?7 as text[]),"
          + " cast(?8 as text[]), cast(?9 as text[]), cast(?10 as text[]), cast(?11 as text[]),"
          + " cast(?12 as text[]), cast(?13 as text[]), cast(?14 as text[]), cast(?15 as text[]),"
          + " cast(?16 as text[]), cast(?17 as text[]), cast(?18 as text[]), cast(?19 as text[]))"
          + " as v (id, g, dk, i, sk, st, sev, sm, l, an, li, de, gu, sa, ea, fr, lr, rc, h)";

  // JSON columns are rewritten only for rows whose content a newer copy changed (content_hash).
  private static final String UPDATE =
      "update alert a set status = v.st, severity = v.sev, summary = v.sm,"
          + " labels = case when v.c = 't' then cast(v.l as jsonb) else a.labels end,"
          + " annotations = case when v.c = 't' then cast(v.an as jsonb) else a.annotations end,"
          + " links = case when v.c = 't' then cast(v.li as jsonb) else a.links end,"
          + " details = case when v.c = 't' then cast(v.de as jsonb) else a.details end,"
          + " generator_url = case when v.c = 't' then v.gu else a.generator_url end,"
          + " content_hash = case when v.c = 't' then cast(v.h as bigint) else a.content_hash end,"
          + " starts_at = cast(v.sa as timestamptz), ends_at = cast(v.ea as timestamptz),"
          + " last_received_at = cast(v.lr as timestamptz), receive_count = cast(v.rc as integer)"
          + " from unnest(cast(?1 as text[]), cast(?2 as text[]), cast(?3 as text[]),"
          + " cast(?4 as text[]), cast(?5 as text[]), cast(?6 as text[]), cast(?7 as text[]),"
          + " cast(?8 as text[]), cast(?9 as text[]), cast(?10 as text[]), cast(?11 as text[]),"
          + " cast(?12 as text[]), cast(?13 as text[]), cast(?14 as text[]), cast(?15 as text[]))"
          + " as v (id, st, sev, sm, c, l, an, li, de, gu, sa, ea, lr, rc, h)"
          + " where a.id = cast(v.id as uuid)";

  private final ObjectMapper json = new ObjectMapper();

  /** The rows of these groups with these dedup keys (every combination). */
  public Uni<List<AlertRow>> find(Collection<UUID> groupIds, Collection<String> dedupKeys) {
    List<UUID> groups = new ArrayList<>(groupIds.size() * dedupKeys.size());
    List<String> keys = new ArrayList<>(groupIds.size() * dedupKeys.size());
    for (UUID g : groupIds) {
      for (String k : dedupKeys) {
        groups.add(g);
        keys.add(k);
      }
    }
    return findPairs(groups, keys);
  }

  /**
   * The rows with these (group, dedup key) pairs, given as two lists of one length: one probe of
   * the {@code (alert_group_id, dedup_key)} index per pair, however many alerts a group holds.
   */
  public Uni<List<AlertRow>> findPairs(List<UUID> groupIds, List<String> dedupKeys) {
    if (groupIds.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    String[] groups = groupIds.stream().map(UUID::toString).toArray(String[]::new);
    String[] keys = dedupKeys.toArray(String[]::new);
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(SELECT_PAIRS, Object[].class)
                    .setParameter(1, groups)
                    .setParameter(2, keys)
                    .getResultList())
        .map(rows -> rows.stream().map(AlertRowRepository::row).toList());
  }

  /** The ids of the active groups that have an alert with one of these dedup keys. */
  public Uni<List<UUID>> activeGroupsWith(Collection<String> dedupKeys) {
    return Panache.getSession()
        .chain(
            s ->
                s.createSelectionQuery(
                        "select distinct a.alertGroupId from Alert a, AlertGroup g where g.id ="
                            + " a.alertGroupId and g.resolvedAt is null and a.dedupKey in :keys",
                        UUID.class)
                    .setParameter("keys", dedupKeys)
                    .getResultList());
  }

  public Uni<Void> insert(List<AlertRow> rows) {
    return chunked(rows, this::insertChunk);
  }

  public Uni<Void> update(List<AlertRow> rows) {
    return chunked(rows, this::updateChunk);
  }

  private Uni<Void> insertChunk(List<AlertRow> rows) {
    Columns c = new Columns(19, rows.size());
    for (AlertRow r : rows) {
      c.add(
          r.getId(),
          r.getAlertGroupId(),
          r.getDedupKey(),
          r.getIntegrationId(),
          r.getSourceKind(),
          r.getStatus().wire(),
          r.getSeverity(),
          r.getSummary(),
          toJson(r.getLabels()),
          toJson(r.getAnnotations()),
          toJson(r.getLinks()),
          toJson(r.getDetails()),
          r.getGeneratorUrl(),
          r.getStartsAt(),
          r.getEndsAt(),
          r.getFirstReceivedAt(),
          r.getLastReceivedAt(),
          r.getReceiveCount(),
          r.getContentHash());
    }
    return execute(INSERT, c);
  }

  private Uni<Void> updateChunk(List<AlertRow> rows) {
    Columns c = new Columns(15, rows.size());
    for (AlertRow r : rows) {
      boolean content = r.isContentChanged();
      c.add(
          r.getId(),
          r.getStatus().wire(),
          r.getSeverity(),
          r.getSummary(),
          content ? "t" : "f",
          content ? toJson(r.getLabels()) : null,
          content ? toJson(r.getAnnotations()) : null,
          content ? toJson(r.getLinks()) : null,
          content ? toJson(r.getDetails()) : null,
          content ? r.getGeneratorUrl() : null,
          r.getStartsAt(),
          r.getEndsAt(),
          r.getLastReceivedAt(),
          r.getReceiveCount(),
          content ? r.getContentHash() : null);
    }
    return execute(UPDATE, c);
  }

  /** Column-wise text values of a chunk of rows (null stays SQL null). */
  private static final class Columns {
    final String[][] values;
    int row;

    Columns(int columns, int rows) {
      values = new String[columns][rows];
    }

    void add(Object... cells) {
      for (int i = 0; i < cells.length; i++) {
        values[i][row] = cells[i] == null ? null : cells[i].toString();
      }
      row++;
    }
  }

  private static Uni<Void> execute(String sql, Columns columns) {
    return Panache.getSession()
        .chain(
            s -> {
              var query = s.createNativeQuery(sql);
              for (int i = 0; i < columns.values.length; i++) {
                query.setParameter(i + 1, columns.values[i]);
              }
              return query.executeUpdate();
            })
        .replaceWithVoid();
  }

  private static Uni<Void> chunked(List<AlertRow> rows, Function<List<AlertRow>, Uni<Void>> write) {
    List<List<AlertRow>> chunks = new ArrayList<>();
    for (int i = 0; i < rows.size(); i += CHUNK) {
      chunks.add(rows.subList(i, Math.min(rows.size(), i + CHUNK)));
    }
    return Multi.createFrom()
        .iterable(chunks)
        .onItem()
        .transformToUniAndConcatenate(write::apply)
        .onItem()
        .ignoreAsUni();
  }

  private String toJson(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot store alert content as JSON", e);
    }
  }

  /** Maps a {@link #SELECT} row. */
  private static AlertRow row(Object[] r) {
    return AlertRow.stored(
        UUID.fromString((String) r[0]),
        UUID.fromString((String) r[1]),
        (String) r[2],
        (String) r[3],
        AlertStatus.fromWire((String) r[4]),
        (String) r[5],
        (String) r[6],
        instant(r[7]),
        instant(r[8]),
        instant(r[9]),
        ((Number) r[10]).intValue(),
        r[11] == null ? null : ((Number) r[11]).longValue());
  }

  private static Instant instant(Object epochMicros) {
    if (epochMicros == null) {
      return null;
    }
    long micros = ((Number) epochMicros).longValue();
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }
}
