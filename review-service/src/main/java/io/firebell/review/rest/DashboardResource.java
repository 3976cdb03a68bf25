package io.firebell.review.rest;

import io.firebell.platform.problem.ProblemException;
import io.firebell.platform.security.Roles;
import io.firebell.review.service.MetricsService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/dashboard")
@Tag(name = "Metrics")
public class DashboardResource {

  private final MetricsService metrics;
  private final Clock clock;

  public DashboardResource(MetricsService metrics, Clock clock) {
    this.metrics = metrics;
    this.clock = clock;
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  @Produces(MediaType.TEXT_HTML)
  @Operation(
      summary = "The incident dashboard (HTML)",
      description =
          "Incidents per week by severity, MTTD/MTTR trend, where incidents happen, how they were found, external-integration and partner incidents, and the headline numbers. weeks: 4-52 (default 12). The JWT comes in the Authorization header only; people open it through the console's /dashboard.")
  public Uni<String> dashboard(@QueryParam("weeks") @DefaultValue("12") int weeks) {
    if (weeks < 4 || weeks > 52) {
      throw ProblemException.invalid("weeks", "must be between 4 and 52");
    }
    Instant now = clock.instant();
    LocalDate firstWeek = DashboardPage.weekOf(now).minusWeeks(weeks - 1L);
    Instant from = firstWeek.atStartOfDay(ZoneOffset.UTC).toInstant();
    return metrics
        .summary(from, now, null)
        .chain(
            summary ->
                metrics
                    .rowsBetween(from, now)
                    .map(rows -> DashboardPage.render(rows, summary, firstWeek, weeks)));
  }
}
