package io.firebell.broadcast.service;

import io.firebell.broadcast.model.Incident;
import io.firebell.broadcast.repository.IncidentRepository;
import io.firebell.contracts.incident.IncidentClosed;
import io.firebell.contracts.incident.IncidentDeclared;
import io.firebell.contracts.incident.IncidentResolved;
import io.firebell.contracts.incident.IncidentRoleAssigned;
import io.firebell.contracts.incident.IncidentStatusChanged;
import io.firebell.contracts.incident.IncidentUpdated;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * broadcast-service's read model of incidents, written only by the consumer of {@code
 * firebell.incidents.v1} (each method runs inside the consumer's inbox transaction). A declaration
 * also rings the fire alarm, in that same transaction.
 */
@ApplicationScoped
public class IncidentProjection {

  private final IncidentRepository incidents;
  private final FireAlarm fireAlarm;
  private final Clock clock;

  public IncidentProjection(IncidentRepository incidents, FireAlarm fireAlarm, Clock clock) {
    this.incidents = incidents;
    this.fireAlarm = fireAlarm;
    this.clock = clock;
  }

  @WithSpan("IncidentProjection.declared")
  public Uni<Void> declared(IncidentDeclared e) {
    Incident incident = Incident.declared(e, Instant.now(clock));
    return incidents
        .insertIfNew(incident)
        .chain(
            inserted ->
                inserted
                    ? fireAlarm.ring(incident).replaceWithVoid()
                    // Declared once: a second declaration event for it rings nothing.
                    : Uni.createFrom().voidItem());
  }

  @WithSpan("IncidentProjection.updated")
  public Uni<Void> updated(IncidentUpdated e) {
    return change(e.incidentId(), i -> i.updated(e, Instant.now(clock)));
  }

  @WithSpan("IncidentProjection.statusChanged")
  public Uni<Void> statusChanged(IncidentStatusChanged e) {
    return change(e.incidentId(), i -> i.statusChanged(e, Instant.now(clock)));
  }

  @WithSpan("IncidentProjection.roleAssigned")
  public Uni<Void> roleAssigned(IncidentRoleAssigned e) {
    return change(e.incidentId(), i -> i.roleAssigned(e, Instant.now(clock)));
  }

  @WithSpan("IncidentProjection.resolved")
  public Uni<Void> resolved(IncidentResolved e) {
    return change(e.incidentId(), i -> i.resolved(e, Instant.now(clock)));
  }

  @WithSpan("IncidentProjection.closed")
  public Uni<Void> closed(IncidentClosed e) {
    return change(e.incidentId(), i -> i.closed(e, Instant.now(clock)));
  }

  private Uni<Void> change(UUID id, Consumer<Incident> change) {
    // An incident not declared (yet) cannot change: its declaration, first on its partition,
    // creates it.
    return incidents
        .findById(id)
        .invoke(
            i -> {
              if (i != null) {
                change.accept(i);
              }
            })
        .replaceWithVoid();
  }
}
