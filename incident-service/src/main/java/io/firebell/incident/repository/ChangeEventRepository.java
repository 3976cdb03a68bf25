package io.firebell.incident.repository;

import io.firebell.incident.model.ChangeEvent;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class ChangeEventRepository implements PanacheRepositoryBase<ChangeEvent, UUID> {

  /**
   * Changes that occurred in {@code [from, to]} to one of {@code services} or to no service at all
   * (infra-wide), newest first.
   */
  public Uni<List<ChangeEvent>> inWindow(List<String> services, Instant from, Instant to) {
    if (services.isEmpty()) {
      return list(
          "service is null and occurredAt >= ?1 and occurredAt <= ?2 order by occurredAt desc, id",
          from,
          to);
    }
    return list(
        "(service is null or service in ?1) and occurredAt >= ?2 and occurredAt <= ?3"
            + " order by occurredAt desc, id",
        services,
        from,
        to);
  }

  /** At most {@code limit} changes, newest first, after the last one seen (the cursor). */
  public Uni<List<ChangeEvent>> page(
      String service, Instant since, Instant until, Instant afterAt, UUID afterId, int limit) {
    StringBuilder q = new StringBuilder("true = true");
    List<Object> params = new ArrayList<>();
    if (service != null) {
      params.add(service);
      q.append(" and service = ?").append(params.size());
    }
    if (since != null) {
      params.add(since);
      q.append(" and occurredAt >= ?").append(params.size());
    }
    if (until != null) {
      params.add(until);
      q.append(" and occurredAt < ?").append(params.size());
    }
    if (afterAt != null) {
      params.add(afterAt);
      int at = params.size();
      params.add(afterId);
      int id = params.size();
      q.append(" and (occurredAt < ?")
          .append(at)
          .append(" or (occurredAt = ?")
          .append(at)
          .append(" and id < ?")
          .append(id)
          .append("))");
    }
    q.append(" order by occurredAt desc, id desc");
    return find(q.toString(), params.toArray()).range(0, limit - 1).list();
  }
}
