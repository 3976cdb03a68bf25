package io.firebell.review.rest;

import io.firebell.platform.security.Roles;
import io.firebell.review.service.IncidentFactService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/incident-facts")
@Tag(name = "Incident facts")
@RolesAllowed(Roles.VIEWER)
public class IncidentFactResource {

  private final IncidentFactService facts;

  public IncidentFactResource(IncidentFactService facts) {
    this.facts = facts;
  }

  @GET
  @Operation(summary = "The latest incidents review-service has learnt of, newest first")
  public Uni<List<IncidentFactView>> latest(
      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
    return facts.latest(limit).map(list -> list.stream().map(IncidentFactView::of).toList());
  }

  @GET
  @Path("/{incidentId}")
  @Operation(summary = "One incident, as review-service's read model holds it")
  public Uni<IncidentFactView> get(@PathParam("incidentId") UUID incidentId) {
    return facts.get(incidentId).map(IncidentFactView::of);
  }
}
