package io.firebell.broadcast.repository;

import io.firebell.broadcast.model.Endpoint;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class EndpointRepository implements PanacheRepositoryBase<Endpoint, UUID> {

  /** Endpoints in creation order after the position (createdAt, id), at most {@code limit}. */
  public Uni<List<Endpoint>> page(Instant afterAt, UUID afterId, int limit) {
    if (afterAt == null) {
      return find("order by createdAt, id").page(0, limit).list();
    }
    return find(
            "createdAt > ?1 or (createdAt = ?1 and id > ?2) order by createdAt, id",
            afterAt,
            afterId)
        .page(0, limit)
        .list();
  }

  public Uni<List<Endpoint>> byIds(List<UUID> ids) {
    return list("id in ?1", ids);
  }
}
