package io.firebell.broadcast.repository;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebell.broadcast.model.Incident;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class IncidentRepository implements PanacheRepositoryBase<Incident, UUID> {

  private final ObjectMapper mapper;

  public IncidentRepository(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * Inserts a declared incident unless one with its id is known already, in one statement (ADR
   * 0156): the fire alarm's transaction asks and writes in a single round trip. The incident is not
   * attached to the session; a later event's transaction loads it.
   *
   * @return true when it was inserted, false when the incident was known
   */
  public Uni<Boolean> insertIfNew(Incident incident) {
    var row = incident.row();
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(row.insert(1) + " on conflict (id) do nothing returning id")
                    .setParameter(1, row.json(mapper))
                    .getResultList())
        .map(inserted -> !inserted.isEmpty());
  }
}
