package io.firebell.incident.repository;

import io.firebell.incident.model.Incident;
import io.firebell.platform.warmup.Warmup;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class IncidentRepository implements PanacheRepositoryBase<Incident, UUID> {

  /**
   * What to list: every non-null criterion must hold. The cursor is the (declaredAt, id) of the
   * last incident of the previous page; the list is newest first.
   */
  public record Filter(
      List<String> statuses,
      List<String> severities,
      String service,
      String domain,
      Instant since,
      Instant until,
      Instant afterDeclaredAt,
      UUID afterId,
      int limit) {}

  /** The next human reference, e.g. INC-1042. */
  public Uni<String> nextReference() {
    if (Warmup.active()) {
      // A warm-up rolls back, but no rollback returns a sequence's number (ADR 0141).
      return Uni.createFrom().item("INC-WARMUP-" + UUID.randomUUID());
    }
    return getSession()
        .chain(
            s ->
                s.createNativeQuery("select nextval('incident_reference_seq')", Long.class)
                    .getSingleResult())
        .map(n -> "INC-" + n);
  }

  public Uni<Incident> findByAlertGroup(UUID alertGroupId) {
    return find("alertGroupId", alertGroupId).firstResult();
  }

  /** One page of incidents, newest declaration first, plus one more to tell if more follow. */
  public Uni<List<Incident>> list(Filter f) {
    StringBuilder sql = new StringBuilder("select * from incident where true");
    Map<String, Object> params = new LinkedHashMap<>();
    if (!f.statuses().isEmpty()) {
      sql.append(" and status in (:statuses)");
      params.put("statuses", f.statuses());
    }
    if (!f.severities().isEmpty()) {
      sql.append(" and severity in (:severities)");
      params.put("severities", f.severities());
    }
    if (f.service() != null) {
      sql.append(" and services @> array[cast(:service as text)]");
      params.put("service", f.service());
    }
    if (f.domain() != null) {
      sql.append(" and domains @> array[cast(:domain as text)]");
      params.put("domain", f.domain());
    }
    if (f.since() != null) {
      sql.append(" and declared_at >= :since");
      params.put("since", f.since());
    }
    if (f.until() != null) {
      sql.append(" and declared_at < :until");
      params.put("until", f.until());
    }
    if (f.afterDeclaredAt() != null) {
      sql.append(" and (declared_at, id) < (:afterAt, :afterId)");
      params.put("afterAt", f.afterDeclaredAt());
      params.put("afterId", f.afterId());
    }
    sql.append(" order by declared_at desc, id desc limit ").append(f.limit() + 1);
    return getSession()
        .chain(
            s -> {
              var query = s.createNativeQuery(sql.toString(), Incident.class);
              params.forEach(query::setParameter);
              return query.getResultList();
            })
        .map(ArrayList::new);
  }
}
