package io.firebell.incident.repository;

import io.firebell.incident.model.Incident;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class IncidentRepository implements PanacheRepositoryBase<Incident, UUID> {

  /** The next human reference, e.g. INC-1042. */
  public Uni<String> nextReference() {
    return getSession()
        .chain(
            s ->
                s.createNativeQuery("select nextval('incident_reference_seq')", Long.class)
                    .getSingleResult())
        .map(n -> "INC-" + n);
  }
}
