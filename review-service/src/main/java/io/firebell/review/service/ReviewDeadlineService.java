package io.firebell.review.service;

import io.firebell.review.config.MeetingPolicy;
import io.firebell.review.config.ReviewConfig;
import io.firebell.review.model.IncidentFact;
import io.firebell.review.model.ReportCorrection;
import io.firebell.review.model.ReviewMeeting;
import io.firebell.review.repository.IncidentFactRepository;
import io.firebell.review.repository.ReportCorrectionRepository;
import io.firebell.review.repository.ReviewMeetingRepository;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Which review each resolved incident needs and whether it was booked in time: the severity policy
 * decides the tier (team or org-wide), an escalation makes it org-wide, and a review not booked by
 * the policy's booking deadline is flagged.
 */
@ApplicationScoped
public class ReviewDeadlineService {

  /** The states of a required review. */
  public static final List<String> STATES = List.of("booked", "booked_late", "due", "overdue");

  private final IncidentFactRepository facts;
  private final ReviewMeetingRepository meetings;
  private final ReportCorrectionRepository corrections;
  private final MeetingPolicy policy;
  private final ReviewConfig config;
  private final ReviewMeetingService reviews;
  private final Clock clock;

  public ReviewDeadlineService(
      IncidentFactRepository facts,
      ReviewMeetingRepository meetings,
      ReportCorrectionRepository corrections,
      MeetingPolicy policy,
      ReviewConfig config,
      ReviewMeetingService reviews,
      Clock clock) {
    this.facts = facts;
    this.meetings = meetings;
    this.corrections = corrections;
    this.policy = policy;
    this.config = config;
    this.reviews = reviews;
    this.clock = clock;
  }

  /**
   * The review an incident needs.
   *
   * @param requiredKind {@code team} or {@code org_wide}
   * @param escalated whether a team review was escalated to the org-wide one
   * @param bookBy when it must be booked by (business days after resolution, by policy)
   * @param dueBy when it must be held by
   * @param state {@code booked} (before the deadline), {@code booked_late}, {@code due} (not
   *     booked, deadline ahead) or {@code overdue} (not booked, deadline passed)
   * @param booking the review that satisfies it, or null
   */
  public record Requirement(
      IncidentFact fact,
      String severity,
      String requiredKind,
      boolean escalated,
      Instant bookBy,
      Instant dueBy,
      String state,
      ReviewMeeting booking) {

    public boolean flagged() {
      return "overdue".equals(state) || "booked_late".equals(state);
    }
  }

  /**
   * The required review of every incident resolved in [from, to) whose severity has a policy,
   * soonest deadline first; {@code incidentId} narrows it to one incident (whenever resolved).
   */
  @WithSession
  @WithSpan("ReviewDeadlineService.requirements")
  public Uni<List<Requirement>> requirements(Instant from, Instant to, UUID incidentId) {
    // The corrections and bookings first, selected by the same condition as the incidents (a
    // subquery, not a list of ids: a query of one shape, planned once), then the incidents,
    // read-only. Loaded the other way round, every later query flushed the session first and so
    // compared each of the incidents with its snapshot: with 1,200 incidents in the window that
    // was a third of the request's CPU (ADR 0152).
    Sort byCorrection = Sort.by("correctedAt").and("id");
    Sort byBooking = Sort.by("createdAt").and("id");
    Uni<List<ReportCorrection>> fixes =
        incidentId != null
            ? corrections.list("incidentId = ?1 and field = 'severity'", byCorrection, incidentId)
            : corrections.list(
                "field = 'severity' and incidentId in (" + RESOLVED_IN_WINDOW + ")",
                byCorrection,
                from,
                to);
    Uni<List<ReviewMeeting>> booked =
        incidentId != null
            ? meetings.list("incidentId = ?1", byBooking, incidentId)
            : meetings.list("incidentId in (" + RESOLVED_IN_WINDOW + ")", byBooking, from, to);
    return fixes.chain(
        f ->
            booked.chain(
                b -> resolved(from, to, incidentId).map(found -> requirements(found, f, b))));
  }

  /** The resolved incidents, read-only: nothing here changes them, so they need no snapshot. */
  private Uni<List<IncidentFact>> resolved(Instant from, Instant to, UUID incidentId) {
    return incidentId != null
        ? facts.listReadOnly("incidentId = ?1 and resolvedAt is not null", incidentId)
        : facts.listReadOnly("resolvedAt >= ?1 and resolvedAt < ?2", from, to);
  }

  /** The incidents resolved in [?1, ?2), as a subquery. */
  private static final String RESOLVED_IN_WINDOW =
      "select f.incidentId from IncidentFact f where f.resolvedAt >= ?1 and f.resolvedAt < ?2";

  /** How many resolved incidents of the last {@code review-deadline-window} are overdue. */
  @WithSession
  public Uni<Long> overdueCount() {
    Instant now = clock.instant();
    return requirements(now.minus(config.reviewDeadlineWindow()), now, null)
        .map(l -> l.stream().filter(r -> "overdue".equals(r.state())).count());
  }

  private List<Requirement> requirements(
      List<IncidentFact> found, List<ReportCorrection> fixes, List<ReviewMeeting> booked) {
    Map<UUID, String> severity = new HashMap<>();
    fixes.forEach(c -> severity.put(c.getIncidentId(), c.getValue()));
    Map<UUID, List<ReviewMeeting>> byIncident = new HashMap<>();
    booked.stream()
        .filter(m -> !m.isCancelled())
        .forEach(m -> byIncident.computeIfAbsent(m.getIncidentId(), k -> new ArrayList<>()).add(m));
    Instant now = clock.instant();
    List<Requirement> out = new ArrayList<>();
    for (IncidentFact f : found) {
      String grade = severity.getOrDefault(f.getIncidentId(), f.getSeverity());
      MeetingPolicy.Severity p = policy.policies().get(grade);
      if (p == null) {
        continue;
      }
      List<ReviewMeeting> live = byIncident.getOrDefault(f.getIncidentId(), List.of());
      ReviewMeeting escalation =
          live.stream().filter(m -> m.getEscalatedFrom() != null).findFirst().orElse(null);
      String kind = escalation != null ? "org_wide" : p.kind();
      Instant bookBy =
          reviews
              .calendar()
              .deadline(
                  f.getResolvedAt(), p.bookWithinBusinessDays().orElse(p.withinBusinessDays()));
      Instant dueBy = reviews.calendar().deadline(f.getResolvedAt(), p.withinBusinessDays());
      ReviewMeeting booking =
          escalation != null
              ? escalation
              : live.stream().filter(m -> kind.equals(m.getKind())).findFirst().orElse(null);
      if (escalation != null) {
        // An escalation books the org-wide review itself; its deadlines count from then.
        bookBy = escalation.getCreatedAt();
        dueBy = escalation.getDueBy();
      }
      String state;
      if (booking != null) {
        state = booking.getCreatedAt().isAfter(bookBy) ? "booked_late" : "booked";
      } else {
        state = now.isAfter(bookBy) ? "overdue" : "due";
      }
      out.add(new Requirement(f, grade, kind, escalation != null, bookBy, dueBy, state, booking));
    }
    out.sort(
        Comparator.comparing(Requirement::bookBy)
            .thenComparing(r -> r.fact().getIncidentId().toString()));
    return out;
  }
}
