package io.firebell.incident.rest;

import io.firebell.incident.model.ChangeEvent;
import io.firebell.incident.model.ChangeKind;
import io.firebell.incident.service.ChangeService;
import io.firebell.platform.integration.IntegrationCaller;
import io.firebell.platform.integration.IntegrationKind;
import io.firebell.platform.openapi.CallersOpenApiFilter;
import io.firebell.platform.problem.ProblemException;
import io.firebell.platform.rest.CursorPage;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/v1/changes")
@Tag(name = "Changes")
public class ChangeResource {

  private final ChangeService changes;
  private final SecurityIdentity identity;
  private final Clock clock;

  public ChangeResource(ChangeService changes, SecurityIdentity identity, Clock clock) {
    this.changes = changes;
    this.identity = identity;
    this.clock = clock;
  }

  @Schema(description = "A change to production.")
  public record ChangeRequest(
      @NotBlank
          @Schema(
              description = "deploy, config, infra, feature_flag, schema_migration or batch_job")
          String kind,
      @Size(max = 100)
          @Schema(
              description =
                  "The service changed; required for deploy and schema_migration. Without one the change is infra-wide.")
          String service,
      @NotBlank @Size(max = 1024) String summary,
      @Size(max = 200) String version,
      @Size(max = 200) String fromVersion,
      @Size(max = 200) String author,
      @Schema(description = "When the change took effect; now when absent") Instant occurredAt,
      @Size(max = 20)
          List<
                  @NotBlank @Size(max = 2000)
                  @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String>
              links) {}

  public record ChangeView(
      UUID id,
      String kind,
      String service,
      @Schema(description = "True when the change names no service: it may affect every service")
          boolean infraWide,
      String summary,
      String version,
      String fromVersion,
      String author,
      Instant occurredAt,
      List<String> links,
      String source,
      Instant receivedAt,
      @Schema(description = "False for schema migrations: redeploying does not undo them")
          boolean rollbackSafe) {
    static ChangeView of(ChangeEvent c) {
      return new ChangeView(
          c.getId(),
          c.getKind(),
          c.getService(),
          c.isInfraWide(),
          c.getSummary(),
          c.getVersion(),
          c.getFromVersion(),
          c.getAuthor(),
          c.getOccurredAt(),
          c.getLinks(),
          c.getSource(),
          c.getReceivedAt(),
          c.isRollbackSafe());
    }
  }

  @POST
  @RolesAllowed({Roles.RESPONDER, Roles.INTEGRATION})
  @Extension(
      name = CallersOpenApiFilter.INTEGRATION_KINDS,
      value = "[\"change_source\"]",
      parseValue = true)
  @Operation(
      summary = "Record a change",
      description =
          "From CI/CD, infrastructure and configuration tools (a change_source integration token) or a responder. Changes feed each incident's rollback candidates.")
  public Uni<RestResponse<ChangeView>> record(@Valid @NotNull ChangeRequest r, UriInfo uri) {
    // Who may report comes before what is reported: a wrong kind of token is 403 whatever it sent.
    String source = source(identity, Set.of(IntegrationKind.CHANGE_SOURCE));
    ChangeEvent.Report report =
        report(
            r.kind(),
            r.service(),
            r.summary(),
            r.version(),
            r.fromVersion(),
            r.author(),
            r.occurredAt(),
            r.links(),
            Instant.now(clock));
    return changes
        .record(report, source)
        .map(
            c ->
                RestResponse.ResponseBuilder.<ChangeView>create(Response.Status.CREATED)
                    .location(uri.getAbsolutePathBuilder().path(c.getId().toString()).build())
                    .entity(ChangeView.of(c))
                    .build());
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary = "List changes",
      description =
          "Newest first, optionally for one service and a time range [since, until). Cursor-paginated.")
  public Uni<CursorPage<ChangeView>> list(
      @QueryParam("service") String service,
      @QueryParam("since") String since,
      @QueryParam("until") String until,
      @QueryParam("limit") Integer limit,
      @QueryParam("cursor") String cursor) {
    int size = CursorPage.limit(limit);
    CursorPage.After after = CursorPage.after(cursor);
    return changes
        .page(
            IncidentResource.blankToNull(service),
            IncidentResource.instant("since", since),
            IncidentResource.instant("until", until),
            after.at(),
            after.id(),
            size + 1)
        .map(
            rows ->
                CursorPage.of(
                    rows, size, ChangeView::of, c -> c.getOccurredAt() + "|" + c.getId()));
  }

  @GET
  @Path("/{changeId}")
  @RolesAllowed(Roles.VIEWER)
  @Operation(summary = "One change")
  public Uni<ChangeView> get(@PathParam("changeId") UUID id) {
    return changes.get(id).map(ChangeView::of);
  }

  static ChangeEvent.Report report(
      String kindName,
      String service,
      String summary,
      String version,
      String fromVersion,
      String author,
      Instant occurredAt,
      List<String> links,
      Instant now) {
    ChangeKind kind = ChangeKind.fromWire(kindName);
    if (kind == null) {
      throw ProblemException.invalid("kind", "must be one of " + ChangeKind.wireNames());
    }
    String svc = IncidentResource.blankToNull(service);
    if (svc == null && (kind == ChangeKind.DEPLOY || kind == ChangeKind.SCHEMA_MIGRATION)) {
      throw ProblemException.invalid("service", "a " + kind.wireName() + " names its service");
    }
    if (occurredAt != null && occurredAt.isAfter(now.plusSeconds(300))) {
      throw ProblemException.invalid("occurredAt", "cannot be in the future");
    }
    return new ChangeEvent.Report(
        kind,
        svc,
        summary.strip(),
        IncidentResource.blankToNull(version),
        IncidentResource.blankToNull(fromVersion),
        IncidentResource.blankToNull(author),
        occurredAt,
        links == null ? List.of() : links);
  }

  /** Who reports: the integration's name (when its kind may call here) or the person. */
  static String source(SecurityIdentity identity, Set<IntegrationKind> allowed) {
    IntegrationCaller caller = IntegrationCaller.of(identity);
    if (caller == null) {
      return identity.getPrincipal().getName();
    }
    return "integration:" + caller.requireKind(allowed).name();
  }
}
