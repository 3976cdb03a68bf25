package io.firebell.review.service;

import io.firebell.platform.outbox.Outbox;
import io.firebell.platform.problem.ProblemException;
import io.firebell.review.config.MeetingPolicy;
import io.firebell.review.config.ReviewConfig;
import io.firebell.review.model.BusinessCalendar;
import io.firebell.review.model.IncidentFact;
import io.firebell.review.model.ReviewMeeting;
import io.firebell.review.repository.AdvisoryLocks;
import io.firebell.review.repository.IncidentFactRepository;
import io.firebell.review.repository.ReviewMeetingRepository;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/**
 * Review meetings by severity policy: in business hours, never on weekends or holidays, one per
 * room at a time.
 */
@ApplicationScoped
public class ReviewMeetingService {

  private static final Duration SEARCH = Duration.ofDays(60);

  private final ReviewMeetingRepository meetings;
  private final IncidentFactRepository facts;
  private final MeetingPolicy policy;
  private final ReviewConfig config;
  private final Outbox outbox;
  private final Clock clock;
  private final BusinessCalendar calendar;

  public ReviewMeetingService(
      ReviewMeetingRepository meetings,
      IncidentFactRepository facts,
      MeetingPolicy policy,
      ReviewConfig config,
      Outbox outbox,
      Clock clock) {
    this.meetings = meetings;
    this.facts = facts;
    this.policy = policy;
    this.config = config;
    this.outbox = outbox;
    this.clock = clock;
    this.calendar =
        new BusinessCalendar(
            ZoneId.of(policy.timeZone()),
            policy.businessStart(),
            policy.businessEnd(),
            new HashSet<>(policy.holidays()));
  }

  @WithTransaction
  @WithSpan("ReviewMeetingService.schedule")
  public Uni<ReviewMeeting> schedule(
      UUID incidentId, Instant preferredStart, List<String> extraAttendees, String actor) {
    return fact(incidentId)
        .chain(
            fact -> {
              MeetingPolicy.Severity p = policy.policies().get(fact.getSeverity());
              if (p == null) {
                throw ProblemException.unprocessable(
                    "no review policy for severity " + fact.getSeverity());
              }
              Instant dueBy =
                  calendar.deadline(
                      fact.getResolvedAt() != null ? fact.getResolvedAt() : clock.instant(),
                      p.withinBusinessDays());
              return book(
                  fact,
                  p,
                  "status = 'scheduled'",
                  "a review of this incident is already scheduled; reschedule or cancel it",
                  new Booking(preferredStart, extraAttendees, dueBy, actor),
                  m -> {});
            });
  }

  /**
   * Escalates a team review to an org-wide review of the same incident, linked to it; the team
   * review stays as it is. Due within the escalation policy's business days from now.
   */
  @WithTransaction
  @WithSpan("ReviewMeetingService.escalate")
  public Uni<ReviewMeeting> escalate(
      UUID teamReviewId,
      String reason,
      Instant preferredStart,
      List<String> extraAttendees,
      String actor) {
    return find(teamReviewId)
        .chain(
            team -> {
              if (!"team".equals(team.getKind())) {
                throw ProblemException.conflict(
                    "only a team review can be escalated; this one is " + team.getKind());
              }
              if (team.isCancelled()) {
                throw ProblemException.conflict("a cancelled review cannot be escalated");
              }
              MeetingPolicy.Severity p = policy.escalation();
              Instant dueBy = calendar.deadline(clock.instant(), p.withinBusinessDays());
              return fact(team.getIncidentId())
                  .chain(
                      fact ->
                          book(
                              fact,
                              p,
                              "status <> 'cancelled'",
                              "the incident already has an org-wide review",
                              new Booking(preferredStart, extraAttendees, dueBy, actor),
                              m -> m.escalates(team, reason)));
            });
  }

  /** Who asked for a review, when they would like it, who else comes, and when it is due. */
  private record Booking(
      Instant preferredStart, List<String> extraAttendees, Instant dueBy, String actor) {}

  /**
   * Books a review of {@code p}'s kind unless the incident has one matching {@code existing}
   * already (409 {@code conflict}). The check and the booking are serialised per incident: two
   * requests at once (two replicas, or a double click) would otherwise both see none.
   */
  private Uni<ReviewMeeting> book(
      IncidentFact fact,
      MeetingPolicy.Severity p,
      String existing,
      String conflict,
      Booking b,
      java.util.function.Consumer<ReviewMeeting> link) {
    UUID incidentId = fact.getIncidentId();
    return lock("review-incident:" + incidentId)
        .chain(
            () ->
                meetings.count(
                    "incidentId = ?1 and kind = ?2 and " + existing, incidentId, p.kind()))
        .chain(
            open -> {
              if (open > 0) {
                throw ProblemException.conflict(conflict);
              }
              return lockRoom(p.location())
                  .chain(() -> slot(p.location(), p.duration(), b.preferredStart(), null));
            })
        .chain(
            start -> {
              ReviewMeeting.Scheduled s =
                  ReviewMeeting.schedule(
                      incidentId,
                      p.kind(),
                      start,
                      p.duration(),
                      policy.timeZone(),
                      p.location(),
                      attendees(p, fact, b.extraAttendees()),
                      b.dueBy(),
                      icsBase(),
                      b.actor(),
                      clock.instant());
              link.accept(s.meeting());
              return meetings
                  .persist(s.meeting())
                  .chain(() -> outbox.append(s.event()))
                  .replaceWith(s.meeting());
            });
  }

