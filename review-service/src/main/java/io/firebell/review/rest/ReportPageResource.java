package io.firebell.review.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebell.platform.security.Roles;
import io.firebell.review.config.ReviewConfig;
import io.firebell.review.service.ReportService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/reports/{incidentId}")
@Tag(name = "Reports")
public class ReportPageResource {

  private final ReportService reports;
  private final ObjectMapper mapper;
  private final ReviewConfig config;

  public ReportPageResource(ReportService reports, ObjectMapper mapper, ReviewConfig config) {
    this.reports = reports;
    this.mapper = mapper;
    this.config = config;
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  @Produces(MediaType.TEXT_HTML)
  @Operation(
      summary = "The incident's report as an HTML page",
      description =
          "The JWT comes in the Authorization header only; people read the report in the console (/incidents/{id}/report).")
  public Uni<String> page(@PathParam("incidentId") UUID incidentId) {
    return reports
        .get(incidentId)
        .map(b -> ReportHtml.render(ReportView.of(b, mapper, config.detectionLagThreshold())));
  }
}
