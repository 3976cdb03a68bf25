package io.firebell.review.rest;

import io.firebell.platform.problem.ProblemException;
import io.firebell.platform.security.Roles;
import io.firebell.review.config.ReviewConfig;
import io.firebell.review.model.ReviewMeeting;
import io.firebell.review.service.ReviewDeadlineService;
import io.firebell.review.service.ReviewMeetingService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/v1/reviews")
@Tag(name = "Reviews")
public class ReviewResource {

  private final ReviewMeetingService reviews;
  private final ReviewDeadlineService deadlines;
  private final ReviewConfig config;
  private final SecurityIdentity identity;
  private final Clock clock;

  public ReviewResource(
      ReviewMeetingService reviews,
      ReviewDeadlineService deadlines,
      ReviewConfig config,
      SecurityIdentity identity,
      Clock clock) {
    this.reviews = reviews;
    this.deadlines = deadlines;
    this.config = config;
    this.identity = identity;
    this.clock = clock;
  }

  public record ReviewView(
      UUID id,
      UUID incidentId,
      String kind,
      Instant startsAt,
      Instant endsAt,
      int durationMinutes,
      String timeZone,
      String location,
      List<String> attendees,
      String status,
      int sequence,
      Instant dueBy,
      boolean withinPolicy,
      String minutesUrl,
      String icsUrl,
      String scheduledBy,
      @Schema(description = "The team review this org-wide review escalates, or null")
          UUID escalatedFrom,
      @Schema(description = "Why the team review was escalated, or null")
          String escalationReason) {}

  public record EscalateRequest(
      @NotBlank @Size(max = 500) @Schema(description = "Why the incident needs an org-wide review")
          String reason,
      @Schema(description = "When to hold it; without it the next free slot is taken")
          Instant preferredStart,
      List<@NotBlank @Email String> attendees) {}

  /** The review a resolved incident needs, and whether it was booked by the policy's deadline. */
  public record RequirementView(
      UUID incidentId,
      String reference,
      String title,
      String severity,
      Instant resolvedAt,
      @Schema(description = "team or org_wide: by severity policy, org_wide once escalated")
          String requiredKind,
      boolean escalated,
      @Schema(description = "The review must be booked by then (business days after resolution)")
          Instant bookBy,
      @Schema(description = "The review must be held by then") Instant dueBy,
      @Schema(
              description =
                  "booked (in time), booked_late, due (not booked, deadline ahead) or overdue (not booked, deadline passed)")
          String state,
      @Schema(description = "overdue or booked_late") boolean flagged,
      @Schema(description = "The review that satisfies it, or null") UUID reviewId) {}

  public record ScheduleRequest(
      @NotNull UUID incidentId, Instant preferredStart, List<@NotBlank @Email String> attendees) {}

  public record RescheduleRequest(Instant startsAt, @NotBlank @Size(max = 500) String reason) {}

  public record HeldRequest(
      @NotBlank @Pattern(regexp = "https?://\\S+", message = "must be an http(s) link")
          String minutesUrl) {}

