package io.firebell.review.rest;

import io.firebell.platform.problem.ProblemException;
import io.firebell.platform.security.Roles;
import io.firebell.review.service.LearningService;
import io.firebell.review.service.MetricsService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/metrics")
@Tag(name = "Metrics")
public class MetricsResource {

  private final MetricsService metrics;
  private final LearningService learning;
  private final Clock clock;

  public MetricsResource(MetricsService metrics, LearningService learning, Clock clock) {
    this.metrics = metrics;
    this.learning = learning;
    this.clock = clock;
  }

  @GET
  @Path("/summary")
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary = "Incident metrics over a period",
      description =
          "Incidents declared in [from, to) (default: the last 30 days): count, MTTD (detected - occurred), MTTA (acknowledged - detected), MTTR (resolved - occurred) as p50/p90/mean seconds (nearest rank), MTTD per detection method (mttdByDetectionMethod), the share customers (CS desk) or partners found first, the recurrence rate, action-item completion and overdue count. groupBy: service, domain, component, detection_method, severity, kind (the signal: system, business, external_integration, cs_inquiry, or manual for incidents declared by hand) partner (the partner that failed: of an external-integration signal, or the one a hand-declared partner report names; none otherwise) or week (the Monday, UTC, of the week the incident occurred; weeks in calendar order, weeks without incidents absent). Reviewers' corrections of times are applied.")
  public Uni<MetricsService.Summary> summary(
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("groupBy") String groupBy) {
    Period p = period(from, to);
    Instant start = p.from();
    Instant end = p.to();
    if (groupBy != null && !MetricsService.GROUP_BY.contains(groupBy)) {
      throw ProblemException.invalid("groupBy", "must be one of " + MetricsService.GROUP_BY);
    }
    return metrics.summary(start, end, groupBy);
  }

  /** A period from query parameters: [from, to), default the last 30 days. */
  private record Period(Instant from, Instant to) {}

  private Period period(String from, String to) {
    Instant end = to == null ? clock.instant() : instant("to", to);
    Instant start = from == null ? end.minus(Duration.ofDays(30)) : instant("from", from);
    if (!start.isBefore(end)) {
      throw ProblemException.invalid("from", "must be before to");
    }
    return new Period(start, end);
  }

  @GET
  @Path("/services")
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary = "Availability per service, beside MTTD/MTTA/MTTR",
      description =
          "For [from, to) (default: the last 30 days), every service with an incident whose impact window overlaps the period: availability = 1 - impactSeconds / the period, where impactSeconds is the union of its incidents' impact windows inside the period (occurred, else detected, to mitigated, else resolved, else now; overlapping incidents count once), and the same incidents' MTTD, MTTA and MTTR. Least available first. Reviewers' corrections of times are applied.")
  public Uni<List<LearningService.ServiceHealth>> services(
      @QueryParam("from") String from, @QueryParam("to") String to) {
    Period p = period(from, to);
    return learning.availability(p.from(), p.to());
  }

  @GET
  @Path("/detection-gaps")
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary = "Incidents monitoring missed: detection lagged, or customers found them first",
      description =
          "Incidents declared in [from, to) (default: the last 30 days) whose detection lagged occurrence by more than thresholdMinutes (default firebell.review.detection-lag-threshold, 10 minutes) - reason detection_lag - or that customers found first (cs_inquiry) - reason found_by_customers - newest first, each with a suggested action item (\"Add monitoring for ...\", kind monitoring_alerting, horizon short) ready to POST to /v1/reports/{incidentId}/action-items with an owner, and how many monitoring action items the incident has already.")
  public Uni<List<LearningService.DetectionGap>> detectionGaps(
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("thresholdMinutes") @Min(0) @Max(10080) Integer thresholdMinutes) {
    Period p = period(from, to);
    return learning.detectionGaps(
        p.from(), p.to(), thresholdMinutes == null ? null : Duration.ofMinutes(thresholdMinutes));
  }

  /** A weak spot as the API shows it. */
  public record WeakSpotView(
      @Schema(description = "The service or component") String key,
      int incidents,
      @Schema(description = "The incidents' impact windows summed, in minutes")
          long customerMinutes,
      @Schema(description = "How many of its incidents in the period repeated an earlier one")
          int recurrences,
      @Schema(
              description =
                  "Every incident on it but the latest, oldest first, with its open and closed (done or cancelled) action items")
          List<EarlierIncidentView> earlierIncidents) {}

  public record EarlierIncidentView(
      UUID incidentId,
      String reference,
      String title,
      Instant occurredAt,
      List<ReportView.ActionItemView> openActionItems,
      List<ReportView.ActionItemView> closedActionItems) {}

  @GET
  @Path("/weak-spots")
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary = "Weak spots: where incidents gather and recur",
      description =
          "Services (by=service, default) or components (by=component) of the incidents declared in [from, to) (default: the last 30 days), ranked by rankBy: incidents (default), customer_minutes or recurrence (the others break ties). Each lists the earlier incidents on it with their open and closed action items, so a recurrence shows what was promised last time.")
  public Uni<List<WeakSpotView>> weakSpots(
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("by") @DefaultValue("service") String by,
      @QueryParam("rankBy") @DefaultValue("incidents") String rankBy,
      @QueryParam("limit") @DefaultValue("10") @Min(1) @Max(100) int limit) {
    if (!LearningService.WEAK_SPOT_BY.contains(by)) {
      throw ProblemException.invalid("by", "must be one of " + LearningService.WEAK_SPOT_BY);
    }
    if (!LearningService.RANK_BY.contains(rankBy)) {
      throw ProblemException.invalid("rankBy", "must be one of " + LearningService.RANK_BY);
    }
    Period p = period(from, to);
    return learning
        .weakSpots(p.from(), p.to(), by, rankBy, limit)
        .map(l -> l.stream().map(MetricsResource::view).toList());
  }

  static WeakSpotView view(LearningService.WeakSpot w) {
    return new WeakSpotView(
        w.key(),
        w.incidents(),
        w.customerMinutes(),
        w.recurrences(),
        w.earlierIncidents().stream()
            .map(
                e ->
                    new EarlierIncidentView(
                        e.incidentId(),
                        e.reference(),
                        e.title(),
                        e.occurredAt(),
                        e.openActionItems().stream().map(ReportView.ActionItemView::of).toList(),
                        e.closedActionItems().stream().map(ReportView.ActionItemView::of).toList()))
            .toList());
  }

  private static Instant instant(String field, String value) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw ProblemException.invalid(
          field, "must be an ISO-8601 UTC time such as 2026-11-01T00:00:00Z");
    }
  }
}
