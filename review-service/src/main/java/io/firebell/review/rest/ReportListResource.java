package io.firebell.review.rest;

import io.firebell.platform.problem.ProblemException;
import io.firebell.platform.security.Roles;
import io.firebell.review.config.ReviewConfig;
import io.firebell.review.model.IncidentFact;
import io.firebell.review.model.Report;
import io.firebell.review.service.ReportService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/reports")
@Tag(name = "Reports")
public class ReportListResource {

  private final ReportService reports;
  private final ReviewConfig config;

  public ReportListResource(ReportService reports, ReviewConfig config) {
    this.reports = reports;
    this.config = config;
  }

  /** A report in a list: where it stands and which incident it is about. */
  public record ReportSummary(
      UUID incidentId,
      String reference,
      String title,
      String severity,
      List<String> services,
      String status,
      int publishedVersion,
      String causeCategory,
      Instant resolvedAt,
      Instant draftedAt,
      Instant updatedAt,
      String updatedBy,
      Instant publishedAt,
      String url) {}

  @GET
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary = "The latest reports, newest draft first",
      description = "status: draft or published (default both); limit 1-500 (default 50).")
  public Uni<List<ReportSummary>> list(
      @QueryParam("status") String status,
      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
    if (status != null && !List.of(Report.DRAFT, Report.PUBLISHED).contains(status)) {
      throw ProblemException.invalid("status", "must be draft or published");
    }
    return reports
        .list(status, limit)
        .map(l -> l.stream().map(x -> summary(x.report(), x.fact())).toList());
  }

  private ReportSummary summary(Report r, IncidentFact f) {
    return new ReportSummary(
        r.getIncidentId(),
        f == null ? null : f.getReference(),
        f == null ? null : f.getTitle(),
        f == null ? null : f.getSeverity(),
        f == null ? List.of() : f.getServices(),
        r.getStatus(),
        r.getPublishedVersion(),
        r.getCauseCategory(),
        f == null ? null : f.getResolvedAt(),
        r.getDraftedAt(),
        r.getUpdatedAt(),
        r.getUpdatedBy(),
        r.getPublishedAt(),
        config.publicUrl() + "/v1/reports/" + r.getIncidentId());
  }
}
