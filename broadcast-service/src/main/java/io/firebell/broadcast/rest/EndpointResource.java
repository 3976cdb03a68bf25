package io.firebell.broadcast.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.firebell.broadcast.delivery.EndpointRegistry;
import io.firebell.broadcast.model.Endpoint;
import io.firebell.platform.json.MergePatch;
import io.firebell.platform.outbound.OutboundGuard;
import io.firebell.platform.problem.ProblemException;
import io.firebell.platform.rest.CursorPage;
import io.firebell.platform.secrets.Redaction;
import io.firebell.platform.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Where messages go: Slack and Teams webhooks and generic, signed receivers. Admins register and
 * change them; anyone signed in may look, but only admins read a URL whole: it is a credential
 * (Slack and Teams put their secret in it), so others get its redacted form. A webhook endpoint's
 * secret is shown once, in the answer that created or rotated it.
 */
@Path("/v1/endpoints")
@Tag(name = "Endpoints")
public class EndpointResource {

  private static final Set<String> KINDS = Set.of(Endpoint.SLACK, Endpoint.TEAMS, Endpoint.WEBHOOK);
  private static final int MAX_NAME = 200;
  private static final int MAX_URL = 2048;

  private final EndpointRegistry registry;
  private final SecurityIdentity identity;
  private final Clock clock;

  public EndpointResource(EndpointRegistry registry, SecurityIdentity identity, Clock clock) {
    this.registry = registry;
    this.identity = identity;
    this.clock = clock;
  }

  @Schema(name = "CreateEndpointRequest")
  public record CreateRequest(
      @Schema(required = true, maxLength = MAX_NAME, examples = "Store owners (Slack)") String name,
      @Schema(
              required = true,
              enumeration = {"slack", "teams", "webhook"})
          String kind,
      @Schema(required = true, maxLength = MAX_URL, description = OutboundGuard.URL_RULE)
          String url) {}

  @Schema(name = "ChangeEndpointRequest", description = "Fields left out stay as they are.")
  public record ChangeRequest(String name, String url, Boolean enabled) {}

  @Schema(name = "Endpoint")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record EndpointView(
      UUID id,
      String name,
      String kind,
      @Schema(
              description =
                  "The whole URL for admins; for everyone else its redacted form, scheme, host and"
                      + " the last four characters (https://hooks.slack.com/…Xy9Z), because the"
                      + " URL is a credential")
          String url,
      boolean enabled,
      @Schema(description = "Why it is disabled, e.g. the receiver answered 410 Gone")
          String disabledReason,
      @Schema(
              description =
                  "The Standard Webhooks signing secret (whsec_…): only in the answer that"
                      + " created or rotated it, never again")
          String secret,
      @Schema(
              description =
                  "Until when the previous secret is still signed with (after a rotation)")
          Instant previousSecretValidUntil,
      @Schema(description = "Consecutive failed attempts (circuit breaker)")
          int consecutiveFailures,
      @Schema(description = "While in the future, deliveries to it are postponed (circuit open)")
          Instant circuitOpenUntil,
      Instant createdAt,
      Instant updatedAt) {

    static EndpointView of(Endpoint e, String secret, boolean wholeUrl, Instant now) {
      Instant grace =
          e.previousSecretExpiresAt != null && e.previousSecretExpiresAt.isAfter(now)
              ? e.previousSecretExpiresAt
              : null;
      return new EndpointView(
          e.id,
          e.name,
          e.kind,
          wholeUrl ? e.url : Redaction.url(e.url),
          e.enabled,
          e.disabledReason,
          secret,
          grace,
          e.consecutiveFailures,
          e.circuitOpenUntil,
          e.createdAt,
          e.updatedAt);
    }
  }

