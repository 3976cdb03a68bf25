package io.firebell.review.rest;

import io.firebell.platform.problem.ProblemException;
import io.firebell.platform.security.Roles;
import io.firebell.review.service.MetricsService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/metrics")
@Tag(name = "Metrics")
public class MetricsResource {

  private final MetricsService metrics;
  private final Clock clock;

  public MetricsResource(MetricsService metrics, Clock clock) {
    this.metrics = metrics;
    this.clock = clock;
  }

  @GET
  @Path("/summary")
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary = "Incident metrics over a period",
      description =
          "Incidents declared in [from, to) (default: the last 30 days): count, MTTD (detected - occurred), MTTA (acknowledged - detected), MTTR (resolved - occurred) as p50/p90/mean seconds (nearest rank), the share customers (CS desk) or partners found first, the recurrence rate, action-item completion and overdue count. groupBy: service, domain, component, detection_method, severity, kind (the signal: system, business, external_integration, cs_inquiry, or manual for incidents declared by hand) partner (of external-integration signals; none otherwise) or week (the Monday, UTC, of the week the incident occurred; weeks in calendar order, weeks without incidents absent). Reviewers' corrections of times are applied.")
  public Uni<MetricsService.Summary> summary(
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("groupBy") String groupBy) {
    Instant end = to == null ? clock.instant() : instant("to", to);
    Instant start = from == null ? end.minus(Duration.ofDays(30)) : instant("from", from);
    if (!start.isBefore(end)) {
      throw ProblemException.invalid("from", "must be before to");
    }
    if (groupBy != null && !MetricsService.GROUP_BY.contains(groupBy)) {
      throw ProblemException.invalid("groupBy", "must be one of " + MetricsService.GROUP_BY);
    }
    return metrics.summary(start, end, groupBy);
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
