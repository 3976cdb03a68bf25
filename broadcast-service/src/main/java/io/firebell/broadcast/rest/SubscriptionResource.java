package io.firebell.broadcast.rest;

import io.firebell.broadcast.model.Subscription;
import io.firebell.broadcast.service.SubscriptionService;
import io.firebell.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/subscriptions")
@Tag(name = "Subscriptions")
public class SubscriptionResource {

  private final SubscriptionService subscriptions;

  public SubscriptionResource(SubscriptionService subscriptions) {
    this.subscriptions = subscriptions;
  }

  public record CreateSubscriptionRequest(
      @NotBlank String audience,
      @NotNull UUID endpointId,
      @Schema(description = "Only incidents in one of these domains; empty: any") @Size(max = 100)
          List<@NotBlank @Size(max = 200) String> domains,
      @Schema(description = "Only incidents affecting one of these services; empty: any")
          @Size(max = 100)
          List<@NotBlank @Size(max = 200) String> services,
      @Schema(description = "Only incidents of this grade or more severe (SEV1 is the most)")
          @Pattern(regexp = "^SEV[1-9]$", message = "must be SEV1 … SEV9")
          String minSeverity,
      @Schema(
              description =
                  "Only incidents of these kinds (how they were detected): system_alarm, business_metric, external_integration, cs_inquiry, partner_report, employee, manual; empty: any")
          @Size(max = 7)
          List<@NotBlank String> kinds) {}

  public record SubscriptionView(
      UUID id,
      String audience,
      UUID endpointId,
      List<String> domains,
      List<String> services,
      String minSeverity,
      @Schema(description = "The kinds of incident listened to; empty: any") List<String> kinds,
      Instant createdAt) {

    static SubscriptionView of(Subscription s) {
      return new SubscriptionView(
          s.id(),
          s.audienceKey(),
          s.endpointId(),
          s.domains(),
          s.services(),
          s.minSeverity(),
          s.kinds(),
          s.createdAt());
    }
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary = "Subscriptions, oldest first",
      description = "Filter by audience, endpointId.")
  public Uni<List<SubscriptionView>> list(
      @QueryParam("audience") String audience,
      @QueryParam("endpointId") UUID endpointId,
      @QueryParam("limit") @DefaultValue("500") @Min(1) @Max(10000) int limit) {
    return subscriptions
        .list(audience, endpointId, limit)
        .map(l -> l.stream().map(SubscriptionView::of).toList());
  }

  @GET
  @Path("/{id}")
  @RolesAllowed(Roles.VIEWER)
  @Operation(summary = "One subscription")
  public Uni<SubscriptionView> get(@PathParam("id") UUID id) {
    return subscriptions.get(id).map(SubscriptionView::of);
  }

  @POST
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Subscribe an endpoint to an audience",
      description =
          "Unknown audience or endpoint: 422; the same pair twice: 409. Filters narrow what the"
              + " endpoint hears: domains, services, minimum severity and incident kinds (how"
              + " widely news goes depends on the type of incident); an incident of unknown kind"
              + " passes a kind filter.")
  public Uni<Response> create(@Valid @NotNull CreateSubscriptionRequest r) {
    return subscriptions
        .create(
            r.audience(),
            r.endpointId(),
            new SubscriptionService.Filters(r.domains(), r.services(), r.minSeverity(), r.kinds()))
        .map(
            s ->
                Response.created(URI.create("/v1/subscriptions/" + s.id()))
                    .entity(SubscriptionView.of(s))
                    .build());
  }

  @DELETE
  @Path("/{id}")
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Remove a subscription")
  public Uni<Response> delete(@PathParam("id") UUID id) {
    return subscriptions.delete(id).replaceWith(Response.noContent().build());
  }
}
