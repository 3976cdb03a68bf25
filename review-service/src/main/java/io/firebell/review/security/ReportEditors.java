package io.firebell.review.security;

import io.firebell.platform.problem.ProblemException;
import io.firebell.platform.security.DataAuthorization;
import io.firebell.platform.security.Roles;
import io.firebell.review.model.IncidentFact;
import io.firebell.review.repository.IncidentFactRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.UUID;

/**
 * Who may edit an incident's report (its cause, 5 Whys, action items, publication): a reviewer or
 * the incident's commander, decided from the path's {@code incidentId} before the body is read.
 * {@code ReportService} checks the same rule again inside its transaction.
 */
@ApplicationScoped
public class ReportEditors implements DataAuthorization {

  static final String REFUSAL = "only a reviewer or the incident's commander may edit its report";

  private final IncidentFactRepository facts;

  public ReportEditors(IncidentFactRepository facts) {
    this.facts = facts;
  }

  @Override
  public Uni<Void> authorize(SecurityIdentity caller, MultivaluedMap<String, String> path) {
    if (caller.hasRole(Roles.REVIEWER)) {
      return Uni.createFrom().voidItem();
    }
    UUID incidentId = uuid(path.getFirst("incidentId"));
    if (incidentId == null) {
      return Uni.createFrom().voidItem();
    }
    return Panache.withSession(() -> facts.findById(incidentId))
        .invoke(fact -> refuseUnlessCommander(caller, fact))
        .replaceWithVoid();
  }

  /** Refuses {@code caller} unless they command the incident (no fact: the resource says 404). */
  static void refuseUnlessCommander(SecurityIdentity caller, IncidentFact fact) {
    if (fact != null && !caller.getPrincipal().getName().equals(fact.getCommander())) {
      throw ProblemException.forbidden(REFUSAL);
    }
  }

  static UUID uuid(String value) {
    try {
      return value == null ? null : UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
