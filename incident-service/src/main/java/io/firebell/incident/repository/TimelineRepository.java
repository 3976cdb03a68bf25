package io.firebell.incident.repository;

import io.firebell.incident.model.TimelineEntry;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class TimelineRepository implements PanacheRepositoryBase<TimelineEntry, UUID> {

  /** At most {@code limit} entries after {@code afterSeq}, in the order they were written. */
  public Uni<List<TimelineEntry>> page(UUID incidentId, long afterSeq, int limit) {
    return find("incidentId = ?1 and seq > ?2 order by seq", incidentId, afterSeq)
        .range(0, limit - 1)
        .list();
  }
}
