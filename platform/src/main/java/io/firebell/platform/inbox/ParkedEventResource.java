package io.firebell.platform.inbox;

import io.firebell.platform.rest.CursorPage;
import io.firebell.platform.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Records this service's consumers could not apply (docs/events.md, "Events that cannot be
 * applied"). Every service serves it; only admins may use it.
 */
@Path("/v1/admin/parked-events")
@Tag(
    name = "Parked events",
    description =
        "Kafka records a consumer of this service could not apply: malformed records at once,"
            + " others after firebell.inbox.max-attempts failed attempts. The partition moved on;"
            + " the record waits here for an admin to replay or discard it.")
@RolesAllowed(Roles.ADMIN)
public class ParkedEventResource {

  private final ParkedEvents parked;
  private final SecurityIdentity identity;

  public ParkedEventResource(ParkedEvents parked, SecurityIdentity identity) {
    this.parked = parked;
    this.identity = identity;
  }

  /** A header of the record; its value as UTF-8 text (CloudEvent headers are text). */
  public record HeaderView(String name, String value) {}

  @Schema(name = "ParkedEvent")
  public record ParkedEventView(
      UUID id,
      @Schema(description = "The consumer that parked it, e.g. review.incident-facts")
          String consumer,
      String topic,
      int partition,
      long offset,
      @Schema(description = "The record key (the aggregate id)") String key,
      @Schema(description = "The CloudEvent id (ce_id), null when the envelope was unreadable")
          UUID eventId,
      @Schema(description = "The CloudEvent type (ce_type), null when the record had none")
          String eventType,
      @Schema(description = "The class of the last error") String errorClass,
      @Schema(description = "The message of the last error") String errorMessage,
      @Schema(description = "Attempts at its effect so far, failed replays included") int attempts,
      Instant firstFailedAt,
      Instant lastFailedAt,
      Instant parkedAt,
      @Schema(description = "The record's headers; only in GET /v1/admin/parked-events/{id}")
          List<HeaderView> headers,
      @Schema(description = "The record value as Base64; only in GET …/{id}") String valueBase64,
      @Schema(description = "The record value as text when it is valid UTF-8; only in GET …/{id}")
          String valueText) {

    static ParkedEventView summary(ParkedEvent p) {
      return view(p, null, null, null);
    }

    static ParkedEventView detail(ParkedEvent p) {
      return view(
          p,
          p.headers().stream()
              .map(h -> new HeaderView(h.name(), ParkedEvent.text(h.value())))
              .toList(),
          p.value() == null ? null : Base64.getEncoder().encodeToString(p.value()),
          utf8(p.value()));
    }

    private static ParkedEventView view(
        ParkedEvent p, List<HeaderView> headers, String valueBase64, String valueText) {
      return new ParkedEventView(
          p.id(),
          p.consumer(),
          p.topic(),
          p.partition(),
          p.offset(),
          p.key(),
          p.eventId(),
          p.eventType(),
          p.errorClass(),
          p.errorMessage(),
          p.attempts(),
          p.firstFailedAt(),
          p.lastFailedAt(),
          p.parkedAt(),
          headers,
          valueBase64,
          valueText);
    }

    private static String utf8(byte[] bytes) {
      if (bytes == null) {
        return null;
      }
      try {
        return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
      } catch (CharacterCodingException e) {
        return null;
      }
    }
  }

  public record ReplayResult(
      UUID id,
      @Schema(
              description =
                  "applied: the consumer applied the event; skipped: it had been processed"
                      + " already, or the consumer does not handle its type. Either way it is no"
                      + " longer parked.")
          String outcome) {}

  @GET
  @Operation(
      summary = "Parked records, oldest first",
      description = "A cursor page; filter by consumer with ?consumer=.")
  public Uni<CursorPage<ParkedEventView>> list(
      @QueryParam("consumer") String consumer,
      @QueryParam("cursor") String cursor,
      @Parameter(description = "1 to 200, 50 by default") @QueryParam("limit") Integer limit) {
    int size = CursorPage.limit(limit);
    CursorPage.After after = CursorPage.after(cursor);
    return parked
        .page(after.at(), after.id(), consumer, size + 1)
        .map(
            rows ->
                CursorPage.of(
                    rows, size, ParkedEventView::summary, p -> p.parkedAt() + "|" + p.id()));
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "A parked record with its headers and value")
  public Uni<ParkedEventView> get(@PathParam("id") UUID id) {
    return parked.get(id).map(ParkedEventView::detail);
  }

  @POST
  @Path("/{id}/replay")
  @Operation(
      summary = "Run a parked record through its consumer again",
      description =
          "Applies the event once through the consumer's inbox, in one transaction with removing"
              + " it from the parked records: an event that was processed meanwhile is not applied"
              + " twice. If the consumer fails again the record stays parked with the new error"
              + " (409).")
  @APIResponse(responseCode = "200", description = "Replayed; no longer parked")
  @APIResponse(
      responseCode = "409",
      description = "The consumer failed again (or does not run in this service); still parked")
  public Uni<ReplayResult> replay(@PathParam("id") UUID id) {
    return parked
        .replay(id, identity.getPrincipal().getName())
        .map(outcome -> new ReplayResult(id, outcome.name().toLowerCase(java.util.Locale.ROOT)));
  }

  @DELETE
  @Path("/{id}")
  @Operation(
      summary = "Discard a parked record without applying it",
      description = "The service's log keeps what was discarded and by whom.")
  public Uni<RestResponse<Void>> discard(@PathParam("id") UUID id) {
    return parked.discard(id, identity.getPrincipal().getName()).map(v -> RestResponse.noContent());
  }
}
