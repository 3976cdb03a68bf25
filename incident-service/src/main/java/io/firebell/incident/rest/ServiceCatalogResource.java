package io.firebell.incident.rest;

import io.firebell.incident.model.CatalogEntry;
import io.firebell.incident.service.ChangeService;
import io.firebell.platform.problem.ProblemException;
import io.firebell.platform.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/v1/services")
@Tag(name = "Service catalog")
public class ServiceCatalogResource {

  private static final String NAME = "[a-z0-9][a-z0-9._-]*";

  private final ChangeService catalog;
  private final SecurityIdentity identity;

  public ServiceCatalogResource(ChangeService catalog, SecurityIdentity identity) {
    this.catalog = catalog;
    this.identity = identity;
  }

  public record ServiceRequest(
      @Size(max = 100) String domain,
      @Size(max = 50) List<@NotBlank @Size(max = 200) String> owners,
      @Size(max = 200) List<@NotBlank @Size(max = 100) String> dependencies,
      @Size(max = 2000) String description) {}

  public record ServiceView(
      String name,
      String domain,
      List<String> owners,
      List<String> dependencies,
      String description,
      Instant updatedAt,
      String updatedBy) {
    static ServiceView of(CatalogEntry e) {
      return new ServiceView(
          e.getName(),
          e.getDomain(),
          e.getOwners(),
          e.getDependencies(),
          e.getDescription(),
          e.getUpdatedAt(),
          e.getUpdatedBy());
    }
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  @Operation(summary = "The service catalog", description = "Every service, or one domain's.")
  public Uni<List<ServiceView>> list(@QueryParam("domain") String domain) {
    return catalog
        .services(IncidentResource.blankToNull(domain))
        .map(l -> l.stream().map(ServiceView::of).toList());
  }

  @GET
  @Path("/{name}")
  @RolesAllowed(Roles.VIEWER)
  @Operation(summary = "One service of the catalog")
  public Uni<ServiceView> get(@PathParam("name") String name) {
    return catalog.service(name).map(ServiceView::of);
  }

  @PUT
  @Path("/{name}")
  @RolesAllowed(Roles.RESPONDER)
  @Operation(
      summary = "Describe a service",
      description =
          "Creates or replaces the service's entry: domain, owners and the services it depends on. Rollback candidates follow these dependencies.")
  public Uni<RestResponse<ServiceView>> put(
      @PathParam("name") String name, @Valid @NotNull ServiceRequest r) {
    if (!name.matches(NAME) || name.length() > 100) {
      throw ProblemException.invalid(
          "name", "lower-case letters, digits, '.', '_' and '-', at most 100 characters");
    }
    List<String> deps = distinct(r.dependencies());
    for (String d : deps) {
      if (!d.matches(NAME)) {
        throw ProblemException.invalid("dependencies", "'" + d + "' is not a service name");
      }
    }
    return catalog
        .describe(
            name,
            IncidentResource.blankToNull(r.domain()),
            distinct(r.owners()),
            deps,
            IncidentResource.blankToNull(r.description()),
            identity.getPrincipal().getName())
        .map(e -> RestResponse.ok(ServiceView.of(e)));
  }

  @DELETE
  @Path("/{name}")
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Remove a service from the catalog", description = "Admins only.")
  public Uni<RestResponse<Void>> delete(@PathParam("name") String name) {
    return catalog.forget(name).replaceWith(RestResponse.noContent());
  }

  private static List<String> distinct(List<String> names) {
    return names == null
        ? List.of()
        : List.copyOf(new LinkedHashSet<>(names.stream().map(String::strip).toList()));
  }
}