  @POST
  @RolesAllowed(Roles.ADMIN)
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Register an endpoint",
      description =
          "Checks the URL's host with the outbound guard (422 naming the refused address class,"
              + " or an ambiguous IPv4 literal). A webhook endpoint's answer carries its signing"
              + " secret, shown this once.")
  @APIResponse(responseCode = "201", description = "Registered")
  @APIResponse(responseCode = "400", description = "Missing or invalid field")
  @APIResponse(
      responseCode = "422",
      description = "The URL's host is an ambiguous IPv4 literal or resolves to a refused address")
  public Uni<RestResponse<EndpointView>> create(CreateRequest request, UriInfo uri) {
    if (request == null) {
      throw ProblemException.badRequest("a JSON body with name, kind and url is required");
    }
    String name = name(request.name(), true);
    if (request.kind() == null || !KINDS.contains(request.kind())) {
      throw ProblemException.invalid("kind", "must be one of slack, teams, webhook");
    }
    String url = url(request.url(), true);
    return registry
        .checkUrl(url)
        .chain(() -> registry.create(name, request.kind(), url))
        .map(
            created ->
                RestResponse.ResponseBuilder.<EndpointView>create(Response.Status.CREATED)
                    .location(
                        uri.getAbsolutePathBuilder().path(created.endpoint().id.toString()).build())
                    .entity(view(created.endpoint(), created.secret()))
                    .type(MediaType.APPLICATION_JSON)
                    .build());
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary = "List endpoints",
      description =
          "In registration order; cursor-paginated: pass nextCursor as cursor. URLs are whole for"
              + " admins only, redacted for everyone else.")
  public Uni<CursorPage<EndpointView>> list(
      @Parameter(description = "1-200, default 50") @QueryParam("limit") Integer limit,
      @QueryParam("cursor") String cursor) {
    int size = CursorPage.limit(limit);
    CursorPage.After after = CursorPage.after(cursor);
    return registry
        .page(after.at(), after.id(), size + 1)
        .map(rows -> CursorPage.of(rows, size, e -> view(e, null), e -> e.createdAt + "|" + e.id));
  }

  @GET
  @Path("/{id}")
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary = "One endpoint",
      description =
          "Never shows the secret; the URL is whole for admins only, redacted for everyone else.")
  @APIResponse(responseCode = "404", description = "No such endpoint")
  public Uni<EndpointView> get(@PathParam("id") UUID id) {
    return registry.get(id).map(e -> view(e, null));
  }

  @PATCH
  @Path("/{id}")
  @RolesAllowed(Roles.ADMIN)
  @Consumes({MediaType.APPLICATION_JSON, MergePatch.MEDIA_TYPE})
  @Operation(
      summary = "Change an endpoint",
      description =
          "Name, url (checked by the outbound guard again) and enabled. Enabling an endpoint that"
              + " answered 410 resumes its queued deliveries.")
  @APIResponse(responseCode = "400", description = "Missing or invalid field")
  @APIResponse(responseCode = "404", description = "No such endpoint")
  @APIResponse(
      responseCode = "422",
      description = "The URL's host is an ambiguous IPv4 literal or resolves to a refused address")
  public Uni<EndpointView> change(@PathParam("id") UUID id, ChangeRequest request) {
    if (request == null
        || (request.name() == null && request.url() == null && request.enabled() == null)) {
      throw ProblemException.badRequest("nothing to change: give name, url or enabled");
    }
    String name = name(request.name(), false);
    String url = url(request.url(), false);
    Uni<Void> check = url == null ? Uni.createFrom().voidItem() : registry.checkUrl(url);
    return check
        .chain(() -> registry.change(id, new EndpointRegistry.Change(name, url, request.enabled())))
        .map(e -> view(e, null));
  }

  @DELETE
  @Path("/{id}")
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Remove an endpoint",
      description =
          "With its deliveries and the subscriptions that use it; the deliveries go in batches of"
              + " short transactions, and at most two removals run at once (others wait), so a"
              + " mass removal during a fan-out leaves the service ready.")
  @APIResponse(responseCode = "204", description = "Removed")
  @APIResponse(responseCode = "404", description = "No such endpoint")
  public Uni<RestResponse<Void>> delete(@PathParam("id") UUID id) {
    return registry.delete(id).map(ignored -> RestResponse.noContent());
  }

  @POST
  @Path("/{id}/secret/rotate")
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Rotate a webhook endpoint's signing secret",
      description =
          "Answers with the new secret, shown this once. The old one stays valid for the grace"
              + " period (firebell.broadcast.delivery.secret-rotation-grace, default 24 h):"
              + " until then every delivery is signed with both (webhook-signature: v1,<new>"
              + " v1,<old>). With revokePrevious=true (the old secret leaked) the old one, and"
              + " any earlier one still in its grace period, is never signed with again.")
  @APIResponse(responseCode = "404", description = "No such endpoint")
  @APIResponse(responseCode = "409", description = "Not a webhook endpoint")
  public Uni<EndpointView> rotateSecret(
      @PathParam("id") UUID id,
      @Parameter(description = "Stop signing with the old secret at once (default false)")
          @QueryParam("revokePrevious")
          @DefaultValue("false")
          boolean revokePrevious) {
    return registry
        .rotateSecret(id, revokePrevious)
        .map(rotated -> view(rotated.endpoint(), rotated.secret()));
  }

  /** The view this caller may read: the URL whole for admins (who manage endpoints) only. */
  private EndpointView view(Endpoint e, String secret) {
    return EndpointView.of(e, secret, identity.hasRole(Roles.ADMIN), Instant.now(clock));
  }

  private static String name(String name, boolean required) {
    if (name == null) {
      if (required) {
        throw ProblemException.invalid("name", "is required");
      }
      return null;
    }
    String trimmed = name.trim();
    if (trimmed.isEmpty()) {
      throw ProblemException.invalid("name", "must not be blank");
    }
    if (trimmed.length() > MAX_NAME) {
      throw ProblemException.invalid("name", "must be at most " + MAX_NAME + " characters");
    }
    return trimmed;
  }

  private static String url(String url, boolean required) {
    if (url == null) {
      if (required) {
        throw ProblemException.invalid("url", "is required");
      }
      return null;
    }
    String trimmed = url.trim();
    if (trimmed.length() > MAX_URL) {
      throw ProblemException.invalid("url", "must be at most " + MAX_URL + " characters");
    }
    String problem = OutboundGuard.urlProblem(trimmed);
    if (problem != null) {
      throw ProblemException.invalid("url", problem);
    }
    return trimmed;
  }
}