  @POST
  @RolesAllowed(Roles.REVIEWER)
  @Operation(
      summary = "Schedule the review of an incident",
      description =
          "By severity policy: team or org-wide, due within N business days after resolution, in business hours of the configured time zone, never on weekends or holidays, never double-booking the room. Without preferredStart the next free slot is taken; a preferredStart that is not allowed or not free is 409. An incident has at most one scheduled review: asking again is 409, also when requests arrive at once on several replicas. Publishes review.scheduled.")
  public Uni<RestResponse<ReviewView>> schedule(@Valid @NotNull ScheduleRequest r) {
    return reviews
        .schedule(r.incidentId(), r.preferredStart(), r.attendees(), actor())
        .map(
            m ->
                RestResponse.ResponseBuilder.<ReviewView>create(Response.Status.CREATED)
                    .location(java.net.URI.create("/v1/reviews/" + m.getId()))
                    .entity(view(m))
                    .build());
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary = "Reviews starting in [from, to), or every review of one incident",
      description =
          "Default: from now to 60 days ahead. With incidentId: every review of that incident, whenever it starts (cancelled ones included); from and to are then not allowed.")
  public Uni<List<ReviewView>> list(
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("incidentId") UUID incidentId) {
    if (incidentId != null) {
      if (from != null || to != null) {
        throw ProblemException.invalid(
            from != null ? "from" : "to", "cannot be combined with incidentId");
      }
      return reviews.of(incidentId).map(l -> l.stream().map(this::view).toList());
    }
    Instant start = from == null ? Instant.now(clock) : instant("from", from);
    Instant end = to == null ? start.plus(Duration.ofDays(60)) : instant("to", to);
    if (!start.isBefore(end)) {
      throw ProblemException.invalid("from", "must be before to");
    }
    return reviews.between(start, end).map(l -> l.stream().map(this::view).toList());
  }

  @POST
  @Path("/{id}/escalate")
  @RolesAllowed(Roles.REVIEWER)
  @Operation(
      summary = "Escalate a team review to an org-wide review",
      description =
          "Books an org-wide review (every org head and the CTO, by the escalation policy) of the same incident, linked to this team review (escalatedFrom), which stays as it is. From then on the incident's required review is the org-wide one. 409 when this review is not a team review, is cancelled, or the incident already has an org-wide review. Publishes review.scheduled.")
  public Uni<RestResponse<ReviewView>> escalate(
      @PathParam("id") UUID id, @Valid @NotNull EscalateRequest r) {
    return reviews
        .escalate(id, r.reason(), r.preferredStart(), r.attendees(), actor())
        .map(
            m ->
                RestResponse.ResponseBuilder.<ReviewView>create(Response.Status.CREATED)
                    .location(java.net.URI.create("/v1/reviews/" + m.getId()))
                    .entity(view(m))
                    .build());
  }

