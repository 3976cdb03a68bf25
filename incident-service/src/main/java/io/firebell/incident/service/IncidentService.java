package io.firebell.incident.service;

import io.firebell.contracts.detection.DeclarationRequested;
import io.firebell.contracts.incident.IncidentNoteAdded;
import io.firebell.incident.config.IncidentConfig;
import io.firebell.incident.model.ActionKind;
import io.firebell.incident.model.ActionStatus;
import io.firebell.incident.model.Declaration;
import io.firebell.incident.model.DetectionMethod;
import io.firebell.incident.model.Incident;
import io.firebell.incident.model.IncidentPatch;
import io.firebell.incident.model.IncidentStatus;
import io.firebell.incident.model.RecoveryAction;
import io.firebell.incident.model.Timeline;
import io.firebell.incident.model.TimelineEntry;
import io.firebell.incident.model.TrafficSignal;
import io.firebell.incident.repository.IncidentRepository;
import io.firebell.incident.repository.RecoveryActionRepository;
import io.firebell.incident.repository.TimelineRepository;
import io.firebell.platform.outbox.Outbox;
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
import java.util.function.Function;
import org.jboss.logging.Logger;

/** Declaring incidents, changing them, moving them along the lifecycle, and reading them. */
@ApplicationScoped
public class IncidentService {

  /** Who declared an incident that a detection route auto-declared. */
  public static final String DETECTION = "detection";

  private static final Logger LOG = Logger.getLogger(IncidentService.class);

  private final IncidentRepository incidents;
  private final RecoveryActionRepository actions;
  private final TimelineRepository timeline;
  private final EventRecorder recorder;
  private final Outbox outbox;
  private final IncidentConfig config;
  private final Clock clock;

  public IncidentService(
      IncidentRepository incidents,
      RecoveryActionRepository actions,
      TimelineRepository timeline,
      EventRecorder recorder,
      Outbox outbox,
      IncidentConfig config,
      Clock clock) {
    this.incidents = incidents;
    this.actions = actions;
    this.timeline = timeline;
    this.recorder = recorder;
    this.outbox = outbox;
    this.config = config;
    this.clock = clock;
  }

  /** Declares an incident and raises the fire alarm, in one transaction. */
  @WithTransaction
  @WithSpan("IncidentService.declare")
  public Uni<Incident> declare(Declaration declaration, String actor) {
    return declareInTransaction(withPolicySeverity(declaration), actor, incident -> List.of());
  }

  /**
   * Opens the incident a detection alert group asked for, at most once per alert group. Runs inside
   * the inbox's transaction: the effect and the processed event id commit together.
   *
   * @return the incident, new or the one the group already has
   */
  @WithSpan("IncidentService.declareFromDetection")
  public Uni<Incident> declareFromDetection(DeclarationRequested request) {
    return incidents
        .findByAlertGroup(request.alertGroupId())
        .chain(
            existing -> {
              if (existing != null) {
                LOG.infof(
                    "alert group %s has incident %s already; declaration request ignored",
                    request.alertGroupId(), existing.getReference());
                return Uni.createFrom().item(existing);
              }
              String actor =
                  request.autoDeclared() || request.requestedBy() == null
                      ? DETECTION
                      : request.requestedBy();
              // The timeline shows the linked alert group right after the declaration.
              return declareInTransaction(
                  fromDetection(request),
                  actor,
                  incident ->
                      List.of(
                          Timeline.alertGroupLinked(
                              incident.getId(),
                              request.alertGroupId(),
                              request.summary(),
                              actor,
                              incident.getDeclaredAt())));
            });
  }

  /**
   * Declares in the caller's transaction; {@code more} gives the timeline entries that follow the
   * declaration's own, written in the same statement.
   */
  private Uni<Incident> declareInTransaction(
      Declaration declaration, String actor, Function<Incident, List<TimelineEntry>> more) {
    return incidents
        .nextReference()
        .chain(
            reference -> {
              Incident.Declared declared =
                  Incident.declare(
                      UUID.randomUUID(), reference, declaration, actor, Instant.now(clock));
              // The incident's row goes in with the event (ADR 0156), not through Hibernate.
              return recorder
                  .recordDeclaration(declared, more.apply(declared.incident()))
                  .replaceWith(declared.incident());
            });
  }

