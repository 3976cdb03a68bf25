package io.firebell.detection.rest;

import io.firebell.detection.service.RoutingService;
import io.firebell.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Domains ({@code /v1/domains}): each owns its alerts and an escalation policy. */
@Path("/v1/domains")
@Tag(name = "Routing")
public class DomainResource {

  private final RoutingService routing;

  public DomainResource(RoutingService routing) {
    this.routing = routing;
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  public Uni<List<RouteResource.DomainView>> domains() {
    return routing.domains().map(l -> l.stream().map(RouteResource.DomainView::of).toList());
  }

  @GET
  @Path("{name}")
  @RolesAllowed(Roles.VIEWER)
  public Uni<RouteResource.DomainView> domain(@PathParam("name") String name) {
    return routing.domain(name).map(RouteResource.DomainView::of);
  }

  @PUT
  @Path("{name}")
  @RolesAllowed(Roles.ADMIN)
  public Uni<RestResponse<RouteResource.DomainView>> putDomain(
      @PathParam("name") @Pattern(regexp = "[a-z0-9][a-z0-9_-]{0,62}") String name,
      @RequestBody(
              required = false,
              description =
                  "Optional: without a body (or with null) the domain gets no description and no escalation policy")
          @Valid
          RouteResource.DomainRequest request) {
    RouteResource.DomainRequest r =
        request == null ? new RouteResource.DomainRequest(null, null) : request;
    return routing
        .putDomain(name, r.description(), r.escalationPolicyId())
        .chain(
            created ->
                routing
                    .domain(name)
                    .map(
                        d ->
                            created
                                ? RestResponse.status(
                                    RestResponse.Status.CREATED, RouteResource.DomainView.of(d))
                                : RestResponse.ok(RouteResource.DomainView.of(d))));
  }
}
