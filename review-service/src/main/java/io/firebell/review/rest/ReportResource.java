package io.firebell.review.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebell.platform.problem.ProblemException;
import io.firebell.platform.security.AuthorizedBeforeBody;
import io.firebell.platform.security.Roles;
import io.firebell.review.config.ReviewConfig;
import io.firebell.review.model.Report;
import io.firebell.review.model.Why;
import io.firebell.review.security.ReportEditors;
import io.firebell.review.service.ActionItemService;
import io.firebell.review.service.ReportBundle;
import io.firebell.review.service.ReportService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/v1/reports/{incidentId}")
@Tag(name = "Reports")
public class ReportResource {

  static final String MARKDOWN = "text/markdown";

  private final ReportService reports;
  private final ActionItemService actionItems;
  private final SecurityIdentity identity;
  private final ObjectMapper mapper;
  private final ReviewConfig config;

  public ReportResource(
      ReportService reports,
      ActionItemService actionItems,
      SecurityIdentity identity,
      ObjectMapper mapper,
      ReviewConfig config) {
    this.reports = reports;
    this.actionItems = actionItems;
    this.identity = identity;
    this.mapper = mapper;
    this.config = config;
  }

  private ReportView view(ReportBundle b) {
    return ReportView.of(b, mapper, config.detectionLagThreshold());
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "The incident's report",
      description =
          "Drafted automatically when the incident resolves, with the facts and the merged timeline from events. The ETag is the report's version, for If-Match on PATCH.")
  public Uni<Response> get(@PathParam("incidentId") UUID incidentId) {
    return reports
        .get(incidentId)
        .map(this::view)
        .map(v -> Response.ok(v).tag(String.valueOf(v.version())).build());
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  @Produces(MARKDOWN)
  @Operation(summary = "The incident's report as Markdown")
  public Uni<String> markdown(@PathParam("incidentId") UUID incidentId) {
    return reports.get(incidentId).map(b -> ReportMarkdown.render(view(b)));
  }

  /** What a reviewer or the commander writes; absent fields stay as they are. */
  public record PatchReportRequest(
      @Size(max = 10000) String cause,
      @Size(max = 100)
          @Schema(
              description =
                  "e.g. deploy, config, capacity, dependency, external_partner, data, code, infra")
          String causeCategory,
      List<@NotBlank @Size(max = 2000) String> contributingFactors,
      @Size(max = 10000) String impactSummary,
      List<@NotBlank @Size(max = 200) String> affectedStakeholders,
      @Schema(description = "Named figures, e.g. {\"failedOrders\": 1200, \"affectedStores\": 340}")
          Map<String, Number> impactFigures,
      List<@Valid @NotNull CorrectionRequest> corrections) {}

  public record CorrectionRequest(
      @NotBlank
          @Schema(
              description =
                  "occurredAt, detectedAt, acknowledgedAt, mitigatedAt, resolvedAt, detectionMethod, component or severity")
          String field,
      @NotBlank @Size(max = 200) String value,
      @NotBlank @Size(max = 2000) String reason) {}

  @PATCH
  @RolesAllowed(Roles.VIEWER)
  @AuthorizedBeforeBody(ReportEditors.class)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Add cause, contributing factors, impact, or correct a fact",
      description =
          "For a reviewer or the incident's commander; anyone else gets 403 before the body is read. Corrections keep who and when. Send If-Match with the ETag to avoid overwriting someone else's edit (412).")
  public Uni<Response> patch(
      @PathParam("incidentId") UUID incidentId,
      @Valid @NotNull PatchReportRequest r,
      @HeaderParam("If-Match") String ifMatch) {
    List<ReportService.Correction> corrections = new ArrayList<>();
    if (r.corrections() != null) {
      for (int i = 0; i < r.corrections().size(); i++) {
        CorrectionRequest c = r.corrections().get(i);
        if (!ReportService.CORRECTABLE.contains(c.field())) {
          throw ProblemException.invalid(
              "corrections[" + i + "].field", "must be one of " + ReportService.CORRECTABLE);
        }
        if (c.field().endsWith("At")) {
          try {
            Instant.parse(c.value());
          } catch (DateTimeParseException e) {
            throw ProblemException.invalid(
                "corrections[" + i + "].value",
                "must be an ISO-8601 UTC time such as 2026-11-25T08:00:00Z");
          }
        }
        corrections.add(new ReportService.Correction(c.field(), c.value(), c.reason()));
      }
    }
    String figures;
    try {
      figures = r.impactFigures() == null ? null : mapper.writeValueAsString(r.impactFigures());
    } catch (JsonProcessingException e) {
      throw ProblemException.invalid("impactFigures", "must be an object of numbers");
    }
    Report.Amendment amendment =
        new Report.Amendment(
            r.cause(),
            r.causeCategory(),
            r.contributingFactors(),
            r.impactSummary(),
            r.affectedStakeholders(),
            figures);
    return reports
        .amend(
            incidentId,
            new ReportService.Changes(amendment, corrections),
            identity,
            version(ifMatch))
        .map(this::view)
        .map(v -> Response.ok(v).tag(String.valueOf(v.version())).build());
  }

