package io.firebell.detection.rest;

import io.firebell.detection.model.EscalationPolicy;
import io.firebell.detection.model.Page;
import io.firebell.detection.model.Person;
import io.firebell.detection.model.Schedule;
import io.firebell.detection.model.ScheduleOverride;
import io.firebell.detection.oncall.OnCallAdminService;
import io.firebell.detection.oncall.PageService;
import io.firebell.platform.outbound.OutboundGuard;
import io.firebell.platform.outbound.OutboundUrlCheck;
import io.firebell.platform.problem.ProblemException;
import io.firebell.platform.secrets.Redaction;
import io.firebell.platform.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.net.URI;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** People, schedules, overrides, escalation policies, who is on call, and pages. */
@Path("/v1")
@Tag(name = "On-call")
public class OnCallResource {

  private final OnCallAdminService admin;
  private final PageService pages;
  private final OutboundUrlCheck urlCheck;
  private final SecurityIdentity identity;
  private final Clock clock;

  public OnCallResource(
      OnCallAdminService admin,
      PageService pages,
      OutboundUrlCheck urlCheck,
      SecurityIdentity identity,
      Clock clock) {
    this.admin = admin;
    this.pages = pages;
    this.urlCheck = urlCheck;
    this.identity = identity;
    this.clock = clock;
  }

  public record PersonRequest(
      @Size(max = 200) String name,
      @NotBlank
          @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL")
          @Schema(description = "Where this person's pages are POSTed. " + OutboundGuard.URL_RULE)
          String webhookUrl,
      Boolean rotateSecret) {}

  public record PersonView(
      String id,
      String name,
      @Schema(
              description =
                  "Whole for admins; for everyone else redacted to scheme, host and the last four"
                      + " characters (https://hooks.slack.com/…Xy9Z): such a URL is a credential")
          String webhookUrl,
      @Schema(
              description =
                  "The Standard Webhooks secret pages are signed with: only in the answer that"
                      + " created or rotated it, never again (stored encrypted)")
          String webhookSecret,
      Instant updatedAt) {
    static PersonView of(Person p, String secret, boolean wholeUrl) {
      return new PersonView(
          p.getId(),
          p.getName(),
          wholeUrl ? p.getWebhookUrl() : Redaction.url(p.getWebhookUrl()),
          secret,
          p.getUpdatedAt());
    }
  }

  public record ScheduleRequest(
      @NotBlank @Size(max = 100) String name,
      @NotBlank String timeZone,
      @NotEmpty List<@NotBlank String> members,
      @NotBlank String rotationLength,
      @NotNull LocalTime handoffTime,
      @NotNull LocalDate startsOn) {}

  public record ScheduleView(
      UUID id,
      String name,
      String timeZone,
      List<String> members,
      String rotationLength,
      LocalTime handoffTime,
      LocalDate startsOn,
      Instant createdAt) {
    static ScheduleView of(Schedule s) {
      return new ScheduleView(
          s.getId(),
          s.getName(),
          s.getTimeZone(),
          s.getMembers(),
          s.getRotationLength(),
          s.getHandoffTime(),
          s.getStartsOn(),
          s.getCreatedAt());
    }
  }

  public record OverrideRequest(
      @NotBlank String person, @NotNull Instant startsAt, @NotNull Instant endsAt) {}

  public record OverrideView(
      UUID id, UUID scheduleId, String person, Instant startsAt, Instant endsAt, String createdBy) {
    static OverrideView of(ScheduleOverride o) {
      return new OverrideView(
          o.getId(),
          o.getScheduleId(),
          o.getPerson(),
          o.getStartsAt(),
          o.getEndsAt(),
          o.getCreatedBy());
    }
  }

  public record LevelRequest(
      @NotNull @Pattern(regexp = "schedule|person", message = "must be schedule or person")
          String targetType,
      @NotBlank String target,
      @NotNull @Min(1) @Max(86400) Integer ackTimeoutSeconds) {}