  private Declaration fromDetection(DeclarationRequested r) {
    String title = r.requestedTitle();
    if (title == null || title.isBlank()) {
      String where = r.service() != null ? r.service() : r.domain();
      title = r.summary() != null && !r.summary().isBlank() ? r.summary() : r.kind() + " alarm";
      if (where != null && !title.contains(where)) {
        title = where + ": " + title;
      }
    }
    if (title.length() > 200) {
      title = title.substring(0, 199) + "…";
    }
    String severity =
        r.requestedSeverity() != null && config.severities().containsKey(r.requestedSeverity())
            ? r.requestedSeverity()
            : config
                .autoDeclareSeverity()
                .getOrDefault(r.severity() == null ? "" : r.severity(), config.defaultSeverity());
    return new Declaration(
        title,
        r.summary(),
        severity,
        r.service() == null ? List.of() : List.of(r.service()),
        r.domain() == null ? List.of() : List.of(r.domain()),
        null,
        null,
        DetectionMethod.fromSignalKind(r.kind()),
        r.occurredAt(),
        r.detectedAt(),
        r.alertGroupId(),
        "external_integration".equals(r.kind()) ? Incident.partnerOrNull(r.partner()) : null,
        TrafficSignal.of(r.kind(), r.labels(), r.summary()));
  }

  @WithSession
  public Uni<Incident> get(UUID id) {
    return incidents
        .findById(id)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("incident", id));
  }

  @WithSession
  public Uni<List<Incident>> list(IncidentRepository.Filter filter) {
    return incidents.list(filter);
  }

  /**
   * Changes fields of the incident.
   *
   * @param patch checked by {@link IncidentPatch#checked}
   * @param expectedVersion the version the caller last saw (If-Match), or null to skip the check
   */
  @WithTransaction
  @WithSpan("IncidentService.update")
  public Uni<Incident> update(UUID id, Long expectedVersion, IncidentPatch patch, String actor) {
    if (patch.severity().isPresent()) {
      requireSeverity(patch.severity().value());
    }
    return get(id)
        .chain(
            incident -> {
              requireVersion(incident, expectedVersion);
              return recorder
                  .record(incident.update(patch, actor, Instant.now(clock)))
                  .replaceWith(incident);
            });
  }

  /** Moves the incident along its lifecycle; resolving and closing publish their own events too. */
  @WithTransaction
  @WithSpan("IncidentService.transition")
  public Uni<Incident> transition(
      UUID id,
      IncidentStatus to,
      ActionKind recoveryMethod,
      String note,
      Long expectedVersion,
      String actor) {
    return get(id)
        .chain(
            incident -> {
              requireVersion(incident, expectedVersion);
              return actions
                  .ofIncident(id)
                  .chain(
                      list -> {
                        List<String> applied =
                            list.stream()
                                .filter(a -> ActionStatus.DONE.wireName().equals(a.getStatus()))
                                .map(RecoveryAction::getKind)
                                .distinct()
                                .toList();
                        return recorder.record(
                            incident.transition(
                                to, recoveryMethod, note, applied, actor, Instant.now(clock)));
                      })
                  .replaceWith(incident);
            });
  }

  /**
   * Adds a responder's note to the timeline, and publishes {@code incident.note-added} in the same
   * transaction so that open pages show it at once.
   */
  @WithTransaction
  @WithSpan("IncidentService.addNote")
  public Uni<TimelineEntry> addNote(UUID id, String text, String actor) {
    return get(id)
        .chain(
            incident -> {
              incident.requireOpen("annotated");
              Instant now = Instant.now(clock);
              TimelineEntry note = Timeline.note(id, text.strip(), actor, now);
              // The note and its event in one statement (ADR 0156).
              return outbox
                  .append(new IncidentNoteAdded(id, actor, text.strip(), now), List.of(note.row()))
                  .replaceWith(note);
            });
  }

  @WithSession
  public Uni<List<TimelineEntry>> timeline(UUID id, long afterSeq, int limit) {
    return get(id).chain(() -> timeline.page(id, afterSeq, limit));
  }

  /** 412 when the caller's copy is stale: someone changed the incident since they read it. */
  static void requireVersion(Incident incident, Long expected) {
    if (expected != null && expected != incident.getVersion()) {
      throw ProblemException.preconditionFailed(
          "the incident changed since you read it (your version "
              + expected
              + ", current "
              + incident.getVersion()
              + "); GET it again and re-apply your change");
    }
  }

  private void requireSeverity(String severity) {
    if (severity == null || !config.severities().containsKey(severity)) {
      throw ProblemException.invalid(
          "severity", "must be one of " + config.severities().keySet().stream().sorted().toList());
    }
  }

  private Declaration withPolicySeverity(Declaration d) {
    String severity = d.severity() == null ? config.defaultSeverity() : d.severity();
    requireSeverity(severity);
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
        d.alertGroupId(),
        d.partner(),
        d.trafficSignal());
  }
}
