package io.firebell.incident.rest;

import io.firebell.incident.model.Declaration;
import io.firebell.incident.model.DetectionMethod;
import io.firebell.incident.service.IncidentService;
import io.firebell.platform.problem.ProblemException;
import io.firebell.platform.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/v1/incidents")
@Tag(name = "Incidents")
@SecurityRequirement(name = "jwt")
public class IncidentResource {

  private final IncidentService service;
  private final SecurityIdentity identity;

  public IncidentResource(IncidentService service, SecurityIdentity identity) {
    this.service = service;
    this.identity = identity;
  }

  @POST
  @RolesAllowed(Roles.RESPONDER)
  @Operation(
      summary = "Declare an incident",
      description =
          "Rings the fire alarm: the incident and its incident.declared event commit together. Only a title and a service or domain are required; severity defaults by policy.")
  public Uni<RestResponse<IncidentView>> declare(
      @Valid @NotNull DeclareIncidentRequest request, UriInfo uri) {
    Declaration declaration = toDeclaration(request);
    String actor = identity.getPrincipal().getName();
    return service
        .declare(declaration, actor)
        .map(
            incident ->
                RestResponse.ResponseBuilder.<IncidentView>create(Response.Status.CREATED)
                    .location(
                        uri.getAbsolutePathBuilder().path(incident.getId().toString()).build())
                    .entity(IncidentView.of(incident))
                    .type(MediaType.APPLICATION_JSON)
                    .build());
  }

  @GET
  @Path("/{id}")
  @RolesAllowed(Roles.VIEWER)
  @Operation(summary = "One incident")
  public Uni<IncidentView> get(@PathParam("id") UUID id) {
    return service.get(id).map(IncidentView::of);
  }

  private static Declaration toDeclaration(DeclareIncidentRequest r) {
    List<String> services = merge(r.service(), r.services());
    List<String> domains = merge(r.domain(), r.domains());
    if (services.isEmpty() && domains.isEmpty()) {
      throw ProblemException.invalid("service", "a service or a domain is required");
    }
    DetectionMethod method =
        r.detectionMethod() == null
            ? DetectionMethod.MANUAL
            : DetectionMethod.fromWire(r.detectionMethod());
    if (method == null) {
      throw ProblemException.invalid(
          "detectionMethod", "must be one of " + DetectionMethod.wireNames());
    }
    if (r.occurredAt() != null
        && r.detectedAt() != null
        && r.detectedAt().isBefore(r.occurredAt())) {
      throw ProblemException.invalid("detectedAt", "cannot be before occurredAt");
    }
    return new Declaration(
        r.title(),
        r.summary(),
        r.severity(),
        services,
        domains,
        r.impactScope(),
        r.warRoomUrl(),
        method,
        r.occurredAt(),
        r.detectedAt(),
        null);
  }

  private static List<String> merge(String one, List<String> many) {
    Set<String> all = new LinkedHashSet<>();
    if (one != null && !one.isBlank()) {
      all.add(one.strip());
    }
    if (many != null) {
      many.forEach(s -> all.add(s.strip()));
    }
    return List.copyOf(all);
  }
}
