package io.firebell.incident.rest;

import io.firebell.incident.model.RollbackCandidate;
import io.firebell.incident.service.ChangeService;
import io.firebell.platform.problem.ProblemException;
import io.firebell.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/incidents/{id}/rollback-candidates")
@Tag(name = "Changes")
public class RollbackCandidateResource {

  private final ChangeService changes;

  public RollbackCandidateResource(ChangeService changes) {
    this.changes = changes;
  }

  public record CandidateView(
      ChangeResource.ChangeView change,
      @Schema(description = "same_service, dependency or infra_wide") String reason,
      @Schema(description = "Why it matched, in a sentence") String explanation,
      @Schema(description = "For a dependency: affected service → … → changed service")
          List<String> path,
      @Schema(
              description =
                  "How long before the incident's anchor time the change happened (ISO-8601)",
              example = "PT23H")
          String before,
      boolean rollbackSafe) {}

  public record CandidatesView(
      UUID incidentId,
      @Schema(description = "The end of the window: the incident's occurrence time if known")
          Instant anchor,
      @Schema(description = "occurred, detected or declared") String anchorSource,
      Instant windowStart,
      @Schema(description = "ISO-8601 duration", example = "PT24H") String window,
      List<String> affectedServices,
      @Schema(description = "Every dependency (transitive) → the chain that reaches it")
          Map<String, List<String>> dependencies,
      List<CandidateView> candidates) {}

  @GET
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary = "Changes that may have caused the incident",
      description =
          "Every change in the window (24 h by default, ?window=PT6H to change it) before the incident occurred — its detection or declaration when the occurrence is unknown — to an affected service (its services plus the catalog's services of its domains), to any service they depend on transitively, or infra-wide. Newest first, each with why it matched; schema migrations are flagged rollbackSafe=false.")
  public Uni<CandidatesView> candidates(
      @PathParam("id") UUID id,
      @Parameter(description = "ISO-8601 duration, e.g. PT24H; at most the configured maximum")
          @QueryParam("window")
          String window) {
    Duration requested = null;
    if (window != null && !window.isBlank()) {
      try {
        requested = Duration.parse(window);
      } catch (DateTimeParseException e) {
        throw ProblemException.invalid("window", "must be an ISO-8601 duration, e.g. PT24H");
      }
    }
    return changes
        .rollbackCandidates(id, requested)
        .map(
            c ->
                new CandidatesView(
                    c.incident().getId(),
                    c.anchor(),
                    c.anchorSource(),
                    c.anchor().minus(c.window()),
                    c.window().toString(),
                    c.affected(),
                    c.dependencies(),
                    c.candidates().stream().map(r -> view(r, c.anchor())).toList()));
  }

  private static CandidateView view(RollbackCandidate r, Instant anchor) {
    var c = r.change();
    String what = c.getKind() + " " + (c.getVersion() == null ? "" : c.getVersion() + " ");
    String explanation =
        switch (r.reason()) {
          case RollbackCandidate.SAME_SERVICE ->
              what + "to " + c.getService() + ", an affected service";
          case RollbackCandidate.DEPENDENCY ->
              what
                  + "to "
                  + c.getService()
                  + ", a dependency of "
                  + r.path().get(0)
                  + " ("
                  + String.join(" → ", r.path())
                  + ")";
          default -> what + "that names no service: infra-wide, it may affect every service";
        };
    if (!c.isRollbackSafe()) {
      explanation += "; a schema migration is not rollback-safe — consider a hotfix instead";
    }
    return new CandidateView(
        ChangeResource.ChangeView.of(c),
        r.reason(),
        explanation.replace("  ", " "),
        r.path(),
        Duration.between(c.getOccurredAt(), anchor).toString(),
        c.isRollbackSafe());
  }
}
