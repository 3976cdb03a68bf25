package io.firebell.detection.rest;

import io.firebell.contracts.detection.AlertReceived;
import io.firebell.detection.ingest.AlertPublisher;
import io.firebell.detection.ingest.DatadogWebhook;
import io.firebell.detection.ingest.IngestLimits;
import io.firebell.detection.ingest.NativeEvent;
import io.firebell.detection.ingest.Normalizer;
import io.firebell.detection.ingest.WebhookPayload;
import io.firebell.platform.integration.IntegrationCaller;
import io.firebell.platform.integration.IntegrationKind;
import io.firebell.platform.openapi.CallersOpenApiFilter;
import io.firebell.platform.problem.Problem;
import io.firebell.platform.problem.ProblemException;
import io.firebell.platform.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Ingest, as each tool sends it. Every endpoint authenticates its integration, normalizes and
 * routes every alert in memory, produces it to {@code firebell.alerts.v1} and answers 202 only once
 * the broker acknowledged all of them. Nothing is written to the database here.
 *
 * <p>Every endpoint answers 503 problem+json with {@code Retry-After} when the broker cannot make
 * the alerts durable (at once while it is known to be down, else after {@code ack-timeout}), or
 * when the database cannot check a token that is not cached; the webhooks bound a request's work
 * before expanding it (413 and 422, {@link IngestLimits}).
 */
@APIResponse(
    responseCode = "202",
    description = "Accepted: every alert of the request is on Kafka (acks=all)")
@APIResponse(
    responseCode = "413",
    description =
        "The body is above quarkus.http.limits.max-body-size, or (webhooks) the alerts it would"
            + " become, common annotations copied into each, are above"
            + " firebell.detection.ingest.max-expanded-bytes; nothing was accepted")
@APIResponse(
    responseCode = "422",
    description =
        "A limit was exceeded: alerts per request, labels or annotations per alert, key or value"
            + " length (the problem names the field and the limit); nothing was accepted")
@APIResponse(
    responseCode = "503",
    description =
        "The broker (or, for a token not cached, the database) is unavailable: nothing was"
            + " accepted; retry after the Retry-After header's seconds")
@Path("/v1/ingest")
@Tag(name = "Ingest")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class IngestResource {

  private final SecurityIdentity identity;
  private final Normalizer normalizer;
  private final AlertPublisher publisher;
  private final IngestLimits limits;
  private final Clock clock;

  public IngestResource(
      SecurityIdentity identity,
      Normalizer normalizer,
      AlertPublisher publisher,
      IngestLimits limits,
      Clock clock) {
    this.identity = identity;
    this.normalizer = normalizer;
    this.publisher = publisher;
    this.limits = limits;
    this.clock = clock;
  }

  /** The answer of the webhook endpoints. */
  public record Accepted(String status, int alerts, List<String> routeKeys) {
    static Accepted of(List<AlertReceived> alerts) {
      return new Accepted(
          "accepted",
          alerts.size(),
          alerts.stream().map(AlertReceived::routeKey).distinct().toList());
    }
  }

  @POST
  @Path("alertmanager")
  @RolesAllowed(Roles.INTEGRATION)
  @Extension(
      name = CallersOpenApiFilter.INTEGRATION_KINDS,
      value = "[\"alertmanager\"]",
      parseValue = true)
  @Operation(
      summary = "Prometheus Alertmanager webhook (version 4)",
      description =
          "Point an Alertmanager webhook_configs receiver here with http_config.authorization"
              + " credentials = an alertmanager integration token.")
  public Uni<RestResponse<Accepted>> alertmanager(@Valid @NotNull WebhookPayload payload) {
    IntegrationCaller caller = caller(IntegrationKind.ALERTMANAGER);
    requireVersion(payload, "4", "Alertmanager webhook version 4");
    return webhook(payload, "alertmanager", caller.id());
  }

  @POST
  @Path("grafana")
  @RolesAllowed(Roles.INTEGRATION)
  @Extension(
      name = CallersOpenApiFilter.INTEGRATION_KINDS,
      value = "[\"grafana\"]",
      parseValue = true)
  @Operation(summary = "Grafana Alerting webhook contact point (version 1)")
  public Uni<RestResponse<Accepted>> grafana(@Valid @NotNull WebhookPayload payload) {
    IntegrationCaller caller = caller(IntegrationKind.GRAFANA);
    requireVersion(payload, "1", "Grafana Alerting webhook version 1");
    return webhook(payload, "grafana", caller.id());
  }

  @POST
  @Path("datadog")
  @RolesAllowed(Roles.INTEGRATION)
  @Extension(
      name = CallersOpenApiFilter.INTEGRATION_KINDS,
      value = "[\"datadog\"]",
      parseValue = true)
  @Operation(summary = "Datadog webhook with Firebell's payload template (docs/detection.md)")
  public Uni<RestResponse<Accepted>> datadog(@Valid @NotNull DatadogWebhook payload) {
    IntegrationCaller caller = caller(IntegrationKind.DATADOG);
    List<AlertReceived> alerts =
        List.of(normalizer.datadog(payload, caller.id(), Instant.now(clock)));
    return publisher.publish(alerts).map(v -> RestResponse.accepted(Accepted.of(alerts)));
  }

  @POST
  @Path("events")
  @RolesAllowed(Roles.INTEGRATION)
  @Extension(
      name = CallersOpenApiFilter.INTEGRATION_KINDS,
      value = "[\"native\"]",
      parseValue = true)
  @Operation(summary = "Firebell's native alert event")
  public Uni<RestResponse<Accepted>> events(@Valid @NotNull NativeEvent event) {
    IntegrationCaller caller = caller(IntegrationKind.NATIVE);
    List<AlertReceived> alerts =
        List.of(normalizer.nativeEvent(event, caller.id(), Instant.now(clock)));
    return publisher.publish(alerts).map(v -> RestResponse.accepted(Accepted.of(alerts)));
  }

  private Uni<RestResponse<Accepted>> webhook(
      WebhookPayload payload, String sourceKind, UUID integrationId) {
    limits.check(payload);
    List<Problem.FieldError> errors = payload.alertErrors();
    if (!errors.isEmpty()) {
      throw new ProblemException(
          400,
          "validation",
          "Invalid request",
          errors.stream()
              .map(f -> f.field() + ": " + f.message())
              .collect(Collectors.joining("; ")),
          errors);
    }
    List<AlertReceived> alerts =
        normalizer.webhook(payload, sourceKind, integrationId, Instant.now(clock));
    return publisher.publish(alerts).map(v -> RestResponse.accepted(Accepted.of(alerts)));
  }

  private static void requireVersion(WebhookPayload payload, String version, String what) {
    if (!version.equals(payload.version())) {
      throw ProblemException.invalid("version", "must be \"" + version + "\" (" + what + ")");
    }
  }

  private IntegrationCaller caller(IntegrationKind kind) {
    IntegrationCaller caller = IntegrationCaller.of(identity);
    if (caller == null) {
      throw ProblemException.forbidden(
          "ingest takes an integration token (Authorization: Bearer fbi_…), not a person's token");
    }
    return caller.requireKind(Set.of(kind));
  }
}
