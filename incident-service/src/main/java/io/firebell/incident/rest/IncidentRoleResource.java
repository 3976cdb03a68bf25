package io.firebell.incident.rest;

import io.firebell.incident.model.IncidentRole;
import io.firebell.incident.model.Participant;
import io.firebell.incident.service.RoleService;
import io.firebell.platform.problem.ProblemException;
import io.firebell.platform.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/v1/incidents/{id}")
@Tag(name = "Roles and war room")
public class IncidentRoleResource {

  private final RoleService roles;
  private final SecurityIdentity identity;

  public IncidentRoleResource(RoleService roles, SecurityIdentity identity) {
    this.roles = roles;
    this.identity = identity;
  }

  @Schema(description = "Who holds the role from now on.")
  public record AssignRoleRequest(
      @NotBlank @Size(max = 200) @Schema(example = "hana.choi") String person,
      @Size(max = 2000)
          @Schema(
              description =
                  "Admins only: why the recovery lead may also be the communications lead this time. Recorded on the timeline.")
          String overrideReason) {}

  public record RoleView(
      UUID incidentId,
      String role,
      String person,
      String previousPerson,
      String overrideBy,
      String overrideReason,
      IncidentView incident) {}

  @Schema(description = "Join the war room; person defaults to the caller.")
  public record JoinRequest(
      @Size(max = 200) String person,
      @Size(max = 100) @Schema(example = "sre") String team,
      @Size(max = 100)
          @Schema(
              description =
                  "What they do in the response: developer, planner, sre, infrastructure, communications, decision_maker…")
          String role) {}

  public record ParticipantView(
      UUID incidentId, String person, String team, String role, Instant joinedAt) {
    static ParticipantView of(Participant p) {
      return new ParticipantView(
          p.getIncidentId(), p.getPerson(), p.getTeam(), p.getRole(), p.getJoinedAt());
    }
  }

  @PUT
  @Path("/roles/{role}")
  @RolesAllowed(Roles.RESPONDER)
  @Operation(
      summary = "Give a role of the incident to a person",
      description =
          "Roles: commander, recovery_lead, communications_lead. The recovery lead and the communications lead must be different people (409); an admin may override that with an overrideReason, which goes on the timeline. The person joins the war room too. Publishes incident.role-assigned.")
  public Uni<RoleView> assign(
      @PathParam("id") UUID id,
      @PathParam("role") String roleName,
      @Valid @NotNull AssignRoleRequest request) {
    IncidentRole role = IncidentRole.fromWire(roleName);
    if (role == null) {
      throw ProblemException.notFound(
          "role", roleName + " (roles: " + IncidentRole.wireNames() + ")");
    }
    String actor = identity.getPrincipal().getName();
    String reason = IncidentResource.blankToNull(request.overrideReason());
    String overrideBy = null;
    if (request.overrideReason() != null) {
      if (!identity.hasRole(Roles.ADMIN)) {
        throw ProblemException.forbidden(
            "only an admin may override the rule that the recovery lead and the communications lead are different people");
      }
      if (reason == null) {
        throw ProblemException.invalid("overrideReason", "must say why");
      }
      overrideBy = actor;
    }
    return roles
        .assign(id, role, request.person().strip(), overrideBy, reason, actor)
        .map(
            a ->
                new RoleView(
                    id,
                    role.wireName(),
                    a.incident().holder(role),
                    a.event() == null ? null : a.event().previousPerson(),
                    a.event() == null ? null : a.event().overrideBy(),
                    a.event() == null ? null : a.event().overrideReason(),
                    IncidentView.of(a.incident())));
  }

  @POST
  @Path("/participants")
  @RolesAllowed({Roles.RESPONDER, Roles.COMMUNICATOR})
  @Operation(
      summary = "Join the war room",
      description =
          "201 with the participant when they join, 200 when they were there already. Publishes incident.participant-joined.")
  public Uni<RestResponse<ParticipantView>> join(
      @PathParam("id") UUID id, @Valid JoinRequest request) {
    String person =
        request == null || IncidentResource.blankToNull(request.person()) == null
            ? identity.getPrincipal().getName()
            : request.person().strip();
    return roles
        .join(
            id,
            person,
            request == null ? null : IncidentResource.blankToNull(request.team()),
            request == null ? null : IncidentResource.blankToNull(request.role()))
        .map(
            j ->
                RestResponse.status(
                    j.joined() ? Response.Status.CREATED : Response.Status.OK,
                    ParticipantView.of(j.participant())));
  }

  @GET
  @Path("/participants")
  @RolesAllowed(Roles.VIEWER)
  @Operation(summary = "Who is in the war room", description = "In the order they joined.")
  public Uni<List<ParticipantView>> participants(@PathParam("id") UUID id) {
    return roles.participants(id).map(list -> list.stream().map(ParticipantView::of).toList());
  }
}