  public record PolicyRequest(
      @NotBlank @Size(max = 100) String name,
      @NotEmpty @Size(max = 10) List<@Valid @NotNull LevelRequest> levels,
      @Min(0) @Max(10) Integer repeatCount) {
    List<EscalationPolicy.Level> toLevels() {
      return levels.stream()
          .map(l -> new EscalationPolicy.Level(l.targetType(), l.target(), l.ackTimeoutSeconds()))
          .toList();
    }
  }

  public record PolicyView(
      UUID id, String name, List<EscalationPolicy.Level> levels, int repeatCount) {
    static PolicyView of(EscalationPolicy p) {
      return new PolicyView(p.getId(), p.getName(), p.getLevels(), p.getRepeatCount());
    }
  }

  public record PageView(
      UUID id,
      UUID alertGroupId,
      String domain,
      int level,
      int round,
      String person,
      UUID scheduleId,
      String severity,
      String summary,
      String status,
      int attempts,
      String lastError,
      Instant sentAt,
      Instant escalatesAt,
      Instant acknowledgedAt,
      Instant escalatedAt,
      UUID nextPageId) {
    static PageView of(Page p) {
      return new PageView(
          p.getId(),
          p.getAlertGroupId(),
          p.getDomain(),
          p.getLevel(),
          p.getRound(),
          p.getPerson(),
          p.getScheduleId(),
          p.getSeverity(),
          p.getSummary(),
          p.getStatus().wire(),
          p.getAttempts(),
          p.getLastError(),
          p.getSentAt(),
          p.getEscalatesAt(),
          p.getAcknowledgedAt(),
          p.getEscalatedAt(),
          p.getNextPageId());
    }
  }

