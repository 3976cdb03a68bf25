package io.firebell.detection.rest;

import io.firebell.detection.model.Alert;
import io.firebell.detection.model.AlertGroup;
import io.firebell.detection.model.AlertGroupStatus;
import io.firebell.detection.routing.SignalKind;
import io.firebell.detection.service.TriageService;
import io.firebell.platform.problem.ProblemException;
import io.firebell.platform.rest.CursorPage;
import io.firebell.platform.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/alert-groups")
@Tag(name = "Alert groups")
public class AlertGroupResource {

  /** The most alerts {@code GET /v1/alert-groups/{id}?alerts=} answers. */
  static final int MAX_ALERTS = 500;

  private static final List<String> STATUSES =
      Stream.of(AlertGroupStatus.values()).map(AlertGroupStatus::wire).toList();

  private final TriageService triage;
  private final SecurityIdentity identity;

  public AlertGroupResource(TriageService triage, SecurityIdentity identity) {
    this.triage = triage;
    this.identity = identity;
  }

  public record AlertGroupView(
      UUID id,
      String routeKey,
      UUID routeId,
      String domain,
      String service,
      String kind,
      String severity,
      String partner,
      String summary,
      Map<String, String> labels,
      String status,
      int alertCount,
      int firingCount,
      int flapCount,
      Instant occurredAt,
      Instant detectedAt,
      Instant openedAt,
      Instant lastAlertAt,
      Instant resolvedAt,
      Instant acknowledgedAt,
      String acknowledgedBy,
      Instant dismissedAt,
      String dismissedBy,
      String dismissReason,
      Instant declaredAt,
      String declaredBy,
      UUID incidentId,
      Instant pagedAt) {
    static AlertGroupView of(AlertGroup g) {
      return new AlertGroupView(
          g.getId(),
          g.getRouteKey(),
          g.getRouteId(),
          g.getDomain(),
          g.getService(),
          g.getKind(),
          g.getSeverity(),
          g.getPartner(),
          g.getSummary(),
          g.getLabels(),
          g.getStatus().wire(),
          g.getAlertCount(),
          g.getFiringCount(),
          g.getFlapCount(),
          g.getOccurredAt(),
          g.getDetectedAt(),
          g.getOpenedAt(),
          g.getLastAlertAt(),
          g.getResolvedAt(),
          g.getAcknowledgedAt(),
          g.getAcknowledgedBy(),
          g.getDismissedAt(),
          g.getDismissedBy(),
          g.getDismissReason(),
          g.getDeclaredAt(),
          g.getDeclaredBy(),
          g.getIncidentId(),
          g.getPagedAt());
    }
  }

  public record AlertView(
      UUID id,
      String dedupKey,
      String sourceKind,
      UUID integrationId,
      String status,
      String severity,
      String summary,
      Map<String, String> labels,
      Map<String, String> annotations,
      Map<String, String> links,
      Map<String, Object> details,
      String generatorUrl,
      Instant startsAt,
      Instant endsAt,
      Instant firstReceivedAt,
      Instant lastReceivedAt,
      int receiveCount) {
    static AlertView of(Alert a) {
      return new AlertView(
          a.getId(),
          a.getDedupKey(),
          a.getSourceKind(),
          a.getIntegrationId(),
          a.getStatus().wire(),
          a.getSeverity(),
          a.getSummary(),
          a.getLabels(),
          a.getAnnotations(),
          a.getLinks(),
          a.getDetails(),
          a.getGeneratorUrl(),
          a.getStartsAt(),
          a.getEndsAt(),
          a.getFirstReceivedAt(),
          a.getLastReceivedAt(),
          a.getReceiveCount());
    }
  }

  public record Counts(int alerts, int firing, int resolved, int flaps, long receives) {}

  public record AlertGroupDetail(AlertGroupView group, Counts counts, List<AlertView> alerts) {}

  public record DeclareRequest(
      @Size(max = 200) String title,
      @jakarta.validation.constraints.Pattern(
              regexp = "SEV[1-9]",
              message = "must be a severity grade such as SEV2")
          String severity) {}

  public record DismissRequest(@NotBlank @Size(max = 1000) String reason) {}

