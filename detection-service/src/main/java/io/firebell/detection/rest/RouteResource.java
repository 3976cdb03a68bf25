package io.firebell.detection.rest;

import io.firebell.detection.model.Domain;
import io.firebell.detection.model.Route;
import io.firebell.detection.routing.Matcher;
import io.firebell.detection.routing.Severity;
import io.firebell.detection.routing.SignalKind;
import io.firebell.detection.service.RoutingService;
import io.firebell.platform.problem.ProblemException;
import io.firebell.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Routing rules ({@code /v1/routes}) and domains ({@code /v1/domains}). */
@Path("/v1/routes")
@Tag(name = "Routing")
public class RouteResource {

  private final RoutingService routing;

  public RouteResource(RoutingService routing) {
    this.routing = routing;
  }

  public record RouteRequest(
      @NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]*") String name,
      @Min(1) Integer position,
      List<@NotBlank String> matchers,
      @NotBlank String domain,
      String service,
      String kind,
      String severity,
      String partner,
      List<@NotBlank String> groupBy,
      Boolean autoDeclare,
      Boolean page,
      String pageMinSeverity) {

    Route.Definition definition() {
      List<String> ms = matchers == null ? List.of() : matchers;
      for (int i = 0; i < ms.size(); i++) {
        try {
          ms = replace(ms, i, Matcher.parse(ms.get(i)).toString());
        } catch (IllegalArgumentException e) {
          throw ProblemException.invalid("matchers[" + i + "]", e.getMessage());
        }
      }
      String k = kind == null ? SignalKind.SYSTEM : kind;
      if (!SignalKind.ALL.contains(k)) {
        throw ProblemException.invalid("kind", "must be one of " + SignalKind.ALL);
      }
      if (severity != null && !Severity.WIRE.contains(severity)) {
        throw ProblemException.invalid("severity", "must be one of " + Severity.WIRE);
      }
      String min = pageMinSeverity == null ? "critical" : pageMinSeverity;
      if (!Severity.WIRE.contains(min)) {
        throw ProblemException.invalid("pageMinSeverity", "must be one of " + Severity.WIRE);
      }
      List<String> by = groupBy == null ? List.of("alertname") : groupBy;
      return new Route.Definition(
          name,
          ms,
          domain,
          blank(service),
          k,
          severity,
          blank(partner),
          by,
          Boolean.TRUE.equals(autoDeclare),
          page == null || page,
          min);
    }

    private static List<String> replace(List<String> l, int i, String v) {
      List<String> copy = new java.util.ArrayList<>(l);
      copy.set(i, v);
      return copy;
    }

    private static String blank(String s) {
      return s == null || s.isBlank() ? null : s;
    }
  }

  public record RouteView(
      UUID id,
      int position,
      String name,
      List<String> matchers,
      String domain,
      String service,
      String kind,
      String severity,
      String partner,
      List<String> groupBy,
      boolean autoDeclare,
      boolean page,
      String pageMinSeverity,
      boolean catchAll,
      Instant createdAt,
      Instant updatedAt) {
    static RouteView of(Route r) {
      return new RouteView(
          r.getId(),
          r.getPosition(),
          r.getName(),
          r.getMatchers(),
          r.getDomain(),
          r.getService(),
          r.getKind(),
          r.getSeverity(),
          r.getPartner(),
          r.getGroupBy(),
          r.isAutoDeclare(),
          r.isPage(),
          r.getPageMinSeverity(),
          r.isCatchAll(),
          r.getCreatedAt(),
          r.getUpdatedAt());
    }
  }

  public record DomainRequest(@Size(max = 1000) String description, UUID escalationPolicyId) {}

  public record DomainView(
      String name,
      String description,
      UUID escalationPolicyId,
      Instant createdAt,
      Instant updatedAt) {
    static DomainView of(Domain d) {
      return new DomainView(
          d.getName(),
          d.getDescription(),
          d.getEscalationPolicyId(),
          d.getCreatedAt(),
          d.getUpdatedAt());
    }
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  public Uni<List<RouteView>> routes() {
    return routing.routes().map(l -> l.stream().map(RouteView::of).toList());
  }

  @GET
  @Path("{id}")
  @RolesAllowed(Roles.VIEWER)
  public Uni<RouteView> route(@PathParam("id") UUID id) {
    return routing.route(id).map(RouteView::of);
  }

  @POST
  @RolesAllowed(Roles.ADMIN)
  public Uni<RestResponse<RouteView>> create(@Valid @NotNull RouteRequest request) {
    Route.Definition d = request.definition();
    return routing
        .create(d, request.position())
        .map(
            r ->
                RestResponse.ResponseBuilder.<RouteView>created(
                        URI.create("/v1/routes/" + r.getId()))
                    .entity(RouteView.of(r))
                    .build());
  }

  @PUT
  @Path("{id}")
  @RolesAllowed(Roles.ADMIN)
  public Uni<RouteView> update(@PathParam("id") UUID id, @Valid @NotNull RouteRequest request) {
    return routing.update(id, request.definition(), request.position()).map(RouteView::of);
  }

  @DELETE
  @Path("{id}")
  @RolesAllowed(Roles.ADMIN)
  public Uni<RestResponse<Void>> delete(@PathParam("id") UUID id) {
    return routing.delete(id).map(v -> RestResponse.noContent());
  }
}
