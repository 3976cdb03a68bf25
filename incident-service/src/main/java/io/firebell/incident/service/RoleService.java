package io.firebell.incident.service;

import io.firebell.contracts.incident.IncidentRoleAssigned;
import io.firebell.incident.model.Incident;
import io.firebell.incident.model.IncidentRole;
import io.firebell.incident.model.Participant;
import io.firebell.incident.repository.IncidentRepository;
import io.firebell.incident.repository.ParticipantRepository;
import io.firebell.platform.problem.ProblemException;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The incident's roles and the people in its war room. */
@ApplicationScoped
public class RoleService {

  private final IncidentRepository incidents;
  private final ParticipantRepository participants;
  private final EventRecorder recorder;
  private final Clock clock;

  public RoleService(
      IncidentRepository incidents,
      ParticipantRepository participants,
      EventRecorder recorder,
      Clock clock) {
    this.incidents = incidents;
    this.participants = participants;
    this.recorder = recorder;
    this.clock = clock;
  }

  /** The outcome of an assignment: the incident and the event, null when nothing changed. */
  public record Assignment(Incident incident, IncidentRoleAssigned event) {}

  /**
   * Gives the role to the person; someone holding a role is in the war room, so they join it too
   * when they are not there yet.
   *
   * @param overrideBy the admin overriding the recovery/communications separation, or null
   */
  @WithTransaction
  @WithSpan("RoleService.assign")
  public Uni<Assignment> assign(
      UUID incidentId,
      IncidentRole role,
      String person,
      String overrideBy,
      String overrideReason,
      String actor) {
    return incident(incidentId)
        .chain(
            incident -> {
              Instant now = Instant.now(clock);
              IncidentRoleAssigned event =
                  incident.assignRole(role, person, overrideBy, overrideReason, actor, now);
              if (event == null) {
                return Uni.createFrom().item(new Assignment(incident, null));
              }
              return recorder
                  .record(event)
                  .chain(() -> joinIfAbsent(incidentId, person, null, role.wireName(), now))
                  .replaceWith(new Assignment(incident, event));
            });
  }

  /** The result of joining: the participant and whether they are new. */
  public record Joining(Participant participant, boolean joined) {}

  @WithTransaction
  @WithSpan("RoleService.join")
  public Uni<Joining> join(UUID incidentId, String person, String team, String role) {
    return incident(incidentId)
        .chain(
            incident -> {
              incident.requireOpen("joined");
              return participants
                  .find(incidentId, person)
                  .chain(
                      existing -> {
                        if (existing != null) {
                          return Uni.createFrom().item(new Joining(existing, false));
                        }
                        Participant.Joined joined =
                            Participant.join(incidentId, person, team, role, Instant.now(clock));
                        return participants
                            .persist(joined.participant())
                            .chain(() -> recorder.record(joined.event()))
                            .replaceWith(new Joining(joined.participant(), true));
                      });
            });
  }

  @WithSession
  public Uni<List<Participant>> participants(UUID incidentId) {
    return incident(incidentId).chain(() -> participants.ofIncident(incidentId));
  }

  private Uni<Void> joinIfAbsent(
      UUID incidentId, String person, String team, String role, Instant now) {
    return participants
        .find(incidentId, person)
        .chain(
            existing -> {
              if (existing != null) {
                return Uni.createFrom().voidItem();
              }
              Participant.Joined joined = Participant.join(incidentId, person, team, role, now);
              return participants
                  .persist(joined.participant())
                  .chain(() -> recorder.record(joined.event()));
            });
  }

  private Uni<Incident> incident(UUID id) {
    return incidents
        .findById(id)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("incident", id));
  }
}
