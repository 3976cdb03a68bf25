package io.firebell.review.rest;

import io.firebell.platform.security.Roles;
import io.firebell.review.config.ReviewConfig;
import io.firebell.review.model.ActionItem;
import io.firebell.review.service.RecurrenceService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/incidents/{incidentId}/similar")
@Tag(name = "Recurrence")
public class SimilarIncidentsResource {

  private final RecurrenceService recurrences;
  private final ReviewConfig config;

  public SimilarIncidentsResource(RecurrenceService recurrences, ReviewConfig config) {
    this.recurrences = recurrences;
    this.config = config;
  }

  /** An earlier incident this one repeats, why, and what was promised after it. */
  public record SimilarIncident(
      UUID incidentId,
      String reference,
      String title,
      Instant occurredAt,
      Instant declaredAt,
      List<String> matchedOn,
      String reportUrl,
      String reportStatus,
      List<ReportView.ActionItemView> actionItems,
      long openActionItems) {}

  @GET
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary = "Earlier incidents this one repeats",
      description =
          "Same service or component (and, once both reports have one, the same cause category), newest first and at most the 10 most recent (firebell.review.recurrence-matches), with their reports and action items and how many are still open.")
  public Uni<List<SimilarIncident>> similar(@PathParam("incidentId") UUID incidentId) {
    return recurrences
        .similar(incidentId)
        .map(
            matches ->
                matches.stream()
                    .map(
                        m ->
                            new SimilarIncident(
                                m.earlier().getIncidentId(),
                                m.earlier().getReference(),
                                m.earlier().getTitle(),
                                m.earlier().getOccurredAt(),
                                m.earlier().getDeclaredAt(),
                                m.matchedOn(),
                                m.report() == null
                                    ? null
                                    : config.publicUrl()
                                        + "/v1/reports/"
                                        + m.earlier().getIncidentId(),
                                m.report() == null ? null : m.report().getStatus(),
                                m.actionItems().stream()
                                    .map(ReportView.ActionItemView::of)
                                    .toList(),
                                m.actionItems().stream().filter(ActionItem::isOpen).count()))
                    .toList());
  }
}
