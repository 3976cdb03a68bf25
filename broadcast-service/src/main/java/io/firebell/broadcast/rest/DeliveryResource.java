package io.firebell.broadcast.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.firebell.broadcast.delivery.DeliveryLog;
import io.firebell.platform.problem.ProblemException;
import io.firebell.platform.rest.CursorPage;
import io.firebell.platform.security.Roles;
import io.firebell.platform.webhooks.StandardWebhooks;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Every message sent to every endpoint, with every attempt; dead letters can be replayed. */
@Path("/v1/deliveries")
@Tag(name = "Deliveries")
public class DeliveryResource {

  private final DeliveryLog log;

  public DeliveryResource(DeliveryLog log) {
    this.log = log;
  }

  @Schema(name = "Delivery")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record DeliveryView(
      UUID id,
      @Schema(enumeration = {"announcement", "update", "report_share"}) String messageKind,
      UUID messageId,
      UUID incidentId,
      UUID endpointId,
      String endpointName,
      @Schema(enumeration = {"slack", "teams", "webhook"}) String channel,
      String audience,
      @Schema(
              enumeration = {"pending", "failed", "succeeded", "dead"},
              description =
                  "pending: queued; failed: the last attempt failed, a retry is due at"
                      + " nextAttemptAt; succeeded: answered 2xx; dead: dead-lettered (replay it)")
          String status,
      @Schema(description = "The webhook-id header (webhook endpoints), the same on every attempt")
          String webhookId,
      int attempts,
      Integer lastHttpStatus,
      String lastError,
      @Schema(description = "When the next attempt is due (later while the circuit is open)")
          Instant nextAttemptAt,
      Instant createdAt,
      Instant updatedAt,
      Instant deliveredAt,
      @Schema(description = "Every attempt, oldest first (only on GET /v1/deliveries/{id})")
          List<AttemptView> attemptLog) {

    static DeliveryView of(DeliveryLog.Summary s, List<AttemptView> attemptLog) {
      return new DeliveryView(
          s.id(),
          s.messageKind(),
          s.messageId(),
          s.incidentId(),
          s.endpointId(),
          s.endpointName(),
          s.channel(),
          s.audience(),
          s.status(),
          "webhook".equals(s.channel()) ? StandardWebhooks.messageId(s.id()) : null,
          s.attempts(),
          s.lastHttpStatus(),
          s.lastError(),
          s.nextAttemptAt(),
          s.createdAt(),
          s.updatedAt(),
          s.deliveredAt(),
          attemptLog);
    }
  }

  @Schema(name = "DeliveryAttempt")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record AttemptView(
      int attempt,
      Instant startedAt,
      int durationMs,
      @Schema(description = "The answer's status; absent when there was none") Integer httpStatus,
      String error) {}

  @GET
  @RolesAllowed(Roles.COMMUNICATOR)
  @Operation(
      summary = "List deliveries",
      description =
          "Newest first, filtered by status, endpoint, incident and message; cursor-paginated:"
              + " pass nextCursor as cursor.")
  @APIResponse(responseCode = "400", description = "Invalid filter, limit or cursor")
  public Uni<CursorPage<DeliveryView>> list(
      @Parameter(description = "pending, failed, succeeded or dead") @QueryParam("status")
          String status,
      @QueryParam("endpointId") String endpointId,
      @QueryParam("incidentId") String incidentId,
      @QueryParam("messageId") String messageId,
      @Parameter(description = "1-200, default 50") @QueryParam("limit") Integer limit,
      @QueryParam("cursor") String cursor) {
    if (status != null && !DeliveryLog.STATUSES.contains(status)) {
      throw ProblemException.invalid("status", "must be one of " + DeliveryLog.STATUSES);
    }
    int size = CursorPage.limit(limit);
    Long before = CursorPage.seq(cursor);
    DeliveryLog.Filter filter =
        new DeliveryLog.Filter(
            status,
            uuid("endpointId", endpointId),
            uuid("incidentId", incidentId),
            uuid("messageId", messageId),
            before,
            size + 1);
    return log.list(filter)
        .map(
            rows ->
                CursorPage.of(
                    rows, size, s -> DeliveryView.of(s, null), s -> Long.toString(s.seq())));
  }

  @GET
  @Path("/{id}")
  @RolesAllowed(Roles.COMMUNICATOR)
  @Operation(summary = "One delivery with every attempt")
  @APIResponse(responseCode = "404", description = "No such delivery")
  public Uni<DeliveryView> get(@PathParam("id") UUID id) {
    return log.get(id)
        .chain(
            summary ->
                log.attempts(id)
                    .map(
                        attempts ->
                            DeliveryView.of(
                                summary,
                                attempts.stream()
                                    .map(
                                        a ->
                                            new AttemptView(
                                                a.attempt(),
                                                a.startedAt(),
                                                a.durationMs(),
                                                a.httpStatus(),
                                                a.error()))
                                    .toList())));
  }

  @POST
  @Path("/{id}/replay")
  @RolesAllowed(Roles.COMMUNICATOR)
  @Operation(
      summary = "Replay a dead or failed delivery",
      description =
          "Queues it again, due now, with a fresh retry schedule and the same webhook-id (so a"
              + " receiver that got it after all can deduplicate).")
  @APIResponse(responseCode = "404", description = "No such delivery")
  @APIResponse(
      responseCode = "409",
      description = "Pending, succeeded, being sent, or its endpoint is disabled")
  public Uni<DeliveryView> replay(@PathParam("id") UUID id) {
    return log.replay(id).map(s -> DeliveryView.of(s, null));
  }

  private static UUID uuid(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw ProblemException.invalid(field, "must be a UUID");
    }
  }
}
