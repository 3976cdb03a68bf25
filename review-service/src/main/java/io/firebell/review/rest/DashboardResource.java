package io.firebell.review.rest;

import io.firebell.platform.problem.ProblemException;
import io.firebell.platform.security.Roles;
import io.firebell.review.service.ActionItemService;
import io.firebell.review.service.LearningService;
import io.firebell.review.service.MetricsService;
import io.firebell.review.service.ReviewDeadlineService;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/dashboard")
@Tag(name = "Metrics")
public class DashboardResource {

  private final MetricsService metrics;
  private final LearningService learning;
  private final ReviewDeadlineService deadlines;
  private final ActionItemService actionItems;
  private final Clock clock;

  public DashboardResource(
      MetricsService metrics,
      LearningService learning,
      ReviewDeadlineService deadlines,
      ActionItemService actionItems,
      Clock clock) {
    this.metrics = metrics;
    this.learning = learning;
    this.deadlines = deadlines;
    this.actionItems = actionItems;
    this.clock = clock;
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  @Produces(MediaType.TEXT_HTML)
  @Operation(
      summary = "The incident dashboard (HTML)",
      description =
          "Incidents per week by severity, MTTD/MTTR trend, where incidents happen, how they were found, failures by partner, MTTD by detection method, and the headline numbers; then what the data teaches: availability per service, incidents whose detection lagged or that customers found first (with a suggested action item), weak spots, reviews not booked by their deadline and stop-gaps whose root-cause fix is not done. weeks: 4-52 (default 12). The JWT comes in the Authorization header only; people open it through the console's /dashboard.")
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
                    .chain(
                        rows ->
                            lessons(from, now)
                                .map(
                                    l ->
                                        DashboardPage.render(rows, summary, firstWeek, weeks, l))));
  }

  /** One query after another: a reactive session runs one at a time. */
  private Uni<DashboardPage.Lessons> lessons(Instant from, Instant to) {
    Collected c = new Collected();
    return learning
        .availability(from, to)
        .invoke(l -> c.services = l)
        .chain(() -> learning.detectionGaps(from, to, null))
        .invoke(l -> c.gaps = l)
        .chain(() -> learning.weakSpots(from, to, "service", "incidents", 10))
        .invoke(l -> c.spots = l)
        .chain(() -> deadlines.requirements(from, to, null))
        .invoke(
            l -> c.late = l.stream().filter(ReviewDeadlineService.Requirement::flagged).toList())
        .chain(() -> actionItems.stopGaps(true, 50))
        .map(stopGaps -> new DashboardPage.Lessons(c.services, c.gaps, c.spots, c.late, stopGaps));
  }

  /** The parts of the lessons as they arrive. */
  private static final class Collected {
    private List<LearningService.ServiceHealth> services;
    private List<LearningService.DetectionGap> gaps;
    private List<LearningService.WeakSpot> spots;
    private List<ReviewDeadlineService.Requirement> late;
  }
}
