package io.firebell.broadcast.security;

import io.firebell.broadcast.repository.IncidentRepository;
import io.firebell.broadcast.service.UpdateService;
import io.firebell.platform.security.DataAuthorization;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.UUID;

/**
 * Who may post a stakeholder update: any communicator but the incident's recovery lead, decided
 * from the path's {@code incidentId} before the update is read. {@code UpdateService} checks it
 * again in the publishing transaction.
 */
@ApplicationScoped
public class UpdateAuthors implements DataAuthorization {

  private final IncidentRepository incidents;

  public UpdateAuthors(IncidentRepository incidents) {
    this.incidents = incidents;
  }

  @Override
  public Uni<Void> authorize(SecurityIdentity caller, MultivaluedMap<String, String> path) {
    String raw = path.getFirst("incidentId");
    UUID incidentId;
    try {
      incidentId = raw == null ? null : UUID.fromString(raw);
    } catch (IllegalArgumentException e) {
      incidentId = null;
    }
    if (incidentId == null) {
      return Uni.createFrom().voidItem();
    }
    UUID id = incidentId;
    UpdateService.Caller who = UpdateService.Caller.of(caller);
    return Panache.withSession(() -> incidents.findById(id))
        .invoke(
            incident -> {
              if (incident != null) {
                UpdateService.refuseRecoveryLead(incident, who);
              }
            })
        .replaceWithVoid();
  }
}
