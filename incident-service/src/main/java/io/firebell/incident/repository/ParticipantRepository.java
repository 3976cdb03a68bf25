package io.firebell.incident.repository;

import io.firebell.incident.model.Participant;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class ParticipantRepository implements PanacheRepositoryBase<Participant, UUID> {

  public Uni<Participant> find(UUID incidentId, String person) {
    return find("incidentId = ?1 and person = ?2", incidentId, person).firstResult();
  }

  public Uni<List<Participant>> ofIncident(UUID incidentId) {
    return list("incidentId = ?1 order by joinedAt", incidentId);
  }
}
