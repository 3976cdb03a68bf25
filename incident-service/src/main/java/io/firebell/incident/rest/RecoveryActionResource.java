package io.firebell.incident.rest;

import io.firebell.incident.model.ActionKind;
import io.firebell.incident.model.ActionStatus;
import io.firebell.incident.model.RecoveryAction;
import io.firebell.incident.service.RecoveryActionService;
import io.firebell.platform.problem.ProblemException;
import io.firebell.platform.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/v1/incidents/{id}/actions")
@Tag(name = "Recovery actions")
public class RecoveryActionResource {

  private final RecoveryActionService actions;
  private final SecurityIdentity identity;
  private final Clock clock;

  public RecoveryActionResource(
      RecoveryActionService actions, SecurityIdentity identity, Clock clock) {
    this.actions = actions;
    this.identity = identity;
    this.clock = clock;
  }

  @Schema(description = "A recovery action.")
  public record RecordActionRequest(
      @NotBlank
          @Schema(
              description =
                  "scale_out, rollback, hotfix, replace, isolate, failover, restart, config_change or other")
          String kind,
      @NotBlank @Size(max = 2000) String summary,
      @Size(max = 100) String service,
      @Schema(description = "rollback: the change being rolled back") UUID changeId,
      @Size(max = 200) @Schema(description = "rollback: the version rolled back to")
          String targetVersion,
      @Size(max = 500)
          @Schema(
              description =
                  "isolate (required): the instance taken out of service; replace: the one machine replaced")
          String instance,
      @Size(max = 200) @Schema(description = "Who performs it; the caller when absent")
          String author,
      @Schema(description = "planned (default), in_progress, done or failed") String status,
      @Size(max = 500)
          @Schema(
              description =
                  "replace: the whole identical set replaced (node group, auto-scaling group, replica set) instead of one instance")
          String instanceSet,
      @Valid
          @Schema(
              description =
                  "isolate (required), replace or restart: the evidence kept; 422 without it on an isolate")
          EvidenceRequest evidence,
      @Schema(
              description =
                  "restart: confirms that evidence (a dump, a snapshot, the instance) is kept before the restart wipes it; 422 unless true")
          Boolean evidenceKept,
      @Schema(
              description =
                  "hotfix (required): why not roll back: rollback_impossible or faster; 422 without it")
          String hotfixReason,
      @Size(max = 2000) @Schema(description = "hotfix (required): the reason in a sentence")
          String hotfixReasonDetail) {}

  @Schema(description = "Evidence kept for the investigation.")
  public record EvidenceRequest(
      @NotBlank @Schema(description = "instance, snapshot or dump") String kind,
      @NotBlank
          @Size(max = 1000)
          @Schema(description = "Where it is: the instance name, snapshot id or dump location")
          String reference) {}

  @Schema(description = "Evidence kept: its kind (instance, snapshot or dump) and where it is.")
  public record EvidenceView(String kind, String reference) {}

  public record TransitionRequest(
      @NotBlank @Schema(description = "in_progress, done or failed") String to) {}

  public record BetaVerificationRequest(
      @NotBlank
          @Size(max = 2000)
          @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL")
          @Schema(description = "Link to the evidence: test run, dashboard, screenshot")
          String evidenceUrl,
      @Size(max = 200) @Schema(description = "Who verified it; the caller when absent")
          String verifiedBy,
      @Schema(description = "When it was verified; now when absent") Instant verifiedAt) {}

  public record ActionView(
      UUID id,
      UUID incidentId,
      String kind,
      String status,
      String summary,
      String service,
      UUID changeId,
      String targetVersion,
      String instance,
      @Schema(description = "replace: the whole identical set replaced, or null")
          String instanceSet,
      @Schema(description = "True when the evidence kept is the instance itself (out of service)")
          boolean instanceKept,
      @Schema(description = "The evidence kept, or null") EvidenceView evidence,
      @Schema(description = "True when evidence was recorded or, for a restart, confirmed kept")
          boolean evidenceKept,
      @Schema(description = "hotfix: rollback_impossible or faster") String hotfixReason,
      @Schema(description = "hotfix: why, in a sentence") String hotfixReasonDetail,
      String author,
      String pairReviewer,
      Instant pairReviewedAt,
      boolean betaVerified,
      String betaVerifiedBy,
      Instant betaVerifiedAt,
      String betaEvidenceUrl,
      String createdBy,
      Instant createdAt,
      Instant updatedAt) {
    static ActionView of(RecoveryAction a) {
      return new ActionView(
          a.getId(),
          a.getIncidentId(),
          a.getKind(),
          a.getStatus(),
          a.getSummary(),
          a.getService(),
          a.getChangeId(),
          a.getTargetVersion(),
          a.getInstance(),
          a.getInstanceSet(),
          a.isInstanceKept(),
          a.getEvidenceKind() == null
              ? null
              : new EvidenceView(a.getEvidenceKind(), a.getEvidenceReference()),
          a.isEvidenceKept(),
          a.getHotfixReason(),
          a.getHotfixReasonDetail(),
          a.getAuthor(),
          a.getPairReviewer(),
          a.getPairReviewedAt(),
          a.isBetaVerified(),
          a.getBetaVerifiedBy(),
          a.getBetaVerifiedAt(),
          a.getBetaEvidenceUrl(),
          a.getCreatedBy(),
          a.getCreatedAt(),
          a.getUpdatedAt());
    }
  }

