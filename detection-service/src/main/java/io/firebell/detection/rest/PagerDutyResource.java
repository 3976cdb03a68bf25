package io.firebell.detection.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.firebell.detection.ingest.AlertPublisher;
import io.firebell.detection.ingest.Normalizer;
import io.firebell.detection.ingest.PagerDutyEvent;
import io.firebell.detection.ingest.RoutingKeys;
import io.firebell.platform.integration.IntegrationKind;
import io.firebell.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * PagerDuty Events API v2 ({@code POST /v2/enqueue}): the integration token travels in the body as
 * {@code routing_key}, so the endpoint authenticates it itself.
 */
@Path("/v2/enqueue")
@Tag(name = "Ingest")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class PagerDutyResource {

  private final Normalizer normalizer;
  private final AlertPublisher publisher;
  private final RoutingKeys routingKeys;
  private final Clock clock;

  public PagerDutyResource(
      Normalizer normalizer, AlertPublisher publisher, RoutingKeys routingKeys, Clock clock) {
    this.normalizer = normalizer;
    this.publisher = publisher;
    this.routingKeys = routingKeys;
    this.clock = clock;
  }

  /** PagerDuty's own answer, field for field. */
  public record PagerDutyAccepted(
      String status,
      String message,
      @com.fasterxml.jackson.annotation.JsonProperty("dedup_key") String dedupKey) {}

  @POST
  @PermitAll
  @APIResponse(responseCode = "202", description = "Accepted: the event is on Kafka (acks=all)")
  @APIResponse(
      responseCode = "413",
      description =
          "The body is above quarkus.http.limits.max-body-size, or the alert it becomes above"
              + " firebell.detection.ingest.max-expanded-bytes")
  @APIResponse(
      responseCode = "503",
      description =
          "The broker (or, for a routing key not cached, the database) is unavailable: nothing was"
              + " accepted; retry after the Retry-After header's seconds")
  @Operation(
      summary = "PagerDuty Events API v2 (alert events)",
      description = "routing_key is a pagerduty integration token.")
  public Uni<RestResponse<PagerDutyAccepted>> enqueue(@NotNull JsonNode body) {
    PagerDutyEvent event = PagerDutyEvent.parse(body).withDedupKey();
    return routingKeys
        .authenticate(event.routingKey())
        .map(
            caller -> {
              if (caller == null) {
                throw new ProblemException(
                    401,
                    "unauthorized",
                    "Unauthorized",
                    "routing_key is not the token of any integration",
                    null);
              }
              if (caller.kind() != IntegrationKind.PAGERDUTY) {
                throw ProblemException.forbidden(
                    "integration '"
                        + caller.name()
                        + "' is a "
                        + caller.kind().wireName()
                        + " integration; /v2/enqueue takes [pagerduty]");
              }
              return normalizer.pagerDuty(event, caller.id(), Instant.now(clock));
            })
        .chain(
            alert ->
                publisher
                    .publish(List.of(alert))
                    .map(
                        v ->
                            RestResponse.accepted(
                                new PagerDutyAccepted(
                                    "success", "Event processed", event.dedupKey()))));
  }
}