  private Uni<IncidentFact> fact(UUID incidentId) {
    return facts
        .findById(incidentId)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("incident", incidentId));
  }

  @WithTransaction
  @WithSpan("ReviewMeetingService.reschedule")
  public Uni<ReviewMeeting> reschedule(UUID id, Instant newStart, String reason, String actor) {
    return find(id)
        .chain(
            m ->
                lockRoom(m.getLocation())
                    .chain(
                        () ->
                            slot(
                                m.getLocation(),
                                Duration.ofMinutes(m.getDurationMinutes()),
                                newStart != null ? newStart : null,
                                m))
                    .chain(
                        start ->
                            outbox.append(
                                m.reschedule(start, reason, icsBase(), actor, clock.instant())))
                    .chain(() -> meetings.flush())
                    .replaceWith(m));
  }

  @WithTransaction
  @WithSpan("ReviewMeetingService.cancel")
  public Uni<ReviewMeeting> cancel(UUID id, String reason, String actor) {
    return find(id)
        .chain(
            m ->
                outbox
                    .append(m.cancel(reason, actor, clock.instant()))
                    .chain(() -> meetings.flush())
                    .replaceWith(m));
  }

  @WithTransaction
  @WithSpan("ReviewMeetingService.held")
  public Uni<ReviewMeeting> held(UUID id, String minutesUrl) {
    return find(id).invoke(m -> m.held(minutesUrl, clock.instant())).call(() -> meetings.flush());
  }

  @WithSession
  public Uni<ReviewMeeting> get(UUID id) {
    return find(id);
  }

  @WithSession
  public Uni<List<ReviewMeeting>> between(Instant from, Instant to) {
    return meetings.list(
        "startsAt >= ?1 and startsAt < ?2", Sort.by("startsAt").and("id"), from, to);
  }

  /** Every review of one incident, whenever it starts, cancelled ones included. */
  @WithSession
  public Uni<List<ReviewMeeting>> of(UUID incidentId) {
    return meetings.list("incidentId", Sort.by("startsAt").and("id"), incidentId);
  }

  /** The business calendar of the policy (time zone, hours, holidays). */
  public BusinessCalendar calendar() {
    return calendar;
  }

  public String organizer() {
    return policy.organizer();
  }

  private Uni<ReviewMeeting> find(UUID id) {
    return meetings
        .findById(id)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("review", id));
  }

  /**
   * Two schedulers never book the same room at once: the check and the booking are serialised per
   * room.
   */
  private Uni<Void> lockRoom(String location) {
    return lock("review-room:" + location);
  }

  /** A transaction-scoped advisory lock on {@code key}, held until the transaction ends. */
  private Uni<Void> lock(String key) {
    return AdvisoryLocks.hold(key);
  }

  /**
   * The preferred start if it is allowed and free (409 otherwise), else the first free slot from
   * now.
   */
  private Uni<Instant> slot(
      String location, Duration duration, Instant preferred, ReviewMeeting moving) {
    Instant now = clock.instant();
    Instant from =
        preferred != null
            ? preferred
            : (moving != null ? moving.getStartsAt().plus(Duration.ofMinutes(30)) : now);
    return meetings
        .list(
            "location = ?1 and status <> 'cancelled' and startsAt < ?2",
            location,
            from.plus(SEARCH).plus(Duration.ofDays(1)))
        .map(
            booked -> {
              List<BusinessCalendar.Busy> busy = new ArrayList<>();
              booked.stream()
                  .filter(b -> moving == null || !b.getId().equals(moving.getId()))
                  .forEach(
                      b -> busy.add(new BusinessCalendar.Busy(b.getStartsAt(), b.getEndsAt())));
              if (preferred != null) {
                if (preferred.isBefore(now)) {
                  throw ProblemException.invalid("startsAt", "is in the past");
                }
                String why = calendar.whyNot(preferred, duration);
                if (why != null) {
                  throw ProblemException.conflict("cannot hold a review then: " + why);
                }
                if (busy.stream().anyMatch(b -> b.overlaps(preferred, preferred.plus(duration)))) {
                  throw ProblemException.conflict(location + " is booked then");
                }
                return preferred;
              }
              return calendar
                  .firstFreeSlot(from.isBefore(now) ? now : from, duration, busy, from.plus(SEARCH))
                  .orElseThrow(
                      () ->
                          ProblemException.conflict(
                              "no free slot in "
                                  + location
                                  + " within "
                                  + SEARCH.toDays()
                                  + " days"));
            });
  }

  private static List<String> attendees(
      MeetingPolicy.Severity p, IncidentFact fact, List<String> extra) {
    LinkedHashSet<String> all = new LinkedHashSet<>(p.attendees());
    if (fact.getCommander() != null) {
      all.add(fact.getCommander());
    }
    if (extra != null) {
      all.addAll(extra);
    }
    return List.copyOf(all);
  }

  private String icsBase() {
    return config.publicUrl() + "/v1/reviews/";
  }
}