  @GET
  @Path("/required")
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary = "The review each resolved incident needs, and whether it was booked in time",
      description =
          "For incidents resolved in [from, to) (default: the last 90 days), or one incident (incidentId): the required tier (team or org_wide by severity policy; org_wide once a team review was escalated), the booking deadline (book-within-business-days after resolution) and the due date, and the state: booked, booked_late, due or overdue. state= filters by state; flagged=true keeps only the flagged ones (overdue, booked_late), flagged=false the others. Flagged ones are also on the dashboard, and overdue ones are counted by the firebell_review_reviews_overdue gauge.")
  public Uni<List<RequirementView>> required(
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("incidentId") UUID incidentId,
      @QueryParam("state") String state,
      @QueryParam("flagged") String flagged) {
    if (state != null && !ReviewDeadlineService.STATES.contains(state)) {
      throw ProblemException.invalid("state", "must be one of " + ReviewDeadlineService.STATES);
    }
    if (flagged != null && !flagged.equals("true") && !flagged.equals("false")) {
      throw ProblemException.invalid("flagged", "must be true or false");
    }
    Boolean onlyFlagged = flagged == null ? null : Boolean.valueOf(flagged);
    Instant end = to == null ? Instant.now(clock) : instant("to", to);
    Instant start = from == null ? end.minus(Duration.ofDays(90)) : instant("from", from);
    if (!start.isBefore(end)) {
      throw ProblemException.invalid("from", "must be before to");
    }
    return deadlines
        .requirements(start, end, incidentId)
        .map(
            l ->
                l.stream()
                    .filter(r -> state == null || state.equals(r.state()))
                    .filter(r -> onlyFlagged == null || onlyFlagged == r.flagged())
                    .map(ReviewResource::requirement)
                    .toList());
  }

  static RequirementView requirement(ReviewDeadlineService.Requirement r) {
    return new RequirementView(
        r.fact().getIncidentId(),
        r.fact().getReference(),
        r.fact().getTitle(),
        r.severity(),
        r.fact().getResolvedAt(),
        r.requiredKind(),
        r.escalated(),
        r.bookBy(),
        r.dueBy(),
        r.state(),
        r.flagged(),
        r.booking() == null ? null : r.booking().getId());
  }

  @GET
  @Path("/calendar.ics")
  @RolesAllowed(Roles.VIEWER)
  @Produces(ReviewCalendar.MEDIA_TYPE)
  @Operation(
      summary = "Every review from 30 days ago to 180 days ahead, as a subscribable iCalendar feed")
  public Uni<String> feed() {
    Instant now = Instant.now(clock);
    return reviews
        .between(now.minus(Duration.ofDays(30)), now.plus(Duration.ofDays(180)))
        .map(l -> ReviewCalendar.render(l, reviews.organizer(), reportBase(), now));
  }

  @GET
  @Path("/{id}")
  @RolesAllowed(Roles.VIEWER)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "One review")
  public Uni<ReviewView> get(@PathParam("id") UUID id) {
    return reviews.get(id).map(this::view);
  }

  @GET
  @Path("/{id}")
  @RolesAllowed(Roles.VIEWER)
  @Produces(ReviewCalendar.MEDIA_TYPE)
  @Operation(
      summary =
          "One review as an iCalendar VEVENT (SEQUENCE bumped on every change, STATUS:CANCELLED when cancelled)")
  public Uni<String> ics(@PathParam("id") UUID id) {
    return reviews
        .get(id)
        .map(
            m ->
                ReviewCalendar.render(
                    List.of(m), reviews.organizer(), reportBase(), Instant.now(clock)));
  }

  @PATCH
  @Path("/{id}")
  @RolesAllowed(Roles.REVIEWER)
  @Operation(
      summary = "Reschedule",
      description =
          "To startsAt (409 if not allowed or not free), or without it to the next free slot after the current one. Publishes review.rescheduled.")
  public Uni<ReviewView> reschedule(@PathParam("id") UUID id, @Valid @NotNull RescheduleRequest r) {
    return reviews.reschedule(id, r.startsAt(), r.reason(), actor()).map(this::view);
  }

  @DELETE
  @Path("/{id}")
  @RolesAllowed(Roles.REVIEWER)
  @Operation(
      summary = "Cancel",
      description = "Publishes review.cancelled; the iCalendar event turns STATUS:CANCELLED.")
  public Uni<ReviewView> cancel(
      @PathParam("id") UUID id, @QueryParam("reason") @Size(max = 500) String reason) {
    return reviews.cancel(id, reason == null ? "cancelled" : reason, actor()).map(this::view);
  }

  @POST
  @Path("/{id}/held")
  @RolesAllowed(Roles.REVIEWER)
  @Operation(summary = "Mark the review as held, with a link to its minutes")
  public Uni<ReviewView> held(@PathParam("id") UUID id, @Valid @NotNull HeldRequest r) {
    return reviews.held(id, r.minutesUrl()).map(this::view);
  }

  private ReviewView view(ReviewMeeting m) {
    return new ReviewView(
        m.getId(),
        m.getIncidentId(),
        m.getKind(),
        m.getStartsAt(),
        m.getEndsAt(),
        m.getDurationMinutes(),
        m.getTimeZone(),
        m.getLocation(),
        m.getAttendees(),
        m.getStatus(),
        m.getSequence(),
        m.getDueBy(),
        !m.getStartsAt().isAfter(m.getDueBy()),
        m.getMinutesUrl(),
        config.publicUrl() + "/v1/reviews/" + m.getId(),
        m.getScheduledBy(),
        m.getEscalatedFrom(),
        m.getEscalationReason());
  }

  private String reportBase() {
    return config.publicUrl() + "/v1/reports/";
  }

  private String actor() {
    return identity.getPrincipal().getName();
  }

  private static Instant instant(String field, String value) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw ProblemException.invalid(field, "must be an ISO-8601 UTC time");
    }
  }
}
