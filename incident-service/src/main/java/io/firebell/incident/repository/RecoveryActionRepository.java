package io.firebell.incident.repository;

import io.firebell.incident.model.RecoveryAction;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class RecoveryActionRepository implements PanacheRepositoryBase<RecoveryAction, UUID> {

  public Uni<List<RecoveryAction>> ofIncident(UUID incidentId) {
    return list("incidentId = ?1 order by createdAt", incidentId);
  }
}
