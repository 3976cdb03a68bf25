package io.firebell.review.rest;

import io.firebell.platform.problem.ProblemException;
import io.firebell.platform.security.Roles;
import io.firebell.review.config.ReviewConfig;
import io.firebell.review.model.ReviewMeeting;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/v1/reviews")
@Tag(name = "Reviews")
public class ReviewResource {

  private final ReviewMeetingService reviews;
  private final ReviewConfig config;
  private final SecurityIdentity identity;
  private final Clock clock;

  public ReviewResource(
      ReviewMeetingService reviews, ReviewConfig config, SecurityIdentity identity, Clock clock) {
    this.reviews = reviews;
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
      String scheduledBy) {}

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
        m.getScheduledBy());
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
