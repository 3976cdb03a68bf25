package io.firebell.review.rest;

import io.firebell.platform.problem.ProblemException;
import io.firebell.platform.security.AuthorizedBeforeBody;
import io.firebell.platform.security.Roles;
import io.firebell.review.model.ActionItem;
import io.firebell.review.security.ActionItemEditors;
import io.firebell.review.service.ActionItemService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/action-items")
@Tag(name = "Action items")
public class ActionItemResource {

  private final ActionItemService items;
  private final SecurityIdentity identity;

  public ActionItemResource(ActionItemService items, SecurityIdentity identity) {
    this.items = items;
    this.identity = identity;
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary = "Action items, soonest due first",
      description = "Filter by overdue=true|false, owner and incidentId.")
  public Uni<List<ReportView.ActionItemView>> list(
      @QueryParam("overdue") Boolean overdue,
      @QueryParam("owner") String owner,
      @QueryParam("incidentId") UUID incidentId,
      @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
    return items
        .list(overdue, owner, incidentId, limit)
        .map(l -> l.stream().map(ReportView.ActionItemView::of).toList());
  }

  /** A stop-gap with the root-cause fix it waits for. */
  public record StopGapView(
      @Schema(description = "The stop-gap") ReportView.ActionItemView stopGap,
      @Schema(description = "The root-cause fix it names, or null when none is linked yet")
          ReportView.ActionItemView rootFix,
      @Schema(description = "Whether the root-cause fix is done") boolean rootFixDone) {}

  @GET
  @Path("/stop-gaps")
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary = "Stop-gaps and their root-cause fixes",
      description =
          "By default (pending=true) the stop-gaps still in effect (not cancelled) whose root-cause fix is missing or not done, oldest first - the list the dashboard shows; pending=false lists every stop-gap.")
  public Uni<List<StopGapView>> stopGaps(
      @QueryParam("pending") @DefaultValue("true") boolean pending,
      @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
    return items
        .stopGaps(pending, limit)
        .map(
            l ->
                l.stream()
                    .map(
                        g ->
                            new StopGapView(
                                ReportView.ActionItemView.of(g.stopGap()),
                                g.rootFix() == null
                                    ? null
                                    : ReportView.ActionItemView.of(g.rootFix()),
                                g.rootFixDone()))
                    .toList());
  }

  @GET
  @Path("/{id}")
  @RolesAllowed(Roles.VIEWER)
  @Operation(summary = "One action item")
  public Uni<Response> get(@PathParam("id") UUID id) {
    return items
        .get(id)
        .map(ReportView.ActionItemView::of)
        .map(v -> Response.ok(v).tag(String.valueOf(v.version())).build());
  }

  public record PatchActionItemRequest(
      @Size(min = 1, max = 500) String title,
      String kind,
      String horizon,
      @Size(min = 1, max = 200) String owner,
      Instant dueAt,
      String status,
      @Schema(description = "true marks a stop-gap; false unmarks it and drops its root-fix link")
          Boolean stopGap,
      @Schema(
              description =
                  "The root-cause fix this stop-gap waits for: another action item that is not a stop-gap (implies stopGap=true)")
          UUID rootFixId) {}

  @PATCH
  @Path("/{id}")
  @RolesAllowed(Roles.VIEWER)
  @AuthorizedBeforeBody(ActionItemEditors.class)
  @Operation(
      summary = "Change an action item",
      description =
          "For its owner, a reviewer or the incident's commander; anyone else gets 403 before the body is read. Status: open, in_progress, done, cancelled. Moving the due date later re-arms the overdue notice.")
  public Uni<Response> patch(
      @PathParam("id") UUID id,
      @Valid @NotNull PatchActionItemRequest r,
      @HeaderParam("If-Match") String ifMatch) {
    checkVocabulary(r.kind(), r.horizon(), r.status());
    return items
        .update(
            id,
            new ActionItemService.Changes(
                r.title(),
                r.kind(),
                r.horizon(),
                r.owner(),
                r.dueAt(),
                r.status(),
                r.stopGap(),
                r.rootFixId()),
            identity,
            ReportResource.version(ifMatch))
        .map(ReportView.ActionItemView::of)
        .map(v -> Response.ok(v).tag(String.valueOf(v.version())).build());
  }

  static void checkVocabulary(String kind, String horizon, String status) {
    if (kind != null && !ActionItem.KINDS.contains(kind)) {
      throw ProblemException.invalid("kind", "must be one of " + ActionItem.KINDS);
    }
    if (horizon != null && !ActionItem.HORIZONS.contains(horizon)) {
      throw ProblemException.invalid("horizon", "must be one of " + ActionItem.HORIZONS);
    }
    if (status != null && !ActionItem.STATUSES.contains(status)) {
      throw ProblemException.invalid("status", "must be one of " + ActionItem.STATUSES);
    }
  }
}