  public record WhyRequest(
      @NotBlank @Size(max = 2000) String question,
      @NotBlank @Size(max = 5000) String answer,
      @NotEmpty(message = "every answer needs at least one evidence link")
          List<
                  @NotBlank @Pattern(regexp = "https?://\\S+", message = "must be an http(s) link")
                  String>
              evidence,
      @NotNull Boolean verified,
      @Schema(
              description =
                  "True for the first why only: the symptom as the affected customer saw it")
          Boolean customerSymptom) {}

  public record WhysRequest(
      @NotEmpty(message = "the chain needs at least one why")
          List<@Valid @NotNull WhyRequest> whys) {}

  @PUT
  @Path("/whys")
  @RolesAllowed(Roles.VIEWER)
  @AuthorizedBeforeBody(ReportEditors.class)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Replace the 5-Whys chain",
      description =
          "Any length of at least one. The first why must be marked as the customer-visible symptom (and only the first); every answer carries evidence links and a verified flag. For a reviewer or the incident's commander; anyone else gets 403 before the body is read.")
  public Uni<ReportView> whys(
      @PathParam("incidentId") UUID incidentId, @Valid @NotNull WhysRequest r) {
    List<Why> chain = new ArrayList<>();
    for (int i = 0; i < r.whys().size(); i++) {
      WhyRequest w = r.whys().get(i);
      boolean symptom = Boolean.TRUE.equals(w.customerSymptom());
      if (i == 0 && !symptom) {
        throw ProblemException.invalid(
            "whys[0].customerSymptom",
            "the first why must be asked from the affected customer's point of view and marked customerSymptom=true");
      }
      if (i > 0 && symptom) {
        throw ProblemException.invalid(
            "whys[" + i + "].customerSymptom",
            "only the first why is the customer-visible symptom");
      }
      chain.add(
          new Why(
              incidentId, i + 1, w.question(), w.answer(), w.evidence(), w.verified(), symptom));
    }
    return reports.replaceWhys(incidentId, chain, identity).map(this::view);
  }

  public record PublishedReport(ReportView report, List<String> warnings) {}

  @POST
  @Path("/publish")
  @RolesAllowed(Roles.VIEWER)
  @AuthorizedBeforeBody(ReportEditors.class)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Publish the next version",
      description =
          "Freezes a version and publishes report.published (shared org-wide). Needs a cause, a cause category and a 5-Whys chain with every answer verified (422 otherwise). Blaming phrases produce warnings. For a reviewer or the incident's commander; anyone else gets 403 before the body is read.")
  public Uni<PublishedReport> publish(@PathParam("incidentId") UUID incidentId) {
    return reports
        .publish(incidentId, identity, this::view)
        .map(p -> new PublishedReport(view(p.bundle()), p.warnings()));
  }

  public record NewActionItemRequest(
      @NotBlank @Size(max = 500) String title,
      @NotBlank
          @Schema(
              description =
                  "monitoring_alerting, config, code, review_process, deploy_process, architecture, legacy_removal or other")
          String kind,
      @NotBlank @Schema(description = "short (a day or two), mid or long") String horizon,
      @NotBlank @Size(max = 200) String owner,
      @Schema(description = "Defaults by horizon: short-term 2 days after creation") Instant dueAt,
      @Schema(
              description =
                  "A stop-gap keeps the symptom away until the root-cause fix that must follow is done; stop-gaps whose root fix is not done are listed on the dashboard and at /v1/action-items/stop-gaps")
          Boolean stopGap,
      @Schema(
              description =
                  "The root-cause fix this stop-gap waits for: another action item that is not a stop-gap (implies stopGap=true)")
          UUID rootFixId) {}

  @POST
  @Path("/action-items")
  @RolesAllowed(Roles.VIEWER)
  @AuthorizedBeforeBody(ReportEditors.class)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Add a prevention measure",
      description =
          "For a reviewer or the incident's commander (anyone else: 403 before the body is read); publishes action-item.created.")
  public Uni<RestResponse<ReportView.ActionItemView>> addActionItem(
      @PathParam("incidentId") UUID incidentId, @Valid @NotNull NewActionItemRequest r) {
    ActionItemResource.checkVocabulary(r.kind(), r.horizon(), null);
    return actionItems
        .create(
            incidentId,
            new ActionItemService.NewItem(
                r.title(),
                r.kind(),
                r.horizon(),
                r.owner(),
                r.dueAt(),
                Boolean.TRUE.equals(r.stopGap()),
                r.rootFixId()),
            identity)
        .map(
            i ->
                RestResponse.ResponseBuilder.<ReportView.ActionItemView>create(
                        Response.Status.CREATED)
                    .location(java.net.URI.create("/v1/action-items/" + i.getId()))
                    .entity(ReportView.ActionItemView.of(i))
                    .build());
  }

  static Long version(String ifMatch) {
    if (ifMatch == null || ifMatch.isBlank()) {
      return null;
    }
    try {
      return Long.parseLong(ifMatch.replace("W/", "").replace("\"", "").trim());
    } catch (NumberFormatException e) {
      throw ProblemException.badRequest("If-Match must be the ETag of the resource, e.g. \"3\"");
    }
  }
}
