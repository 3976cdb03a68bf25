package io.firebell.broadcast.rest;

import io.firebell.broadcast.model.Audience;
import io.firebell.broadcast.service.AudienceService;
import io.firebell.platform.problem.ProblemException;
import io.firebell.platform.security.Roles;
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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/audiences")
@Tag(name = "Audiences")
public class AudienceResource {

  static final String KEY = "^[a-z][a-z0-9_]{1,62}$";

  private final AudienceService audiences;

  public AudienceResource(AudienceService audiences) {
    this.audiences = audiences;
  }

  public record CreateAudienceRequest(
      @NotBlank @Pattern(regexp = KEY, message = "lower-case letters, digits and _, 2-63 chars")
          String key,
      @NotBlank @Size(max = 200) String name,
      @NotBlank @Schema(description = "internal or external") String scope,
      @NotBlank @Schema(description = "engineering or service") String register,
      @Size(max = 2000) String description,
      @Size(max = 8000)
          @Schema(
              description =
                  "This audience's own words for stakeholder updates: a Qute template over u (reference, severity, services, warRoomUrl, statusLabel, headline, impact, expectedRecovery, nextUpdate, followUps, statusPageUrl), e.g. \"Dear customer, {u.headline} {u.impact}\"; when creating, absent: the register's template; when changing, absent: unchanged, empty: back to the register's template. A template that does not parse or render is 422.")
          String updateTemplate) {}

  public record ChangeAudienceRequest(
      @NotBlank @Size(max = 200) String name,
      @NotBlank @Schema(description = "internal or external") String scope,
      @NotBlank @Schema(description = "engineering or service") String register,
      @Size(max = 2000) String description,
      @Size(max = 8000)
          @Schema(
              description =
                  "This audience's own words for stakeholder updates: a Qute template over u (reference, severity, services, warRoomUrl, statusLabel, headline, impact, expectedRecovery, nextUpdate, followUps, statusPageUrl), e.g. \"Dear customer, {u.headline} {u.impact}\"; when creating, absent: the register's template; when changing, absent: unchanged, empty: back to the register's template. A template that does not parse or render is 422.")
          String updateTemplate) {}

  public record AudienceView(
      String key,
      String name,
      String scope,
      String register,
      String description,
      @Schema(description = "The audience's own update template, or null: its register's")
          String updateTemplate,
      Instant createdAt,
      Instant updatedAt) {

    static AudienceView of(Audience a) {
      return new AudienceView(
          a.key(),
          a.name(),
          a.scope(),
          a.register(),
          a.description(),
          a.updateTemplate(),
          a.createdAt(),
          a.updatedAt());
    }
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  @Operation(summary = "Every audience, internal first")
  public Uni<List<AudienceView>> list() {
    return audiences.list().map(l -> l.stream().map(AudienceView::of).toList());
  }

  @GET
  @Path("/{key}")
  @RolesAllowed(Roles.VIEWER)
  @Operation(summary = "One audience")
  public Uni<AudienceView> get(@PathParam("key") String key) {
    return audiences.get(key).map(AudienceView::of);
  }

  @POST
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Add an audience",
      description =
          "scope internal (hears the fire alarm) or external (only structured updates, with all"
              + " three items); register engineering or service (no system terms).")
  public Uni<Response> create(@Valid @NotNull CreateAudienceRequest r) {
    AudienceService.Definition d =
        definition(r.name(), r.scope(), r.register(), r.description(), r.updateTemplate());
    return audiences
        .create(r.key(), d)
        .map(
            a ->
                Response.created(URI.create("/v1/audiences/" + a.key()))
                    .entity(AudienceView.of(a))
                    .build());
  }

  @PUT
  @Path("/{key}")
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Change an audience's name, scope, register, description or update template",
      description =
          "name, scope, register and description are replaced; updateTemplate is kept when left out, replaced when given, and an empty string goes back to the register's template.")
  public Uni<AudienceView> change(
      @PathParam("key") String key, @Valid @NotNull ChangeAudienceRequest r) {
    return audiences
        .change(
            key, definition(r.name(), r.scope(), r.register(), r.description(), r.updateTemplate()))
        .map(AudienceView::of);
  }

  @DELETE
  @Path("/{key}")
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Remove an audience and its subscriptions")
  public Uni<Response> delete(@PathParam("key") String key) {
    return audiences.delete(key).replaceWith(Response.noContent().build());
  }

  private static AudienceService.Definition definition(
      String name, String scope, String register, String description, String updateTemplate) {
    if (!Audience.SCOPES.contains(scope)) {
      throw ProblemException.invalid("scope", "must be one of " + Audience.SCOPES);
    }
    if (!Audience.REGISTERS.contains(register)) {
      throw ProblemException.invalid("register", "must be one of " + Audience.REGISTERS);
    }
    return new AudienceService.Definition(
        name.strip(),
        scope,
        register,
        description == null ? null : description.strip(),
        updateTemplate == null || !updateTemplate.isBlank() ? updateTemplate : "");
  }
}