  @PUT
  @Path("people/{id}")
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Create or replace a person who can be paged",
      description =
          "Checks the webhook URL with the outbound guard before anything is stored: 422 if its"
              + " host is an ambiguous IPv4 literal, resolves to a refused address (the answer"
              + " names the address class) or does not resolve. The answer carries the person's"
              + " signing secret when it is new (first time, or rotateSecret).")
  @APIResponse(responseCode = "200", description = "Stored")
  @APIResponse(responseCode = "400", description = "Missing or invalid field")
  @APIResponse(
      responseCode = "422",
      description =
          "The webhook URL's host is an ambiguous IPv4 literal, resolves to a refused address or"
              + " does not resolve; nothing is stored")
  public Uni<PersonView> putPerson(
      @PathParam("id") @Size(max = 200) String id, @Valid @NotNull PersonRequest request) {
    return urlCheck
        .check("webhookUrl", request.webhookUrl())
        .chain(
            () ->
                admin.putPerson(
                    id,
                    request.name(),
                    request.webhookUrl(),
                    Boolean.TRUE.equals(request.rotateSecret())))
        .map(saved -> PersonView.of(saved.person(), saved.newSecret(), true));
  }

  @GET
  @Path("people")
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary = "People who can be paged",
      description = "Webhook URLs are whole for admins only, redacted for everyone else.")
  public Uni<List<PersonView>> people() {
    boolean wholeUrl = identity.hasRole(Roles.ADMIN);
    return admin.people().map(l -> l.stream().map(p -> PersonView.of(p, null, wholeUrl)).toList());
  }

  @POST
  @Path("schedules")
  @RolesAllowed(Roles.ADMIN)
  public Uni<RestResponse<ScheduleView>> createSchedule(@Valid @NotNull ScheduleRequest r) {
    try {
      ZoneId.of(r.timeZone());
    } catch (DateTimeException e) {
      throw ProblemException.invalid("timeZone", "must be an IANA time zone such as Europe/Berlin");
    }
    String lengthError = Schedule.checkRotationLength(r.rotationLength());
    if (lengthError != null) {
      throw ProblemException.invalid("rotationLength", lengthError);
    }
    return admin
        .createSchedule(
            r.name(), r.timeZone(), r.members(), r.rotationLength(), r.handoffTime(), r.startsOn())
        .map(
            s ->
                RestResponse.ResponseBuilder.<ScheduleView>created(
                        URI.create("/v1/schedules/" + s.getId()))
                    .entity(ScheduleView.of(s))
                    .build());
  }

  @GET
  @Path("schedules")
  @RolesAllowed(Roles.VIEWER)
  public Uni<List<ScheduleView>> schedules() {
    return admin.schedules().map(l -> l.stream().map(ScheduleView::of).toList());
  }

  @GET
  @Path("schedules/{id}")
  @RolesAllowed(Roles.VIEWER)
  public Uni<ScheduleView> schedule(@PathParam("id") UUID id) {
    return admin.schedule(id).map(ScheduleView::of);
  }

  @GET
  @Path("schedules/{id}/overrides")
  @RolesAllowed(Roles.VIEWER)
  public Uni<List<OverrideView>> overrides(@PathParam("id") UUID id) {
    return admin.overrides(id).map(l -> l.stream().map(OverrideView::of).toList());
  }

  @POST
  @Path("schedules/{id}/overrides")
  @RolesAllowed(Roles.RESPONDER)
  public Uni<RestResponse<OverrideView>> addOverride(
      @PathParam("id") UUID id, @Valid @NotNull OverrideRequest r) {
    if (!r.endsAt().isAfter(r.startsAt())) {
      throw ProblemException.invalid("endsAt", "must be after startsAt");
    }
    return admin
        .addOverride(id, r.person(), r.startsAt(), r.endsAt(), identity.getPrincipal().getName())
        .map(o -> RestResponse.status(RestResponse.Status.CREATED, OverrideView.of(o)));
  }

  @POST
  @Path("escalation-policies")
  @RolesAllowed(Roles.ADMIN)
  public Uni<RestResponse<PolicyView>> createPolicy(@Valid @NotNull PolicyRequest r) {
    return admin
        .createPolicy(r.name(), r.toLevels(), r.repeatCount() == null ? 0 : r.repeatCount())
        .map(
            p ->
                RestResponse.ResponseBuilder.<PolicyView>created(
                        URI.create("/v1/escalation-policies/" + p.getId()))
                    .entity(PolicyView.of(p))
                    .build());
  }

  @PUT
  @Path("escalation-policies/{id}")
  @RolesAllowed(Roles.ADMIN)
  public Uni<PolicyView> updatePolicy(@PathParam("id") UUID id, @Valid @NotNull PolicyRequest r) {
    return admin
        .updatePolicy(id, r.name(), r.toLevels(), r.repeatCount() == null ? 0 : r.repeatCount())
        .map(PolicyView::of);
  }

  @GET
  @Path("escalation-policies")
  @RolesAllowed(Roles.VIEWER)
  public Uni<List<PolicyView>> policies() {
    return admin.policies().map(l -> l.stream().map(PolicyView::of).toList());
  }

  @GET
  @Path("escalation-policies/{id}")
  @RolesAllowed(Roles.VIEWER)
  public Uni<PolicyView> policy(@PathParam("id") UUID id) {
    return admin.policy(id).map(PolicyView::of);
  }

  @GET
  @Path("oncall/{domain}")
  @RolesAllowed(Roles.VIEWER)
  public Uni<OnCallAdminService.DomainOnCall> onCall(
      @PathParam("domain") String domain, @QueryParam("at") String at) {
    Instant when;
    try {
      when = at == null ? Instant.now(clock) : Instant.parse(at);
    } catch (DateTimeException e) {
      throw ProblemException.invalid(
          "at", "must be an ISO-8601 instant such as 2026-03-12T10:00:00Z");
    }
    return admin.onCall(domain, when);
  }

  @GET
  @Path("pages")
  @RolesAllowed(Roles.VIEWER)
  public Uni<List<PageView>> pages(
      @QueryParam("alertGroupId") UUID alertGroupId, @QueryParam("person") String person) {
    return pages.list(alertGroupId, person).map(l -> l.stream().map(PageView::of).toList());
  }

  @POST
  @Path("pages/{id}/acknowledge")
  @RolesAllowed(Roles.RESPONDER)
  public Uni<PageView> acknowledge(@PathParam("id") UUID id) {
    return pages.acknowledge(id, identity.getPrincipal().getName()).map(PageView::of);
  }
}