  @POST
  @RolesAllowed(Roles.RESPONDER)
  @Operation(
      summary = "Record a recovery action",
      description =
          "A rollback references a change (changeId) or names its targetVersion; an isolate names the instance and records the evidence kept (evidence.kind instance, snapshot or dump, and its reference); a replace names one instance or a whole identical set (instanceSet); a restart needs evidenceKept: true; a hotfix needs hotfixReason (rollback_impossible or faster) and hotfixReasonDetail. A playbook rule broken is 422 (type …/recovery-playbook). A hotfix starts planned: it cannot be in_progress or done before its pair review and beta verification (409). Publishes incident.action-recorded.")
  public Uni<RestResponse<ActionView>> record(
      @PathParam("id") UUID incidentId, @Valid @NotNull RecordActionRequest r, UriInfo uri) {
    ActionKind kind = ActionKind.fromWire(r.kind());
    if (kind == null) {
      throw ProblemException.invalid("kind", "must be one of " + ActionKind.wireNames());
    }
    ActionStatus status = null;
    if (r.status() != null) {
      status = ActionStatus.fromWire(r.status());
      if (status == null) {
        throw ProblemException.invalid("status", "must be one of " + ActionStatus.wireNames());
      }
    }
    String actor = identity.getPrincipal().getName();
    String author = IncidentResource.blankToNull(r.author());
    RecoveryAction.Plan plan =
        new RecoveryAction.Plan(
            kind,
            status,
            r.summary(),
            IncidentResource.blankToNull(r.service()),
            r.changeId(),
            IncidentResource.blankToNull(r.targetVersion()),
            IncidentResource.blankToNull(r.instance()),
            author == null ? actor : author,
            IncidentResource.blankToNull(r.instanceSet()),
            r.evidence() == null
                ? null
                : new RecoveryAction.Evidence(
                    r.evidence().kind(), r.evidence().reference().strip()),
            Boolean.TRUE.equals(r.evidenceKept()),
            kind == ActionKind.HOTFIX
                ? new RecoveryAction.HotfixReason(
                    IncidentResource.blankToNull(r.hotfixReason()),
                    IncidentResource.blankToNull(r.hotfixReasonDetail()))
                : null);
    return actions
        .record(incidentId, plan, actor)
        .map(
            a ->
                RestResponse.ResponseBuilder.<ActionView>create(Response.Status.CREATED)
                    .location(uri.getAbsolutePathBuilder().path(a.getId().toString()).build())
                    .entity(ActionView.of(a))
                    .build());
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  @Operation(summary = "The incident's recovery actions", description = "Oldest first.")
  public Uni<List<ActionView>> list(@PathParam("id") UUID incidentId) {
    return actions.list(incidentId).map(l -> l.stream().map(ActionView::of).toList());
  }

  @GET
  @Path("/{actionId}")
  @RolesAllowed(Roles.VIEWER)
  @Operation(summary = "One recovery action")
  public Uni<ActionView> get(
      @PathParam("id") UUID incidentId, @PathParam("actionId") UUID actionId) {
    return actions.get(incidentId, actionId).map(ActionView::of);
  }

  @POST
  @Path("/{actionId}/transitions")
  @RolesAllowed(Roles.RESPONDER)
  @Operation(
      summary = "Move a recovery action along planned → in_progress → done/failed",
      description =
          "Illegal moves are 409; so is a hotfix without an approving pair reviewer and a beta verification. Publishes incident.action-recorded.")
  public Uni<ActionView> transition(
      @PathParam("id") UUID incidentId,
      @PathParam("actionId") UUID actionId,
      @Valid @NotNull TransitionRequest r) {
    ActionStatus to = ActionStatus.fromWire(r.to());
    if (to == null || to == ActionStatus.PLANNED) {
      throw ProblemException.invalid("to", "must be one of [in_progress, done, failed]");
    }
    return actions
        .moveTo(incidentId, actionId, to, identity.getPrincipal().getName())
        .map(ActionView::of);
  }

  @POST
  @Path("/{actionId}/pair-review")
  @RolesAllowed(Roles.RESPONDER)
  @Operation(
      summary = "Approve a hotfix as its pair reviewer",
      description =
          "The caller is the reviewer and must not be the hotfix's author (409). Publishes incident.action-recorded.")
  public Uni<ActionView> approve(
      @PathParam("id") UUID incidentId, @PathParam("actionId") UUID actionId) {
    return actions
        .approve(incidentId, actionId, identity.getPrincipal().getName())
        .map(ActionView::of);
  }

  @POST
  @Path("/{actionId}/beta-verification")
  @RolesAllowed(Roles.RESPONDER)
  @Operation(
      summary = "Mark a hotfix verified on beta",
      description =
          "Who verified it, when, and a link to the evidence. Publishes incident.action-recorded.")
  public Uni<ActionView> verifyOnBeta(
      @PathParam("id") UUID incidentId,
      @PathParam("actionId") UUID actionId,
      @Valid @NotNull BetaVerificationRequest r) {
    String actor = identity.getPrincipal().getName();
    String who = IncidentResource.blankToNull(r.verifiedBy());
    if (r.verifiedAt() != null && r.verifiedAt().isAfter(Instant.now(clock).plusSeconds(60))) {
      throw ProblemException.invalid("verifiedAt", "cannot be in the future");
    }
    return actions
        .verifyOnBeta(
            incidentId, actionId, who == null ? actor : who, r.verifiedAt(), r.evidenceUrl(), actor)
        .map(ActionView::of);
  }
}
