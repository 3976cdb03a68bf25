package io.firebell.incident.service;

import io.firebell.incident.config.IncidentConfig;
import io.firebell.incident.model.Declaration;
import io.firebell.incident.model.Incident;
import io.firebell.incident.repository.IncidentRepository;
import io.firebell.platform.outbox.Outbox;
import io.firebell.platform.problem.ProblemException;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/** Declaring incidents and reading them. */
@ApplicationScoped
public class IncidentService {

  private final IncidentRepository incidents;
  private final Outbox outbox;
  private final IncidentConfig config;

  public IncidentService(IncidentRepository incidents, Outbox outbox, IncidentConfig config) {
    this.incidents = incidents;
    this.outbox = outbox;
    this.config = config;
  }

  /** Declares an incident and raises the fire alarm, in one transaction. */
  @WithTransaction
  @WithSpan("IncidentService.declare")
  public Uni<Incident> declare(Declaration declaration, String actor) {
    Declaration withSeverity = withPolicySeverity(declaration);
    return incidents
        .nextReference()
        .chain(
            reference -> {
              Incident.Declared declared =
                  Incident.declare(
                      UUID.randomUUID(), reference, withSeverity, actor, Instant.now());
              return incidents
                  .persist(declared.incident())
                  .chain(() -> outbox.append(declared.event()))
                  .replaceWith(declared.incident());
            });
  }

  @WithSession
  public Uni<Incident> get(UUID id) {
    return incidents
        .findById(id)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("incident", id));
  }

  private Declaration withPolicySeverity(Declaration d) {
    String severity = d.severity() == null ? config.defaultSeverity() : d.severity();
    if (!config.severities().containsKey(severity)) {
      throw ProblemException.invalid(
          "severity", "must be one of " + config.severities().keySet().stream().sorted().toList());
    }
    return new Declaration(
        d.title(),
        d.summary(),
        severity,
        d.services(),
        d.domains(),
        d.impactScope(),
        d.warRoomUrl(),
        d.detectionMethod(),
        d.occurredAt(),
        d.detectedAt(),
        d.alertGroupId());
  }
}