  @GET
  @RolesAllowed(Roles.VIEWER)
  public Uni<CursorPage<AlertGroupView>> list(
      @QueryParam("status") String status,
      @QueryParam("domain") String domain,
      @QueryParam("service") String service,
      @QueryParam("kind") String kind,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
    AlertGroupStatus wanted = AlertGroupStatus.fromWire(status);
    if (status != null && wanted == null) {
      throw ProblemException.invalid("status", "must be one of " + STATUSES);
    }
    if (kind != null && !SignalKind.ALL.contains(kind)) {
      throw ProblemException.invalid("kind", "must be one of " + SignalKind.ALL);
    }
    CursorPage.After after = CursorPage.after(cursor);
    return triage
        .list(
            new TriageService.Filter(wanted, domain, service, kind), after.at(), after.id(), limit)
        .map(
            groups ->
                CursorPage.ofFull(
                    groups, limit, AlertGroupView::of, g -> g.getOpenedAt() + "|" + g.getId()));
  }

  @GET
  @Path("{id}")
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary = "An alert group with its alerts and counts",
      description =
          "Without ?alerts=, every alert of the group, first received first. With ?alerts=n (0 to "
              + MAX_ALERTS
              + "), only the first n in the order the triage list shows them: firing first, then"
              + " most often received, then latest received. The counts are of all the group's"
              + " alerts either way.")
  @APIResponse(responseCode = "200", description = "The group, its counts and its alerts")
  @APIResponse(
      responseCode = "400",
      description = "alerts is not a whole number from 0 to " + MAX_ALERTS)
  @APIResponse(responseCode = "404", description = "No such alert group")
  public Uni<AlertGroupDetail> get(
      @PathParam("id") UUID id,
      @Parameter(
              description =
                  "How many alerts to answer, 0 to "
                      + MAX_ALERTS
                      + ", firing and most re-sent first; all, first received first, when absent",
              schema = @Schema(type = SchemaType.INTEGER, minimum = "0", maximum = "" + MAX_ALERTS))
          @QueryParam("alerts")
          String alerts) {
    Integer first = alertsWanted(alerts);
    return triage
        .get(id, first)
        .map(
            d ->
                new AlertGroupDetail(
                    AlertGroupView.of(d.group()),
                    new Counts(
                        d.group().getAlertCount(),
                        d.group().getFiringCount(),
                        d.tally().resolved(),
                        d.group().getFlapCount(),
                        d.tally().receives()),
                    d.alerts().stream().map(AlertView::of).toList()));
  }

  @POST
  @Path("{id}/acknowledge")
  @RolesAllowed(Roles.RESPONDER)
  public Uni<AlertGroupView> acknowledge(@PathParam("id") UUID id) {
    return triage.acknowledge(id, person()).map(AlertGroupView::of);
  }

  @POST
  @Path("{id}/declare")
  @RolesAllowed(Roles.RESPONDER)
  public Uni<AlertGroupView> declare(@PathParam("id") UUID id, @Valid DeclareRequest request) {
    DeclareRequest r = request == null ? new DeclareRequest(null, null) : request;
    return triage.declare(id, r.title(), r.severity(), person()).map(AlertGroupView::of);
  }

  @POST
  @Path("{id}/dismiss")
  @RolesAllowed(Roles.RESPONDER)
  public Uni<AlertGroupView> dismiss(
      @PathParam("id") UUID id, @Valid @NotNull DismissRequest request) {
    return triage.dismiss(id, request.reason(), person()).map(AlertGroupView::of);
  }

  /** The {@code alerts} query parameter: null when absent, else 0 to {@link #MAX_ALERTS}. */
  private static Integer alertsWanted(String alerts) {
    if (alerts == null) {
      return null;
    }
    // Digits only (no sign, no blank), at most nine: the number fits an int.
    if (!alerts.matches("[0-9]{1,9}") || Integer.parseInt(alerts) > MAX_ALERTS) {
      throw ProblemException.invalid("alerts", "must be a whole number from 0 to " + MAX_ALERTS);
    }
    return Integer.parseInt(alerts);
  }

  private String person() {
    return identity.getPrincipal().getName();
  }
}
