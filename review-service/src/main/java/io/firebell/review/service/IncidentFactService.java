package io.firebell.review.service;

import io.firebell.contracts.incident.IncidentDeclared;
import io.firebell.platform.problem.ProblemException;
import io.firebell.review.model.IncidentFact;
import io.firebell.review.repository.IncidentFactRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The incident facts review-service keeps; written only by event consumers. */
@ApplicationScoped
public class IncidentFactService {

  private final IncidentFactRepository facts;

  public IncidentFactService(IncidentFactRepository facts) {
    this.facts = facts;
  }

  /** Runs inside the consumer's inbox transaction. */
  public Uni<Void> recordDeclared(IncidentDeclared event) {
    return facts
        .findById(event.incidentId())
        .chain(
            existing ->
                existing != null
                    ? Uni.createFrom().voidItem()
                    : facts.persist(IncidentFact.declared(event, Instant.now())).replaceWithVoid());
  }

  @WithSession
  public Uni<IncidentFact> get(UUID id) {
    return facts
        .findById(id)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("incident", id));
  }

  @WithSession
  public Uni<List<IncidentFact>> latest(int limit) {
    return facts.find("order by declaredAt desc, incidentId").page(0, limit).list();
  }
}
