package io.firebell.platform.integration;

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
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/v1/integrations")
@Tag(name = "Integrations")
@RolesAllowed(Roles.ADMIN)
public class IntegrationResource {

  private final IntegrationService integrations;
  private final SecurityIdentity identity;

  public IntegrationResource(IntegrationService integrations, SecurityIdentity identity) {
    this.integrations = integrations;
    this.identity = identity;
  }

  public record CreateIntegrationRequest(
      @NotBlank
          @Size(max = 100)
          @Pattern(
              regexp = "[A-Za-z0-9][A-Za-z0-9._-]*",
              message = "letters, digits, '.', '_' and '-' only")
          String name,
      @NotBlank
          @Schema(
              description =
                  "alertmanager, grafana, pagerduty, datadog, native, cs_desk, change_source or metrics")
          String kind) {}

  public record IntegrationView(
      UUID id, String name, String kind, Instant createdAt, String createdBy) {
    static IntegrationView of(Integration i) {
      return new IntegrationView(
          i.getId(), i.getName(), i.getKind(), i.getCreatedAt(), i.getCreatedBy());
    }
  }

  /** The only answer that ever shows the token. */
  public record CreatedIntegration(
      UUID id,
      String name,
      String kind,
      Instant createdAt,
      String createdBy,
      @Schema(description = "The integration's token. Shown once; only its hash is stored.")
          String token) {}

  @POST
  @Operation(
      summary = "Create an integration",
      description =
          "Returns the integration's token once; store it in the tool's configuration (e.g. Alertmanager http_config.authorization.credentials).")
  public Uni<RestResponse<CreatedIntegration>> create(
      @Valid @NotNull CreateIntegrationRequest request, UriInfo uri) {
    IntegrationKind kind = IntegrationKind.fromWire(request.kind());
    if (kind == null) {
      throw ProblemException.invalid("kind", "must be one of " + IntegrationKind.wireNames());
    }
    return integrations
        .create(request.name(), kind, identity.getPrincipal().getName())
        .map(
            created -> {
              Integration i = created.integration();
              return RestResponse.ResponseBuilder.<CreatedIntegration>create(
                      Response.Status.CREATED)
                  .location(uri.getAbsolutePathBuilder().path(i.getId().toString()).build())
                  .entity(
                      new CreatedIntegration(
                          i.getId(),
                          i.getName(),
                          i.getKind(),
                          i.getCreatedAt(),
                          i.getCreatedBy(),
                          created.token()))
                  .build();
            });
  }

  @GET
  @Path("/me")
  @RolesAllowed(Roles.INTEGRATION)
  @Operation(
      summary = "The integration whose token authenticated this request",
      description = "Lets a tool (or an operator) check that its token is valid.")
  public IntegrationView me() {
    IntegrationCaller caller = IntegrationCaller.of(identity);
    return new IntegrationView(caller.id(), caller.name(), caller.kind().wireName(), null, null);
  }

  @DELETE
  @Path("/{id}")
  @Operation(
      summary = "Revoke an integration",
      description =
          "Its token (as a bearer token or a PagerDuty routing_key) is refused (401) at once by"
              + " this instance, and by the others as soon as PostgreSQL's notification of the"
              + " deletion reaches them; should it be lost, within"
              + " firebell.integration.token-cache-ttl (30 s by default).")
  public Uni<RestResponse<Void>> revoke(@PathParam("id") UUID id) {
    return integrations.revoke(id).map(v -> RestResponse.noContent());
  }

  @GET
  @Operation(summary = "Every integration (tokens are never shown again)")
  public Uni<List<IntegrationView>> list() {
    return integrations.list().map(list -> list.stream().map(IntegrationView::of).toList());
  }
}
