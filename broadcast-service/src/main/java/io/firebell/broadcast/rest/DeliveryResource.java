package io.firebell.broadcast.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.firebell.broadcast.delivery.DeliveryLog;
import io.firebell.platform.problem.ProblemException;
import io.firebell.platform.security.Roles;
import io.firebell.platform.webhooks.StandardWebhooks;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Every message sent to every endpoint, with every attempt; dead letters can be replayed. */
@Path("/v1/deliveries")
@Tag(name = "Deliveries")
@SecurityRequirement(name = "jwt")
public class DeliveryResource {

  private static final int DEFAULT_LIMIT = 50;
  private static final int MAX_LIMIT = 200;

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

  @Schema(name = "DeliveryPage")
  public record DeliveryPage(
      List<DeliveryView> items,
      @Schema(description = "Opaque; pass it as ?cursor= for the next page. Null on the last page.")
          String nextCursor) {}

  @GET
  @RolesAllowed(Roles.COMMUNICATOR)
  @Operation(
      summary = "List deliveries",
      description =
          "Newest first, filtered by status, endpoint, incident and message; cursor-paginated:"
              + " pass nextCursor as cursor.")
  @APIResponse(responseCode = "400", description = "Invalid filter, limit or cursor")
  public Uni<DeliveryPage> list(
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
    int size = limit == null ? DEFAULT_LIMIT : limit;
    if (size < 1 || size > MAX_LIMIT) {
      throw ProblemException.invalid("limit", "must be between 1 and " + MAX_LIMIT);
    }
    Long before = null;
    if (cursor != null && !cursor.isBlank()) {
      try {
        before =
            Long.parseLong(
                new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
      } catch (RuntimeException e) {
        throw ProblemException.invalid("cursor", "is not a cursor this API handed out");
      }
    }
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
            rows -> {
              boolean more = rows.size() > size;
              List<DeliveryLog.Summary> page = more ? rows.subList(0, size) : rows;
              String next =
                  more
                      ? Base64.getUrlEncoder()
                          .withoutPadding()
                          .encodeToString(
                              Long.toString(page.get(page.size() - 1).seq())
                                  .getBytes(StandardCharsets.UTF_8))
                      : null;
              return new DeliveryPage(
                  page.stream().map(s -> DeliveryView.of(s, null)).toList(), next);
            });
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
